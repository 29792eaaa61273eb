package jenkins.scm;

import hudson.model.Job;
import hudson.model.Run;

/** Stub of jenkins-2.479.3 {@code jenkins.scm.RunWithSCM}, without members. */
public interface RunWithSCM<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT> & RunWithSCM<JobT, RunT>> {
}
