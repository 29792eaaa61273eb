package io.jenkins.plugins.signedwebhook.build;

import java.util.Set;
import org.jvnet.hudson.test.JenkinsRule;

/** jenkins-api-stubs' check, on this jar: no test-harness constant is inlined from a stub. */
class TestStubConstantsTest extends StubConstantsTest {
    @Override
    Class<?> anchor() {
        return JenkinsRule.class;
    }

    @Override
    Set<String> realCompileTimeConstants() {
        return Set.of();
    }
}
