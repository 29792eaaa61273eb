package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.inbound.Answer;
import io.jenkins.plugins.signedwebhook.core.inbound.BuildScheduler;
import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryRecord;
import io.jenkins.plugins.signedwebhook.core.inbound.EngineSettings;
import io.jenkins.plugins.signedwebhook.core.inbound.limit.FloodLimits;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.outbound.ManualClock;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionIndex;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionRegistry;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The promise the plugin is built on: an accepted delivery id is a duplicate for the whole window, whatever happens between. */
class InboundDeliveriesTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private static final byte[] PUSH = Fixtures.github("push-branch.json");

    @TempDir
    Path home;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final List<String> builds = new ArrayList<>();
    private final SubscriptionRegistry registry = new SubscriptionRegistry();
    private final AtomicReference<InboundDeliveries.Settings> settings = new AtomicReference<>(settings(60, 200));
    private final List<InboundDeliveries> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(InboundDeliveries::close);
    }

    private static InboundDeliveries.Settings settings(int windowMinutes, int logSize) {
        return new InboundDeliveries.Settings(EngineSettings.defaults(), Duration.ofMinutes(windowMinutes), logSize,
                FloodLimits.defaults());
    }

    /** A Jenkins start: a new instance over the same JENKINS_HOME/signed-webhook directory. */
    private InboundDeliveries start() {
        InboundDeliveries inbound = new InboundDeliveries(home, registry, scheduler(), settings::get, clock);
        opened.add(inbound);
        return inbound;
    }

    private BuildScheduler scheduler() {
        return (subscription, delivery) -> {
            builds.add(subscription.id());
            return new BuildScheduler.Scheduled(subscription.id());
        };
    }

    private void subscribe(String job, String refs) {
        Subscription s = new TriggerSettings("octo-org/app", refs, "", "", false).toSubscription(job, List.of(WebhookSecret.of("gh", SECRET)));
        registry.replace(SubscriptionIndex.of(List.of(s)));
    }

    /** Each delivery id its own push (a redelivery has the same body, as GitHub's does); a new id, a later push. */
    private static Answer deliver(InboundDeliveries inbound, String deliveryId) {
        return inbound.handle(Deliveries.push(pushFor(deliveryId)).deliveryId(deliveryId).signedWith(SECRET).build());
    }

    private static byte[] pushFor(String deliveryId) {
        return Fixtures.pushedLater(PUSH, Math.floorMod(deliveryId.hashCode(), 1_000_000));
    }

    @Test
    void aBodyReplayedUnderANewIdAfterARestartIsADuplicateNamingTheFirstDelivery() {
        subscribe("app", "main");
        deliver(start(), "d-1");

        Answer replayed = start().handle(Deliveries.push(pushFor("d-1")).deliveryId("captured").signedWith(SECRET).build());

        assertThat(replayed.verdict().result()).isEqualTo("duplicate");
        assertThat(Fixtures.json(replayed.body()).get("first_delivery").asText()).isEqualTo("d-1");
        assertThat(builds).containsExactly("app");
    }

    @Test
    void aJournalLineWrittenBeforeDigestsWereKeptStillCountsByItsId() throws Exception {
        subscribe("app", "main");
        Files.writeString(home.resolve(InboundDeliveries.JOURNAL_FILE),
                "{\"id\":\"before-upgrade\",\"at\":\"2026-12-02T09:50:00Z\",\"started\":[\"app\"]}\n");

        InboundDeliveries inbound = start();

        assertThat(deliver(inbound, "before-upgrade").verdict().result()).isEqualTo("duplicate");
        assertThat(deliver(inbound, "after-upgrade").verdict().result()).isEqualTo("accepted");
        assertThat(Files.readAllLines(home.resolve(InboundDeliveries.JOURNAL_FILE)))
                .anySatisfy(l -> assertThat(l).contains("\"after-upgrade\"").contains("\"body\":\""));
    }

    @Test
    void aClientPastTheFailedVerificationsAllowedIsAnswered429AndASavedChangeAppliesToTheNextDelivery() {
        subscribe("app", "main");
        settings.set(new InboundDeliveries.Settings(EngineSettings.defaults(), Duration.ofHours(1), 200,
                new FloodLimits(2, 1, List.of())));
        InboundDeliveries inbound = start();
        for (int i = 0; i < 2; i++) {
            assertThat(inbound.handle(Deliveries.push(PUSH).signedWith("wrong").from("203.0.113.9").build()).status())
                    .isEqualTo(403);
        }
        Answer limited = inbound.handle(Deliveries.push(PUSH).signedWith(SECRET).from("203.0.113.9").build());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers()).containsKey("Retry-After");

        settings.set(new InboundDeliveries.Settings(EngineSettings.defaults(), Duration.ofHours(1), 200,
                new FloodLimits(5, 1, List.of())));
        assertThat(inbound.handle(Deliveries.push(PUSH).signedWith(SECRET).from("203.0.113.9").build()).status())
                .isEqualTo(202);
        assertThat(builds).containsExactly("app");
    }

    @Test
    void aDeliveryAcceptedBeforeARestartIsADuplicateAfterIt() {
        subscribe("app", "main");
        assertThat(deliver(start(), "d-1").verdict().result()).isEqualTo("accepted");

        Answer redelivered = deliver(start(), "d-1");

        assertThat(redelivered.verdict().result()).isEqualTo("duplicate");
        assertThat(new String(redelivered.body(), StandardCharsets.UTF_8)).contains("app");
        assertThat(builds).containsExactly("app");
    }

    /** A Multibranch event that falls back to indexing after the answer says so in that delivery's record. */
    @Test
    void aNoteAddedAfterTheAnswerIsInTheDeliverysRecordOnTheJobsPageAndAfterARestart() {
        subscribe("app", "main");
        InboundDeliveries first = new InboundDeliveries(home, registry, scheduler(), settings::get, clock);
        deliver(first, "d-1");
        deliver(first, "d-2");

        first.annotate("d-1", "app", "indexing requested for branch main of app: its source names no revision for"
                + " branch main, so branch-api's event could not serve it");
        List<DeliveryRow> rows = DeliveryRow.of(first.concerning("app"), "app");
        first.close();
        InboundDeliveries restarted = start();

        assertThat(rows).extracting(DeliveryRow::getDeliveryId).containsExactly("d-2", "d-1");
        assertThat(rows.get(1).getWhy()).isEqualTo("indexing requested for branch main of app: its source names no"
                + " revision for branch main, so branch-api's event could not serve it");
        assertThat(rows.get(0).getWhy()).doesNotContain("indexing");
        assertThat(restarted.concerning("app").get(1).notes()).extracting(DeliveryRecord.Note::outcome)
                .last().asString().startsWith("indexing requested for branch main of app");
    }

    @Test
    void theAcceptedIdIsOnDiskWhenTheSenderIsAnsweredSoAKillRightAfterLosesNothing() {
        subscribe("app", "main");
        InboundDeliveries killed = new InboundDeliveries(home, registry, scheduler(), settings::get, clock);
        deliver(killed, "d-1");
        // no close(): the delivery log's coalesced save has not run, as after kill -9

        assertThat(deliver(start(), "d-1").verdict().result()).isEqualTo("duplicate");
        assertThat(builds).hasSize(1);
        opened.add(killed);
    }

    @Test
    void aDeliveryThatStartedNothingIsAcceptedAfterARestartOnceTheConfigurationIsFixed() {
        subscribe("app", "release");
        assertThat(deliver(start(), "d-1").verdict().result()).isEqualTo("ignored");

        subscribe("app", "main");
        assertThat(deliver(start(), "d-1").verdict().result()).isEqualTo("accepted");
        assertThat(builds).containsExactly("app");
    }

    @Test
    void changedOrUnchangedSettingsKeepTheAcceptedIds() {
        subscribe("app", "main");
        InboundDeliveries inbound = start();
        deliver(inbound, "d-1");

        settings.set(settings(60, 200));
        assertThat(deliver(inbound, "d-1").verdict().result()).isEqualTo("duplicate");
        settings.set(settings(120, 50));
        assertThat(deliver(inbound, "d-1").verdict().result()).isEqualTo("duplicate");
        assertThat(builds).hasSize(1);
    }

    @Test
    void aLongerWindowSavedLaterStillCoversADeliveryAcceptedUnderTheShorterOne() {
        subscribe("app", "main");
        InboundDeliveries inbound = start();
        deliver(inbound, "d-1");
        settings.set(settings(180, 200));
        clock.advance(Duration.ofMinutes(90));

        assertThat(deliver(start(), "d-1").verdict().result()).isEqualTo("duplicate");
    }

    @Test
    void anAcceptedIdIsForgottenOnlyWhenTheWindowHasPassed() {
        subscribe("app", "main");
        deliver(start(), "d-1");
        clock.advance(Duration.ofMinutes(59));
        assertThat(deliver(start(), "d-1").verdict().result()).isEqualTo("duplicate");
        clock.advance(Duration.ofMinutes(2));
        assertThat(deliver(start(), "d-1").verdict().result()).isEqualTo("accepted");
    }

    @Test
    void aJenkinsHomeOfTheVersionBeforeTheJournalRestoresTheAcceptedIdsFromItsDeliveryLog() throws Exception {
        subscribe("app", "main");
        // deliveries.json as the previous version wrote it, and no accepted-deliveries.jsonl beside it
        Files.writeString(home.resolve("deliveries.json"), """
                [{"received_at":"2026-12-02T09:30:00Z","delivery":"before-upgrade","event":"push","repository":"octo-org/app",\
                "ref":"refs/heads/main","result":"accepted","status":202,"started":["app"],"notes":[]},\
                {"received_at":"2026-12-02T09:31:00Z","delivery":"ignored-before","event":"push","repository":"octo-org/app",\
                "ref":"refs/heads/main","result":"ignored","status":200,"started":[],"reason":"nothing matched","notes":[]}]
                """);

        InboundDeliveries inbound = start();

        assertThat(deliver(inbound, "before-upgrade").verdict().result()).isEqualTo("duplicate");
        assertThat(deliver(inbound, "ignored-before").verdict().result()).isEqualTo("accepted");
        assertThat(inbound.recent()).extracting(DeliveryRecord::deliveryId).contains("before-upgrade");
    }

    @Test
    void aTornLastLineOfTheJournalKeepsEveryWholeLineBeforeIt() throws Exception {
        subscribe("app", "main");
        deliver(start(), "d-1");
        Files.writeString(home.resolve(InboundDeliveries.JOURNAL_FILE), "{\"id\":\"d-2\",\"at\":\"2026-12-02T1",
                StandardOpenOption.APPEND);

        InboundDeliveries restarted = start();

        assertThat(deliver(restarted, "d-1").verdict().result()).isEqualTo("duplicate");
        assertThat(deliver(restarted, "d-2").verdict().result()).isEqualTo("accepted");
    }

    @Test
    void stoppingWritesTheDeliveryLogThatWasStillToBeSaved() {
        subscribe("app", "main");
        InboundDeliveries inbound = new InboundDeliveries(home, registry, scheduler(), settings::get, clock);
        deliver(inbound, "d-1");
        inbound.close();

        assertThat(start().recent()).extracting(DeliveryRecord::deliveryId).containsExactly("d-1");
    }

    @Test
    void theJournalStaysBoundedByTheWindow() throws Exception {
        subscribe("app", "main");
        InboundDeliveries inbound = start();
        for (int i = 0; i < 5; i++) {
            deliver(inbound, "old-" + i);
        }
        clock.advance(Duration.ofMinutes(61));
        deliver(inbound, "new");

        start();

        assertThat(Files.readAllLines(home.resolve(InboundDeliveries.JOURNAL_FILE))).hasSize(1).allMatch(l -> l.contains("\"new\""));
    }
}
