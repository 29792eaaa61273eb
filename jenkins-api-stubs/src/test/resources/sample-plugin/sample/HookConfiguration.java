package sample;

import hudson.Extension;
import hudson.ExtensionList;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;

@Extension
@Symbol("signedWebhook")
public class HookConfiguration extends GlobalConfiguration {
    private int payloadLimit;

    public HookConfiguration() {
        load();
    }

    public static HookConfiguration get() {
        return ExtensionList.lookupSingleton(HookConfiguration.class);
    }

    public int getPayloadLimit() {
        return payloadLimit;
    }

    @DataBoundSetter
    public void setPayloadLimit(int payloadLimit) {
        this.payloadLimit = payloadLimit;
        save();
    }
}
