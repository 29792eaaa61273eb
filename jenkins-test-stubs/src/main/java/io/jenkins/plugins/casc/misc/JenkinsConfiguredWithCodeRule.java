package io.jenkins.plugins.casc.misc;

/** Stub of configuration-as-code test-harness {@code io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule}, without members. */
public class JenkinsConfiguredWithCodeRule extends JenkinsConfiguredRule {
}
