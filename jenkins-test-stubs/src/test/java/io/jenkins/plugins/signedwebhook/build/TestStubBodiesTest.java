package io.jenkins.plugins.signedwebhook.build;

import org.jvnet.hudson.test.JenkinsRule;

/** jenkins-api-stubs' checks, on this jar: no test-harness stub may silently return a value. */
class TestStubBodiesTest extends StubBodiesTest {
    @Override
    Class<?> anchor() {
        return JenkinsRule.class;
    }

    @Override
    String[] staticMethodsSurelyChecked() {
        return new String[] {"getLog", "getById", "getUnclassifiedRoot", "get"};
    }

    @Override
    String[] defaultMethodsSurelyChecked() {
        return new String[0];
    }
}
