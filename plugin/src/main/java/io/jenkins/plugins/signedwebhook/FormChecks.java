package io.jenkins.plugins.signedwebhook;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

/**
 * What the trigger's and the step's form checks share: who may check, and the Secret text credentials they list,
 * as the credentials plugin's consumer guide has it.
 */
final class FormChecks {
    private FormChecks() {}

    /** Configure permission on the item, or Administer outside any item: nothing is checked for others. */
    static boolean mayConfigure(@CheckForNull Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    /** Extended Read or Use of the item's credentials, or Administer outside any item: no list, no check for others. */
    static boolean mayListCredentials(@CheckForNull Item item) {
        return item == null
                ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    /** Who the item's builds run as: what its credentials are listed and looked up as, rather than everything the system sees. */
    static Authentication authenticationOf(@CheckForNull Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }

    static FormValidation checked(@CheckForNull Item item, Optional<String> problem) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        return problem.map(FormValidation::error).orElseGet(FormValidation::ok);
    }

    /** The Secret text credentials the item's context may use, for a credentials dropdown. */
    static ListBoxModel secretTextCredentials(@CheckForNull Item item, @CheckForNull String currentValue) {
        StandardListBoxModel result = new StandardListBoxModel();
        String current = currentValue == null ? "" : currentValue;
        if (!mayListCredentials(item)) {
            return result.includeCurrentValue(current);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(authenticationOf(item), item, StringCredentials.class, List.of(), CredentialsMatchers.always())
                .includeCurrentValue(current);
    }

    /** Lists, without reading the secret (so no usage is recorded), whether the item's context has this credential. */
    static boolean secretTextVisible(@CheckForNull Item item, String id) {
        return !CredentialsProvider.listCredentialsInItem(StringCredentials.class, item, authenticationOf(item), List.of(),
                CredentialsMatchers.withId(id)).isEmpty();
    }
}
