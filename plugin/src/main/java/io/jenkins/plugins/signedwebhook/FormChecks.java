package io.jenkins.plugins.signedwebhook;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** What the trigger's and the step's form checks share: who may check, and the Secret text credentials they list. */
final class FormChecks {
    private FormChecks() {}

    /** Configure permission on the item, or Administer outside any item: nothing is checked or listed for others. */
    static boolean mayConfigure(@CheckForNull Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    static FormValidation checked(@CheckForNull Item item, Optional<String> problem) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        return problem.map(FormValidation::error).orElseGet(FormValidation::ok);
    }

    /** The Secret text credentials visible in the item's context, for a credentials dropdown. */
    static ListBoxModel secretTextCredentials(@CheckForNull Item item, @CheckForNull String currentValue) {
        StandardListBoxModel result = new StandardListBoxModel();
        String current = currentValue == null ? "" : currentValue;
        if (!mayConfigure(item)) {
            return result.includeCurrentValue(current);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, item, StringCredentials.class, List.of(), CredentialsMatchers.always())
                .includeCurrentValue(current);
    }

    static boolean secretTextVisible(@CheckForNull Item item, String id) {
        List<StringCredentials> visible = CredentialsProvider.lookupCredentialsInItem(StringCredentials.class, item, ACL.SYSTEM2, List.of());
        return CredentialsMatchers.firstOrNull(visible, CredentialsMatchers.withId(id)) != null;
    }
}
