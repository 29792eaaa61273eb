package sample;

import hudson.model.Cause;

public class HookCause extends Cause {
    private final String ref;

    public HookCause(String ref) {
        this.ref = ref;
    }

    @Override
    public String getShortDescription() {
        return "Started by GitHub push to " + ref;
    }
}
