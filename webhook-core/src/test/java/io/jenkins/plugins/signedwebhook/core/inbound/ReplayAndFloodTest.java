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
        assertThat(scheduled).singleElement().satisfies(d -> assertThat(d.bodyDigest()).isEqualTo(BodyDigest.of(PUSH)));
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
    void aClientPastItsFailedVerificationsIsRefusedUnreadWithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            assertThat(engine.handle(Deliveries.push(PUSH).signedWith("wrong").from("203.0.113.9").build()).status())
                    .isEqualTo(403);
        }
        AtomicBoolean read = new AtomicBoolean();
        Answer a = engine.handle(new InboundRequest("POST", Deliveries.push(PUSH).signedWith(SECRET).build().headers(),
                PUSH.length, new InputStream() {
                    @Override
                    public int read() {
                        read.set(true);
                        return -1;
                    }
                }, "203.0.113.9"));

        assertThat(a.status()).isEqualTo(429);
        assertThat(body(a).get("result").asText()).isEqualTo("rate_limited");
        assertThat(body(a).get("retry_after").asLong()).isEqualTo(10);
        assertThat(a.headers()).containsEntry("Retry-After", "10");
        assertThat(read).as("the body was read").isFalse();
        assertThat(a.record().reason()).contains("203.0.113.9");
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
    void aBadOrganisationPingCountsAsAFailedVerification() {
        for (int i = 0; i < 3; i++) {
            engine.handle(Deliveries.push("{\"zen\":\"Keep it simple.\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .event("ping").signedWith("wrong").from("203.0.113.9").build());
        }
        assertThat(engine.handle(Deliveries.push(PUSH).signedWith(SECRET).from("203.0.113.9").build()).status()).isEqualTo(429);
    }

    /** The fixture made a distinct push: the same bytes twice would be a replay. */
    private static byte[] pushNumber(byte[] push, int n) {
        String text = new String(push, java.nio.charset.StandardCharsets.UTF_8);
        return text.replaceFirst("\\{", "{\"sequence\":" + n + ",").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
