package sample;

import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.InvisibleAction;
import hudson.model.Run;

public class HookEnvironment extends InvisibleAction implements EnvironmentContributingAction {
    private final String ref;

    public HookEnvironment(String ref) {
        this.ref = ref;
    }

    @Override
    public void buildEnvironment(Run<?, ?> run, EnvVars env) {
        env.put("WEBHOOK_REF", ref);
    }
}
