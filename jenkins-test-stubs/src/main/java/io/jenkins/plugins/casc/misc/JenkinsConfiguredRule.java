package io.jenkins.plugins.casc.misc;

import org.jvnet.hudson.test.JenkinsRule;

/** Stub of configuration-as-code test-harness {@code io.jenkins.plugins.casc.misc.JenkinsConfiguredRule}, without members. */
public class JenkinsConfiguredRule extends JenkinsRule {
}
