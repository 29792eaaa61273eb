package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.inbound.Answer;
import io.jenkins.plugins.signedwebhook.core.inbound.BuildScheduler;
import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryLog;
import io.jenkins.plugins.signedwebhook.core.inbound.DuplicateWindow;
import io.jenkins.plugins.signedwebhook.core.inbound.EngineSettings;
import io.jenkins.plugins.signedwebhook.core.inbound.WebhookEngine;
import io.jenkins.plugins.signedwebhook.core.inbound.limit.ClientLimiter;
import io.jenkins.plugins.signedwebhook.core.inbound.limit.FloodLimits;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionIndex;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionRegistry;
import io.jenkins.plugins.signedwebhook.core.outbound.ManualClock;
import io.jenkins.plugins.signedwebhook.core.outbound.policy.AddressRange;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rate limit through the plugin's servlet adapter, where Winstone's web server has already replaced the peer with
 * the left-most {@code X-Forwarded-For} entry, the one the client wrote (see {@link ServletFakes}).
 */
class ForwardedForLimitTest {
    private static final String SECRET = "It's a Secret to Everybody";
    /** One of GitHub's hook addresses (api.github.com/meta, hooks: 140.82.112.0/20). */
    private static final String GITHUB = "140.82.115.1";
    private static final byte[] PUSH = Fixtures.github("push-branch.json");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-02T10:00:00Z"));
    private int deliveries;

    private WebhookEngine engine(List<AddressRange> trustedProxies) {
        SubscriptionRegistry registry = new SubscriptionRegistry();
        TriggerSettings settings = new TriggerSettings("https://github.com/octo-org/app.git", "main", "", "", false);
        registry.replace(SubscriptionIndex.of(List.of(settings.toSubscription("folder/app-deploy",
                List.of(WebhookSecret.of("gh-hook", SECRET))))));
        return new WebhookEngine(EngineSettings::defaults, registry, new DuplicateWindow(100, Duration.ofHours(1), clock),
                new ClientLimiter(new FloodLimits(3, 6, trustedProxies), clock), new DeliveryLog(100),
                (s, d) -> new BuildScheduler.Scheduled(s.id()), clock);
    }

    /** A push from the socket peer {@code peer}, signed with {@code secret}, with these X-Forwarded-For lines. */
    private int post(WebhookEngine engine, String peer, String secret, String... forwardedFor) throws Exception {
        // A body of its own each time (trailing blanks), so that none is answered as a replay of another.
        byte[] body = (new String(PUSH, StandardCharsets.UTF_8) + " ".repeat(++deliveries)).getBytes(StandardCharsets.UTF_8);
        List<Map.Entry<String, String>> lines = new ArrayList<>(List.of(Map.entry("Content-Type", "application/json"),
                Map.entry("X-GitHub-Event", "push"), Map.entry("X-GitHub-Delivery", "d-" + deliveries),
                Map.entry("X-Hub-Signature-256", Deliveries.sign(secret, body))));
        for (String line : forwardedFor) {
            lines.add(Map.entry("X-Forwarded-For", line));
        }
        Answer answer = engine.handle(HttpExchange.toInbound(ServletFakes.request("POST", lines, body, peer)));
        return answer.status();
    }

    @Test
    void aNewForwardedForPerRequestBuysNoFreshBucket() throws Exception {
        WebhookEngine engine = engine(List.of());
        for (int i = 0; i < 3; i++) {
            assertThat(post(engine, "203.0.113.9", "guess", "198.51.100." + i)).isEqualTo(403);
        }

        assertThat(post(engine, "203.0.113.9", "guess", "198.51.100.77")).isEqualTo(429);
        assertThat(post(engine, "192.0.2.200", "guess", "2001:db8::1")).as("any sender that writes the header").isEqualTo(429);
    }

    @Test
    void aForwardedForThatIsNoAddressIsLimitedToo() throws Exception {
        WebhookEngine engine = engine(List.of());
        for (int i = 0; i < 3; i++) {
            assertThat(post(engine, "203.0.113.9", "guess", "x")).isEqualTo(403);
        }

        assertThat(post(engine, "203.0.113.9", "guess", "x")).isEqualTo(429);
        assertThat(post(engine, "203.0.113.9", "guess", "unknown, also-not-an-address")).isEqualTo(429);
    }

    @Test
    void namingGitHubsAddressDoesNotLockOutGitHubsRealDeliveries() throws Exception {
        WebhookEngine engine = engine(List.of());
        for (int i = 0; i < 10; i++) {
            post(engine, "203.0.113.9", "guess", GITHUB);
        }
        assertThat(post(engine, "203.0.113.9", "guess", GITHUB)).isEqualTo(429);

        // GitHub itself connects from that address and sends no X-Forwarded-For.
        assertThat(post(engine, GITHUB, SECRET)).isEqualTo(202);
        assertThat(post(engine, GITHUB, "wrong secret, once")).isEqualTo(403);
        assertThat(post(engine, GITHUB, SECRET)).isEqualTo(202);
    }

    @Test
    void aVerifiedDeliveryIsNeverCountedAndIsAcceptedFromAnUnlimitedPeer() throws Exception {
        WebhookEngine engine = engine(List.of());
        for (int i = 0; i < 20; i++) {
            assertThat(post(engine, GITHUB, SECRET, "198.51.100." + i)).as("delivery %d", i).isEqualTo(202);
        }
        assertThat(post(engine, "203.0.113.9", "guess", "198.51.100.1")).isEqualTo(403);
        assertThat(post(engine, "192.0.2.10", SECRET)).isEqualTo(202);
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedEntryIsTheClientWhateverTheClientWroteLeftOfIt() throws Exception {
        WebhookEngine engine = engine(List.of(AddressRange.parse("10.0.0.0/8")));
        for (int i = 0; i < 3; i++) {
            // The proxy at 10.0.0.5 appended the address it saw; what is further left the client wrote.
            assertThat(post(engine, "10.0.0.5", "guess", "1.1.1." + i + ", 198.51.100.7")).isEqualTo(403);
        }

        assertThat(post(engine, "10.0.0.5", "guess", "1.1.1.99, 198.51.100.7")).isEqualTo(429);
        assertThat(post(engine, "10.0.0.5", SECRET, "198.51.100.8")).as("another client behind the proxy").isEqualTo(202);
    }
}
