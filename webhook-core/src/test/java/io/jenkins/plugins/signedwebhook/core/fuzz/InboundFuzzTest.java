package io.jenkins.plugins.signedwebhook.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jenkins.plugins.signedwebhook.core.event.BitbucketPushParser;
import io.jenkins.plugins.signedwebhook.core.event.GitLabPushParser;
import io.jenkins.plugins.signedwebhook.core.event.PushEvent;
import io.jenkins.plugins.signedwebhook.core.event.PushHead;
import io.jenkins.plugins.signedwebhook.core.event.PushParser;
import io.jenkins.plugins.signedwebhook.core.event.PushPayload;
import io.jenkins.plugins.signedwebhook.core.event.RepositoryPeek;
import io.jenkins.plugins.signedwebhook.core.forge.Forge;
import io.jenkins.plugins.signedwebhook.core.inbound.Answer;
import io.jenkins.plugins.signedwebhook.core.inbound.BuildScheduler;
import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryLog;
import io.jenkins.plugins.signedwebhook.core.inbound.DuplicateWindow;
import io.jenkins.plugins.signedwebhook.core.inbound.EngineSettings;
import io.jenkins.plugins.signedwebhook.core.inbound.WebhookEngine;
import io.jenkins.plugins.signedwebhook.core.match.Glob;
import io.jenkins.plugins.signedwebhook.core.match.PathFilter;
import io.jenkins.plugins.signedwebhook.core.match.RefFilter;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionIndex;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionRegistry;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import io.jenkins.plugins.signedwebhook.core.testing.ForgeDeliveries;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fuzz tests for everything that reads untrusted bytes. In a normal build they replay the inputs under
 * src/test/resources/.../InboundFuzzTestInputs/; {@code JAZZER_FUZZ=1} explores (see docs/fuzzing.md).
 */
class InboundFuzzTest {
    private static final String SECRET = "fuzz secret";
    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Set<Integer> STATUSES = Set.of(200, 202, 400, 403, 404, 405, 413, 415);

    private final SubscriptionRegistry registry = new SubscriptionRegistry();
    private final WebhookEngine engine;

    InboundFuzzTest() {
        registry.replace(SubscriptionIndex.of(List.of(
                Subscription.of("app", "octo-org/app", WebhookSecret.of("fuzz", SECRET)).withRefs(RefFilter.parse("main, refs/tags/v*")),
                Subscription.of("gitea", "octo-org/app", WebhookSecret.of("fuzz", SECRET)).withForge(Forge.GITEA),
                Subscription.of("bitbucket", "octo-org/app", WebhookSecret.of("fuzz", SECRET)).withForge(Forge.BITBUCKET)
                        .withRefs(RefFilter.parse("**")).withBuildOnDelete(true),
                Subscription.of("gitlab", "octo-org/app", WebhookSecret.of("fuzz", WHSEC)).withForge(Forge.GITLAB)
                        .withPaths(PathFilter.parse("src/**", "")),
                Subscription.of("gitlab-token", "octo-org/app", WebhookSecret.of("fuzz", SECRET)).withForge(Forge.GITLAB)
                        .withTokenOnly(true))));
        engine = new WebhookEngine(() -> EngineSettings.defaults().withMaxBodyBytes(64 * 1024), registry,
                new DuplicateWindow(100, Duration.ofMinutes(5), Clock.systemUTC()), new DeliveryLog(10),
                (s, d) -> new BuildScheduler.Scheduled(s.id()), Clock.systemUTC());
    }

    /** Any request, signed or not, gets one of the documented answers with a JSON body, never an exception. */
    @FuzzTest(maxDuration = "30s")
    void engineAnswersEveryRequest(FuzzedDataProvider data) {
        String contentType = data.pickValue(new String[] {"application/json", "application/x-www-form-urlencoded", "text/plain"});
        String event = data.pickValue(new String[] {"push", "ping", "issues"});
        boolean sign = data.consumeBoolean();
        String signature = sign ? null : data.consumeString(80);
        byte[] body = data.consumeRemainingAsBytes();
        String header = sign ? Deliveries.sign(SECRET, body) : signature;

        Deliveries request = Deliveries.push(body).contentType(contentType).event(event).deliveryId("fuzz-" + body.length)
                .signature(header);
        Answer a = engine.handle(request.build());

        assertThat(STATUSES).contains(a.status());
        assertThat(Fixtures.json(a.body()).get("result").asText()).isNotEmpty();
    }

    @FuzzTest(maxDuration = "30s")
    void parsersNeverThrow(byte[] json) {
        PushParser.parse(json);
        RepositoryPeek.peek(json, 0, json.length);
    }

    @FuzzTest(maxDuration = "30s")
    void forgeParsersNeverThrow(byte[] json) {
        PushParser.read(json, 0, json.length, true, Forge.GITEA);
        GitLabPushParser.read(json, 0, json.length, true);
        BitbucketPushParser.read(json, 0, json.length);
        RepositoryPeek.peek(json, 0, json.length, "project", "path_with_namespace");
    }

    /**
     * The ref read before the parse is the parser's, and a deletion it reads is one the parser reads too, whenever
     * both read the body (a ref or after given twice is the parser's to read, so such bodies are left out).
     */
    @FuzzTest(maxDuration = "30s")
    void pushHeadAgreesWithTheParsers(byte[] json) {
        if (topLevelRepeats(json)) {
            return;
        }
        Optional<PushHead> head = PushHead.ofGitHub(json);
        PushPayload parsed = PushParser.read(json, 0, json.length, false, Forge.GITHUB);
        if (head.isPresent() && parsed instanceof PushPayload.Read read) {
            PushEvent push = read.pushes().get(0);
            assertThat(push.ref()).isEqualTo(head.get().ref());
            assertThat(!head.get().deleted() || push.deleted()).isTrue();
        }
        Optional<PushHead> gitlab = PushHead.ofGitLab(json);
        PushPayload gitlabParsed = GitLabPushParser.read(json, 0, json.length, false);
        if (gitlab.isPresent() && gitlabParsed instanceof PushPayload.Read read) {
            PushEvent push = read.pushes().get(0);
            assertThat(push.ref()).isEqualTo(gitlab.get().ref());
            assertThat(push.deleted()).isEqualTo(gitlab.get().deleted());
        }
    }

    /** Whether a top-level ref, after or checkout_sha is given twice (Jackson, which reads the whole body, tells). */
    private static boolean topLevelRepeats(byte[] json) {
        Set<String> seen = new java.util.HashSet<>();
        try (com.fasterxml.jackson.core.JsonParser p = new com.fasterxml.jackson.core.JsonFactory().createParser(json)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (Set.of("ref", "after", "checkout_sha").contains(name) && !seen.add(name)) {
                    return true;
                }
                p.nextToken();
                p.skipChildren();
            }
        } catch (java.io.IOException e) {
            // Not JSON to Jackson (nor, then, to the parser): nothing to compare.
            return false;
        }
        return false;
    }

    /** Any body under any forge's headers, correctly signed or not, gets a documented answer, never an exception. */
    @FuzzTest(maxDuration = "30s")
    void engineAnswersEveryForgeRequest(FuzzedDataProvider data) {
        int forge = data.consumeInt(0, 3);
        boolean sign = data.consumeBoolean();
        String event = data.pickValue(new String[] {"push", "repo:push", "diagnostics:ping", "Push Hook", "Tag Push Hook", "x"});
        long skew = data.consumeLong(-1000, 1000);
        // A secret the forge would never sign with: never empty, which no HMAC key may be.
        String forged = "~" + data.consumeString(80);
        byte[] body = data.consumeRemainingAsBytes();
        long now = Clock.systemUTC().instant().getEpochSecond();
        ForgeDeliveries request = switch (forge) {
            case 0 -> ForgeDeliveries.gitea(body, sign ? SECRET : forged).replace("X-Gitea-Event", event);
            case 1 -> ForgeDeliveries.bitbucket(body, sign ? SECRET : forged, event);
            case 2 -> ForgeDeliveries.gitlab(body, WHSEC, event, now + skew).replace("webhook-signature", sign ? null : forged)
                    .header("X-Gitlab-Token", sign ? SECRET : forged);
            default -> ForgeDeliveries.gitlab(body, WHSEC, event, now + skew);
        };
        Answer a = engine.handle(request.build());

        assertThat(STATUSES).contains(a.status());
        assertThat(Fixtures.json(a.body()).get("result").asText()).isNotEmpty();
    }

    /** Any pattern either compiles or is refused with a message; a compiled one matches any input without throwing. */
    @FuzzTest(maxDuration = "30s")
    void globsCompileOrRefuseCleanly(FuzzedDataProvider data) {
        String pattern = data.consumeString(64);
        String input = data.consumeRemainingAsString();
        Glob glob;
        try {
            glob = Glob.compile(pattern);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        glob.matches(input);
    }
}
