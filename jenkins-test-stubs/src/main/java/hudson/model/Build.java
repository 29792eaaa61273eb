package hudson.model;

import java.io.IOException;

/** Stub of jenkins-2.479.3 {@code hudson.model.Build}, without members. */
public abstract class Build<P extends Project<P, B>, B extends Build<P, B>> extends AbstractBuild<P, B> {
    protected Build(P project) throws IOException {
        super(project);
        throw new UnsupportedOperationException("stub");
    }
}
