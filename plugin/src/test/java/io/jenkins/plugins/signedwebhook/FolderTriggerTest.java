package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.forge.Forge;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jenkins.branch.OrganizationFolder;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The Multibranch Pipeline and organization folder trigger trusts the forge and host it is given, as the job trigger
 * does, and one saved before it had them still trusts GitHub on any host and needs a signature.
 */
class FolderTriggerTest {
    private static final List<WebhookSecret> SECRETS = List.of(WebhookSecret.of("hook", "s3cret"));

    private static SignedWebhookFolderTrigger saved(String repository, OrganizationFolder folder) {
        Map<String, Object> fields = new HashMap<>(Map.of("repository", repository, "credentialsId", "hook", "refs", "",
                "includePaths", "", "excludePaths", ""));
        if (folder != null) {
            // Trigger.job, which start() sets: the item the trigger is on.
            fields.put("job", folder);
        }
        return AsLoaded.from(SignedWebhookFolderTrigger.class, fields);
    }

    @Test
    void aMultibranchTriggersForgeHostAndTokenOnlyReachItsSubscription() {
        SignedWebhookFolderTrigger trigger = saved("group/sub/app", null);
        trigger.setForge(" GitLab ");
        trigger.setHost(" gitlab.example.com ");
        trigger.setTokenOnly(true);

        assertThat(trigger.getForge()).isEqualTo("gitlab");
        assertThat(trigger.settings().problem()).isEmpty();
        Subscription s = trigger.settings().toSubscription("app", SECRETS);
        assertThat(s.forge()).isEqualTo(Forge.GITLAB);
        assertThat(s.host()).isEqualTo("gitlab.example.com");
        assertThat(s.tokenOnly()).isTrue();
        assertThat(s.repository().key()).isEqualTo("group/sub/app");
    }

    @Test
    void anOrganizationFolderOfAGiteaOwnerListensToThatOwnerOnGiteaOnly() {
        SignedWebhookFolderTrigger trigger = saved("https://gitea.example.com/team", AsLoaded.from(OrganizationFolder.class, Map.of()));
        trigger.setForge("gitea");
        trigger.setHost("gitea.example.com");

        Subscription s = trigger.settings().toSubscription("team", SECRETS);
        assertThat(s.repository().ownerWide()).isTrue();
        assertThat(s.repository().key()).isEqualTo("team/*");
        assertThat(s.forge()).isEqualTo(Forge.GITEA);
        assertThat(s.host()).isEqualTo("gitea.example.com");
    }

    @Test
    void aFolderTriggerSavedBeforeItHadAForgeLoadsAsGitHubOnAnyHostNeedingASignature() {
        SignedWebhookFolderTrigger trigger = saved("octo-org/app", null);

        trigger.withAbsentFieldsDefaulted();

        assertThat(trigger.getForge()).isEqualTo("github");
        assertThat(trigger.getHost()).isEmpty();
        assertThat(trigger.isTokenOnly()).isFalse();
        Subscription s = trigger.settings().toSubscription("app", SECRETS);
        assertThat(s.forge()).isEqualTo(Forge.GITHUB);
        assertThat(s.host()).isNull();
        assertThat(s.tokenOnly()).isFalse();
    }

    @Test
    void aJobTriggerSavedBeforeItHadAForgeStillLoadsAsGitHub() {
        SignedWebhookTrigger trigger = AsLoaded.from(SignedWebhookTrigger.class, Map.of("repository", "octo-org/app",
                "credentialsId", "hook"));

        trigger.withAbsentFieldsDefaulted();

        assertThat(trigger.getForge()).isEqualTo("github");
        assertThat(trigger.getRefs()).isEmpty();
        assertThat(trigger.settings().toSubscription("app", SECRETS).forge()).isEqualTo(Forge.GITHUB);
    }

    @Test
    void theFolderTriggerTakesTheJobTriggersForgeFieldsUnderTheSameNames() throws Exception {
        for (String setter : List.of("setForge", "setHost", "setTokenOnly")) {
            Class<?> type = setter.equals("setTokenOnly") ? boolean.class : String.class;
            assertThat(SignedWebhookFolderTrigger.class.getMethod(setter, type).isAnnotationPresent(DataBoundSetter.class))
                    .as(setter).isTrue();
            assertThat(SignedWebhookTrigger.class.getMethod(setter, type).isAnnotationPresent(DataBoundSetter.class))
                    .as(setter).isTrue();
        }
        for (String check : List.of("doFillForgeItems", "doCheckForge", "doCheckHost", "doCheckTokenOnly")) {
            assertThat(List.of(SignedWebhookFolderTrigger.DescriptorImpl.class.getMethods())).as(check)
                    .anyMatch(m -> m.getName().equals(check));
        }
    }

    @Test
    void bothTriggerFormsOfferTheForgeFieldsAndEveryFieldHasItsHelp() throws IOException {
        for (Class<?> trigger : List.of(SignedWebhookTrigger.class, SignedWebhookFolderTrigger.class)) {
            List<String> fields = fields(trigger);
            assertThat(fields).as(trigger.getSimpleName()).contains("forge", "repository", "credentialsId", "host", "tokenOnly");
            for (String field : fields) {
                assertThat(trigger.getResource(trigger.getSimpleName() + "/help-" + field + ".html"))
                        .as(trigger.getSimpleName() + " help-" + field + ".html").isNotNull();
            }
        }
    }

    private static List<String> fields(Class<?> trigger) throws IOException {
        try (InputStream in = trigger.getResourceAsStream(trigger.getSimpleName() + "/config.jelly")) {
            String jelly = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> fields = new ArrayList<>();
            Matcher m = Pattern.compile("field=\"([A-Za-z]+)\"").matcher(jelly);
            while (m.find()) {
                fields.add(m.group(1));
            }
            return fields;
        }
    }
}
