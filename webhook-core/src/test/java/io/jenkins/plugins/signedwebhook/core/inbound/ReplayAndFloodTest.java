package io.jenkins.plugins.signedwebhook.core.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.signedwebhook.core.inbound.limit.ClientLimiter;
import io.jenkins.plugins.signedwebhook.core.inbound.limit.FloodLimits;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionIndex;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionRegistry;
import io.jenkins.plugins.signedwebhook.core.outbound.ManualClock;
import io.jenkins.plugins.signedwebhook.core.outbound.policy.AddressRange;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A captured body replayed under a new delivery id, and clients that fail verification again and again. */
class ReplayAndFloodTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private static final byte[] PUSH = Fixtures.github("push-branch.json");
    private static final String GITHUB_HOOKS = "140.82.115.1";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final SubscriptionRegistry registry = new SubscriptionRegistry();
    private final List<BuildScheduler.PushDelivery> scheduled = new ArrayList<>();
    private final DuplicateWindow window = new DuplicateWindow(1000, Duration.ofHours(1), clock);
    private ClientLimiter limiter;
    private WebhookEngine engine;

    @BeforeEach
    void setUp() {
        registry.replace(SubscriptionIndex.of(List.of(
                Subscription.of("app-deploy", "octo-org/app", WebhookSecret.of("gh-hook", SECRET)))));
        limiter = new ClientLimiter(new FloodLimits(3, 6, List.of(AddressRange.parse("10.0.0.0/8"))), clock);
        engine = engineWith(limiter);
    }

    private WebhookEngine engineWith(ClientLimiter l) {
        return new WebhookEngine(EngineSettings::defaults, registry, window, l, DeliveryListener.NONE, (s, d) -> {
            scheduled.add(d);
            return new BuildScheduler.Scheduled(s.id());
        }, clock);
    }

    private static JsonNode body(Answer a) {
        return Fixtures.json(a.body());
    }

    @Test
    void theSameSignedBodyUnderANewDeliveryIdIsADuplicateNamingTheFirst() {
        Deliveries first = Deliveries.push(PUSH).signedWith(SECRET);
        assertThat(engine.handle(first.build()).status()).isEqualTo(202);
        clock.advance(Duration.ofMinutes(3));

        Answer replay = engine.handle(Deliveries.push(PUSH).signedWith(SECRET).deliveryId("captured-and-renamed").build());

        assertThat(replay.status()).isEqualTo(200);
        assertThat(body(replay).get("result").asText()).isEqualTo("duplicate");
        assertThat(body(replay).get("delivery").asText()).isEqualTo("captured-and-renamed");
        assertThat(body(replay).get("first_delivery").asText()).isEqualTo(first.deliveryId());
        assertThat(body(replay).get("first_accepted_at").asText()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(replay.record().reason()).contains("same body").contains(first.deliveryId());
        assertThat(scheduled).hasSize(1);
    }

    @Test
    void theSchedulerIsGivenTheDigestOfTheBodyAsReceived() {
        engine.handle(Deliveries.push(PUSH).signedWith(SECRET).build());
        assertThat(scheduled).singleElement().satisfies(d -> assertThat(d.bodyDigest()).isEqualTo(
                BodyDigest.of(WebhookSecret.of("gh-hook", SECRET), PUSH)));
    }

    @Test
    void theSameBodyFromASecondWebhookWithItsOwnSecretStartsTheJobsTrustingThatSecret() {
        // An organisation hook and a repository hook send the same push, each signed with its own secret.
        registry.replace(SubscriptionIndex.of(List.of(
                Subscription.of("org-build", "octo-org/app", WebhookSecret.of("org-hook", SECRET)),
                Subscription.of("repo-build", "octo-org/app", WebhookSecret.of("repo-hook", "another secret")))));

        Answer org = engine.handle(Deliveries.push(PUSH).signedWith(SECRET).deliveryId("org-hook-delivery").build());
        Answer repo = engine.handle(Deliveries.push(PUSH).signedWith("another secret").deliveryId("repo-hook-delivery").build());

        assertThat(org.verdict()).isEqualTo(new Verdict.Accepted(List.of("org-build")));
        assertThat(repo.verdict()).isEqualTo(new Verdict.Accepted(List.of("repo-build")));
        Answer replayed = engine.handle(Deliveries.push(PUSH).signedWith("another secret").deliveryId("renamed").build());
        assertThat(body(replayed).get("result").asText()).isEqualTo("duplicate");
        assertThat(body(replayed).get("first_delivery").asText()).isEqualTo("repo-hook-delivery");
    }

    @Test
    void aDigestStoredBeforeItWasKeyedByTheSecretStillFindsItsIdButNotTheBodyUnderANewId() {
        // What a journal line or body_digest row written before the digest was keyed by the secret holds: SHA-256 alone.
        Instant before = clock.instant().minus(Duration.ofMinutes(10));
        window.restore(List.of(new DuplicateWindow.Accepted("before-upgrade", before, List.of("app-deploy"), BodyDigest.of(PUSH))));

        Answer redelivered = engine.handle(Deliveries.push(PUSH).signedWith(SECRET).deliveryId("before-upgrade").build());
        Answer replayed = engine.handle(Deliveries.push(PUSH).signedWith(SECRET).deliveryId("renamed-once").build());
        Answer replayedAgain = engine.handle(Deliveries.push(PUSH).signedWith(SECRET).deliveryId("renamed-twice").build());

        assertThat(body(redelivered).get("result").asText()).isEqualTo("duplicate");
        // No error, only no replay detection for the old row: the body under a new id builds once, then is a duplicate.
        assertThat(replayed.verdict()).isEqualTo(new Verdict.Accepted(List.of("app-deploy")));
        assertThat(body(replayedAgain).get("result").asText()).isEqualTo("duplicate");
        assertThat(body(replayedAgain).get("first_delivery").asText()).isEqualTo("renamed-once");
        assertThat(scheduled).hasSize(1);
    }

    @Test
    void aBodyThatStartedNothingIsHandledAfreshUnderANewId() {
        registry.replace(SubscriptionIndex.of(List.of(Subscription.of("app-deploy", "octo-org/app",
                WebhookSecret.of("gh-hook", SECRET)).withRefs(io.jenkins.plugins.signedwebhook.core.match.RefFilter.parse("release")))));
        assertThat(engine.handle(Deliveries.push(PUSH).signedWith(SECRET).build()).verdict()).isInstanceOf(Verdict.Ignored.class);
        registry.replace(SubscriptionIndex.of(List.of(
                Subscription.of("app-deploy", "octo-org/app", WebhookSecret.of("gh-hook", SECRET)))));

        assertThat(engine.handle(Deliveries.push(PUSH).signedWith(SECRET).build()).status()).isEqualTo(202);
    }

    @Test
    void aClientPastItsFailedVerificationsForARepositoryIsRefusedUnverifiedWithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            assertThat(engine.handle(Deliveries.push(PUSH).signedWith("wrong").from("203.0.113.9").build()).status())
                    .isEqualTo(403);
        }
        AtomicBoolean verified = new AtomicBoolean();
        registry.replace(SubscriptionIndex.of(List.of(Subscription.of("app-deploy", "octo-org/app",
                WebhookSecret.of("gh-hook", SECRET)))));
        WebhookEngine watching = new WebhookEngine(EngineSettings::defaults, registry, window, limiter,
                DeliveryListener.NONE, (s, d) -> {
                    verified.set(true);
                    return new BuildScheduler.Scheduled(s.id());
                }, clock);
        Answer a = watching.handle(Deliveries.push(PUSH).signedWith(SECRET).from("203.0.113.9").build());

        assertThat(a.status()).isEqualTo(429);
        assertThat(body(a).get("result").asText()).isEqualTo("rate_limited");
        assertThat(body(a).get("retry_after").asLong()).isEqualTo(10);
        assertThat(a.headers()).containsEntry("Retry-After", "10");
        assertThat(verified).as("the push was verified and scheduled").isFalse();
        assertThat(a.record().reason()).contains("203.0.113.9").contains("octo-org/app");
        assertThat(engine.handle(Deliveries.push(PUSH).signedWith(SECRET).from("203.0.113.10").build()).status())
                .as("another client").isEqualTo(202);
    }

    @Test
    void verifiedDeliveriesNeverTakeATokenNorAreLimited() {
        for (int i = 0; i < 500; i++) {
            byte[] push = Fixtures.github("push-branch.json");
            Answer a = engine.handle(Deliveries.push(pushNumber(push, i)).signedWith(SECRET).from(GITHUB_HOOKS).build());
            assertThat(a.status()).as("delivery %d", i).isEqualTo(202);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(engine.handle(Deliveries.push(PUSH).signedWith("wrong").from(GITHUB_HOOKS).build()).status())
                    .as("failure %d after 500 verified deliveries", i).isEqualTo(403);
        }
        assertThat(engine.handle(Deliveries.push(PUSH).signedWith("wrong").from(GITHUB_HOOKS).build()).status()).isEqualTo(429);
    }

    @Test
    void aCorrectlySignedDeliveryIsAcceptedFromAClientWhoseBucketForAnotherRepositoryIsEmpty() {
        registry.replace(SubscriptionIndex.of(List.of(
                Subscription.of("app-deploy", "octo-org/app", WebhookSecret.of("gh-hook", SECRET)),
                Subscription.of("stale-hook", "octo-org/old", WebhookSecret.of("old-hook", "rotated long ago")))));
        byte[] old = new String(PUSH, java.nio.charset.StandardCharsets.UTF_8).replace("octo-org/app", "octo-org/old")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < 4; i++) {
            engine.handle(Deliveries.push(pushNumber(old, i)).signedWith(SECRET).from(GITHUB_HOOKS).build());
        }
        assertThat(engine.handle(Deliveries.push(old).signedWith(SECRET).from(GITHUB_HOOKS).build()).status())
                .as("the stale hook's repository").isEqualTo(429);

        Answer a = engine.handle(Deliveries.push(PUSH).signedWith(SECRET).from(GITHUB_HOOKS).build());

        assertThat(a.status()).isEqualTo(202);
    }

    @Test
    void aStaleGitLabTimestampCostsNoHmacAndIsNotCountedAgainstTheSender() {
        String whsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        byte[] gitlab = Fixtures.forge("gitlab", "push.json");
        registry.replace(SubscriptionIndex.of(List.of(new Subscription("gl",
                Subscription.repositoryOf(io.jenkins.plugins.signedwebhook.core.forge.Forge.GITLAB, "mike/diaspora").orElseThrow(),
                io.jenkins.plugins.signedwebhook.core.match.RefFilter.parse(""),
                io.jenkins.plugins.signedwebhook.core.match.PathFilter.none(), java.util.Set.of(Subscription.PUSH), false,
                List.of(WebhookSecret.of("gl-secret", whsec)), io.jenkins.plugins.signedwebhook.core.forge.Forge.GITLAB,
                null, false))));
        long now = clock.instant().getEpochSecond();
        for (int i = 0; i < 5; i++) {
            assertThat(engine.handle(fromGitLab(io.jenkins.plugins.signedwebhook.core.testing.ForgeDeliveries.gitlab(
                    gitlab, whsec, "Push Hook", now - 3600))).verdict()).isInstanceOf(Verdict.StaleTimestamp.class);
        }

        assertThat(engine.handle(fromGitLab(io.jenkins.plugins.signedwebhook.core.testing.ForgeDeliveries.gitlab(
                gitlab, whsec, "Push Hook", now))).status()).isEqualTo(202);
    }

    private static InboundRequest fromGitLab(io.jenkins.plugins.signedwebhook.core.testing.ForgeDeliveries d) {
        InboundRequest r = d.build();
        return new InboundRequest(r.method(), d.headers(), r.declaredLength(), r.body(), "34.74.90.65");
    }

    @Test
    void aDeliveryForARepositoryWhoseSubscriptionHasNoSecretIsNotCountedAgainstItsSender() {
        registry.replace(SubscriptionIndex.of(List.of(new Subscription("app-deploy",
                io.jenkins.plugins.signedwebhook.core.match.RepositoryName.require("octo-org/app"),
                io.jenkins.plugins.signedwebhook.core.match.RefFilter.allBranches(),
                io.jenkins.plugins.signedwebhook.core.match.PathFilter.none(), java.util.Set.of("push"), false, List.of()))));
        for (int i = 0; i < 10; i++) {
            assertThat(engine.handle(Deliveries.push(pushNumber(PUSH, i)).signedWith(SECRET).from(GITHUB_HOOKS).build())
                    .status()).isEqualTo(403);
        }
        registry.replace(SubscriptionIndex.of(List.of(
                Subscription.of("app-deploy", "octo-org/app", WebhookSecret.of("gh-hook", SECRET)))));

        assertThat(engine.handle(Deliveries.push(PUSH).signedWith(SECRET).from(GITHUB_HOOKS).build()).status()).isEqualTo(202);
    }

    @Test
    void theDefaultNeverLocksOutAHookThatSendsAWrongSecretAFewTimesAMinute() {
        WebhookEngine defaults = engineWith(new ClientLimiter(FloodLimits.defaults(), clock));
        int accepted = 0;
        for (int minute = 0; minute < 120; minute++) {
            for (int i = 0; i < 5; i++) {
                assertThat(defaults.handle(Deliveries.push(PUSH).signedWith("old secret").from(GITHUB_HOOKS).build())
                        .status()).isEqualTo(403);
                clock.advance(Duration.ofSeconds(6));
            }
            Answer a = defaults.handle(Deliveries.push(pushNumber(PUSH, minute)).signedWith(SECRET).from(GITHUB_HOOKS).build());
            assertThat(a.status()).as("minute %d", minute).isEqualTo(202);
            accepted++;
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(accepted).isEqualTo(120);
    }

    @Test
    void aForwardedAddressCountsOnlyFromATrustedProxy() {
        for (int i = 0; i < 3; i++) {
            engine.handle(Deliveries.push(PUSH).signedWith("wrong").from("10.0.0.2")
                    .header(InboundRequest.FORWARDED_FOR_HEADER, "198.51.100." + i).build());
        }
        // Three clients behind the proxy, one failure each: none is limited, nor is the proxy.
        assertThat(engine.handle(Deliveries.push(PUSH).signedWith(SECRET).from("10.0.0.2")
                .header(InboundRequest.FORWARDED_FOR_HEADER, "198.51.100.0").build()).status()).isEqualTo(202);

        for (int i = 0; i < 3; i++) {
            engine.handle(Deliveries.push(PUSH).signedWith("wrong").from("203.0.113.9")
                    .header(InboundRequest.FORWARDED_FOR_HEADER, "198.51.100." + (10 + i)).build());
        }
        // An untrusted peer's header is no one's word: all three counted against the peer.
        assertThat(engine.handle(Deliveries.push(PUSH).signedWith(SECRET).from("203.0.113.9")
                .header(InboundRequest.FORWARDED_FOR_HEADER, "198.51.100.99").build()).status()).isEqualTo(429);
    }

    @Test
    void aBadOrganisationPingCountsAsAFailedVerificationOfDeliveriesNamingNoRepository() {
        Deliveries ping = Deliveries.push("{\"zen\":\"Keep it simple.\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .event("ping").signedWith("wrong").from("203.0.113.9");
        for (int i = 0; i < 3; i++) {
            engine.handle(ping.build());
        }
        assertThat(engine.handle(ping.build()).status()).isEqualTo(429);
        assertThat(engine.handle(Deliveries.push(PUSH).signedWith(SECRET).from("203.0.113.9").build()).status()).isEqualTo(202);
    }

    /** The fixture made a distinct push: the same bytes twice would be a replay. */
    private static byte[] pushNumber(byte[] push, int n) {
        String text = new String(push, java.nio.charset.StandardCharsets.UTF_8);
        return text.replaceFirst("\\{", "{\"sequence\":" + n + ",").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
