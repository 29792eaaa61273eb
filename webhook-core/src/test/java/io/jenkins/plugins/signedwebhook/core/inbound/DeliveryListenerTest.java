package io.jenkins.plugins.signedwebhook.core.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionIndex;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionRegistry;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's delivery listener is optional: an adapter that keeps no history of deliveries passes none. */
class DeliveryListenerTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    private final SubscriptionRegistry registry = new SubscriptionRegistry();

    DeliveryListenerTest() {
        registry.replace(SubscriptionIndex.of(List.of(
                Subscription.of("app-deploy", "octo-org/app", WebhookSecret.of("gh-hook", SECRET)))));
    }

    private DuplicateWindow window() {
        return new DuplicateWindow(100, Duration.ofHours(1), clock);
    }

    private static Deliveries push() {
        return Deliveries.push(Fixtures.github("push-branch.json")).signedWith(SECRET);
    }

    @Test
    void anEngineWithoutAListenerStillAnswersWithTheDeliveryRecord() {
        WebhookEngine engine = new WebhookEngine(EngineSettings::defaults, registry, window(),
                (s, d) -> new BuildScheduler.Scheduled(s.id()), clock);

        Answer answer = engine.handle(push().build());

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.record().repository()).isEqualTo("octo-org/app");
    }

    @Test
    void theListenerIsToldOfEveryDeliveryAcceptedOrNot() {
        List<DeliveryRecord> told = new ArrayList<>();
        WebhookEngine engine = new WebhookEngine(EngineSettings::defaults, registry, window(), told::add,
                (s, d) -> new BuildScheduler.Scheduled(s.id()), clock);

        Answer accepted = engine.handle(push().build());
        Answer refused = engine.handle(Deliveries.push(Fixtures.github("push-branch.json")).signedWith("wrong").build());

        assertThat(told).containsExactly(accepted.record(), refused.record());
    }
}
