package jenkins.plugins.git.junit.jupiter;

import jenkins.plugins.git.GitSampleRepoRule;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Stub of git plugin's test {@code jenkins.plugins.git.junit.jupiter.GitSampleRepoExtension} (named by {@link WithGitSampleRepo}). */
public class GitSampleRepoExtension implements ParameterResolver, AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) throws ParameterResolutionException {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public GitSampleRepoRule resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
        throw new UnsupportedOperationException("stub");
    }
}
