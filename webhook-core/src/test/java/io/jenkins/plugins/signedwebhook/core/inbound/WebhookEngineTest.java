package io.jenkins.plugins.signedwebhook.core.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.signedwebhook.core.match.PathFilter;
import io.jenkins.plugins.signedwebhook.core.match.RefFilter;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionIndex;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionRegistry;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every row of the answers table in design.md, through the single entry point. */
class WebhookEngineTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private static final byte[] PUSH = Fixtures.github("push-branch.json");

    private final SubscriptionRegistry registry = new SubscriptionRegistry();
    private final DeliveryLog log = new DeliveryLog(100);
    private final List<String> builds = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    private EngineSettings settings = EngineSettings.defaults();
    private BuildScheduler scheduler = (s, d) -> {
        builds.add(s.id() + "@" + d.push().after());
        return new BuildScheduler.Scheduled(s.id());
    };
    private WebhookEngine engine;

    @BeforeEach
    void setUp() {
        registry.replace(SubscriptionIndex.of(List.of(
                Subscription.of("app-deploy", "octo-org/app", WebhookSecret.of("gh-hook", SECRET)))));
        engine = new WebhookEngine(() -> settings, registry, new DuplicateWindow(1000, Duration.ofHours(1), clock), log,
                (s, d) -> scheduler.schedule(s, d), clock);
    }

    private Answer send(Deliveries delivery) {
        return engine.handle(delivery.build());
    }

    private static JsonNode body(Answer a) {
        return Fixtures.json(a.body());
    }

    private static void assertAnswer(Answer a, int status, String result) {
        assertThat(a.status()).as(a.bodyText()).isEqualTo(status);
        assertThat(body(a).get("result").asText()).isEqualTo(result);
        assertThat(body(a).get("message").asText()).isNotBlank();
    }

    @Test
    void aBodySignedForOneRepositoryThatNamesAnotherLaterIsRefused() {
        String text = new String(PUSH, StandardCharsets.UTF_8);
        byte[] secondObject = (text.substring(0, text.lastIndexOf('}')) + ",\"repository\":{\"full_name\":\"other/x\"}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] secondName = text.replace("\"full_name\": \"octo-org/app\",", "\"full_name\": \"octo-org/app\", \"full_name\": \"other/x\",")
                .getBytes(StandardCharsets.UTF_8);

        for (byte[] body : List.of(secondObject, secondName)) {
            Answer a = send(Deliveries.push(body).signedWith(SECRET));
            assertAnswer(a, 400, "bad_payload");
            assertThat(a.record().reason()).contains("more than one repository");
        }
        assertThat(builds).isEmpty();
    }

    @Test
    void signedPushSchedulesTheMatchingJob() {
        Deliveries d = Deliveries.push(PUSH).signedWith(SECRET);
        Answer a = send(d);

        assertAnswer(a, 202, "accepted");
        assertThat(body(a).get("delivery").asText()).isEqualTo(d.deliveryId());
        assertThat(body(a).get("scheduled").get(0).asText()).isEqualTo("app-deploy");
        assertThat(builds).containsExactly("app-deploy@abca7305bb3692ff5e2a4da5d7ee0cb2ba2eaff0");
        assertThat(log.recent()).singleElement().satisfies(r -> {
            assertThat(r.result()).isEqualTo("accepted");
            assertThat(r.started()).containsExactly("app-deploy");
            assertThat(r.ref()).isEqualTo("refs/heads/main");
            assertThat(r.repository()).isEqualTo("octo-org/app");
        });
    }

    @Test
    void formEncodedPushIsVerifiedOverTheRawBytesAndBuilds() {
        byte[] form = Fixtures.formEncoded(PUSH);
        Answer a = send(Deliveries.push(form).contentType("application/x-www-form-urlencoded").signedWith(SECRET));
        assertAnswer(a, 202, "accepted");
        assertThat(builds).hasSize(1);
    }

    @Test
    void formSignedOverTheDecodedJsonInsteadOfTheRawBytesIsRejected() {
        byte[] form = Fixtures.formEncoded(PUSH);
        Answer a = send(Deliveries.push(form).contentType("application/x-www-form-urlencoded").signature(Deliveries.sign(SECRET, PUSH)));
        assertAnswer(a, 403, "bad_signature");
    }

    @Test
    void pingWithValidSignatureAnswersPong() {
        Answer a = send(Deliveries.push(Fixtures.github("ping-repo.json")).event("ping").signedWith(SECRET));
        assertAnswer(a, 200, "pong");
        assertThat(builds).isEmpty();
    }

    @Test
    void organisationPingIsVerifiedAgainstEveryKnownSecret() {
        registry.update(i -> i.with(Subscription.of("other", "octo-org/lib", WebhookSecret.of("org-hook", "org secret"))));
        byte[] ping = Fixtures.github("ping-org.json");
        assertAnswer(send(Deliveries.push(ping).event("ping").signedWith("org secret")), 200, "pong");
        assertAnswer(send(Deliveries.push(ping).event("ping").signedWith("unknown")), 403, "bad_signature");
    }

    @Test
    void verifiedPushWhoseRefDoesNotMatchIsIgnoredWithTheReason() {
        registry.update(i -> i.with(i.all().iterator().next().withRefs(RefFilter.parse("release/*"))));
        Answer a = send(Deliveries.push(PUSH).signedWith(SECRET));

        assertAnswer(a, 200, "ignored");
        assertThat(body(a).get("reason").asText()).contains("ref refs/heads/main does not match release/*");
        assertThat(log.recent().get(0).notes()).singleElement()
                .satisfies(n -> assertThat(n.outcome()).contains("does not match release/*"));
        assertThat(builds).isEmpty();
    }

    @Test
    void aPushEverySubscriptionRefusesByItsRefAloneIsExplainedPerSubscriptionWithTheRef() {
        registry.update(i -> i.with(i.all().iterator().next().withRefs(RefFilter.parse("release/*")))
                .with(Subscription.of("docs", "octo-org/app", WebhookSecret.of("gh-hook", SECRET)).withRefs(RefFilter.parse("gh-pages"))));
        Answer a = send(Deliveries.push(PUSH).signedWith(SECRET));

        assertAnswer(a, 200, "ignored");
        assertThat(body(a).get("reason").asText()).contains("app-deploy: ref refs/heads/main does not match release/*")
                .contains("docs: ref refs/heads/main does not match gh-pages");
        DeliveryRecord record = log.recent().get(0);
        assertThat(record.ref()).isEqualTo("refs/heads/main");
        assertThat(record.notes()).hasSize(2);
        assertThat(builds).isEmpty();
    }

    @Test
    void aDeletedRefIsRefusedAsADeletionBeforeItsRefIsLookedAt() {
        registry.update(i -> i.with(i.all().iterator().next().withRefs(RefFilter.parse("release/*"))));
        Answer a = send(Deliveries.push(Fixtures.github("delete-branch.json")).signedWith(SECRET));

        assertAnswer(a, 200, "ignored");
        assertThat(body(a).get("reason").asText()).contains("was deleted, and building on deletion is off");
    }

    @Test
    void aSubscriptionBoundToAnotherHostSaysSoEvenWhenItsRefFilterRefusesThePushToo() {
        registry.update(i -> i.with(i.all().iterator().next().withHost("github.example.com")
                .withRefs(RefFilter.parse("release/*"))));
        Answer a = send(Deliveries.push(PUSH).signedWith(SECRET));

        assertAnswer(a, 200, "ignored");
        assertThat(body(a).get("reason").asText()).contains("on github.example.com, not on github.com");
    }

    @Test
    void verifiedPushRefusedByThePathFilterIsIgnored() {
        registry.update(i -> i.with(i.all().iterator().next().withPaths(PathFilter.parse("infra/**", ""))));
        Answer a = send(Deliveries.push(PUSH).signedWith(SECRET));
        assertAnswer(a, 200, "ignored");
        assertThat(body(a).get("reason").asText()).contains("changed paths");
    }

    @Test
    void deletedBranchBuildsOnlyWhenAsked() {
        byte[] delete = Fixtures.github("delete-branch.json");
        Answer refused = send(Deliveries.push(delete).signedWith(SECRET));
        assertAnswer(refused, 200, "ignored");
        assertThat(body(refused).get("reason").asText()).contains("deleted");

        registry.update(i -> i.with(i.all().iterator().next().withBuildOnDelete(true)));
        assertAnswer(send(Deliveries.push(delete).signedWith(SECRET)), 202, "accepted");
    }

    @Test
    void redeliveryOfAnAcceptedDeliveryIsNotBuiltTwice() {
        Deliveries d = Deliveries.push(PUSH).signedWith(SECRET);
        send(d);
        Answer again = send(Deliveries.push(PUSH).signedWith(SECRET).deliveryId(d.deliveryId()));

        assertAnswer(again, 200, "duplicate");
        assertThat(body(again).get("first_accepted_at").asText()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(body(again).get("scheduled").get(0).asText()).isEqualTo("app-deploy");
        assertThat(builds).hasSize(1);
    }

    @Test
    void redeliveryAfterAConfigurationFixBuilds() {
        registry.update(i -> i.with(i.all().iterator().next().withRefs(RefFilter.parse("release/*"))));
        Deliveries d = Deliveries.push(PUSH).signedWith(SECRET);
        assertAnswer(send(d), 200, "ignored");

        registry.update(i -> i.with(i.all().iterator().next().withRefs(RefFilter.parse("main"))));
        assertAnswer(send(Deliveries.push(PUSH).signedWith(SECRET).deliveryId(d.deliveryId())), 202, "accepted");
    }

    @Test
    void unhandledEventIsIgnored() {
        Answer a = send(Deliveries.push(PUSH).event("issues").signedWith(SECRET));
        assertAnswer(a, 200, "ignored");
        assertThat(body(a).get("reason").asText()).contains("'issues' is not handled");
    }

    @Test
    void repositoryWithoutSubscriptionIs404() {
        byte[] other = new String(PUSH, StandardCharsets.UTF_8).replace("octo-org/app", "someone/else").getBytes(StandardCharsets.UTF_8);
        Answer a = send(Deliveries.push(other).signedWith(SECRET));
        assertAnswer(a, 404, "no_subscription");
        assertThat(a.bodyText()).contains("someone/else");
    }

    @Test
    void missingSignatureHeaderIs400() {
        assertAnswer(send(Deliveries.push(PUSH)), 400, "bad_signature_header");
    }

    @Test
    void malformedSignatureHeaderIs400() {
        assertAnswer(send(Deliveries.push(PUSH).signature("sha256=nothex")), 400, "bad_signature_header");
    }

    @Test
    void sha1OnlySignatureIsRefusedByDefault() {
        Answer a = send(Deliveries.push(PUSH).sha1Signature("sha1=" + "0".repeat(40)));
        assertAnswer(a, 400, "bad_signature_header");
        assertThat(body(a).get("message").asText()).contains("SHA-1");
    }

    @Test
    void wrongSignatureIs403AndNothingBuilds() {
        Answer a = send(Deliveries.push(PUSH).signedWith("not the secret"));
        assertAnswer(a, 403, "bad_signature");
        assertThat(builds).isEmpty();
        assertThat(log.recent().get(0).reason()).contains("matches none of the 1 secrets").contains("gh-hook");
    }

    @Test
    void tamperedBodyIs403() {
        Deliveries d = Deliveries.push(PUSH).signedWith(SECRET);
        byte[] tampered = new String(PUSH, StandardCharsets.UTF_8).replace("alice", "mallory").getBytes(StandardCharsets.UTF_8);
        assertAnswer(send(d.body(tampered)), 403, "bad_signature");
    }

    @Test
    void subscriptionWithoutSecretNeverBuilds() {
        registry.replace(SubscriptionIndex.of(List.of(new Subscription("open", Subscription.of("x", "octo-org/app",
                WebhookSecret.of("s", SECRET)).repository(), RefFilter.allBranches(), PathFilter.none(), Set.of(), false, List.of()))));
        Answer a = send(Deliveries.push(PUSH).signedWith(SECRET));
        assertAnswer(a, 403, "bad_signature");
        assertThat(log.recent().get(0).reason()).contains("has a secret");
        assertThat(builds).isEmpty();
    }

    @Test
    void deliveryStartsOnlyJobsThatTrustTheSecretThatSignedIt() {
        registry.update(i -> i.with(Subscription.of("other-team", "octo-org/app", WebhookSecret.of("other", "other secret"))));
        Answer a = send(Deliveries.push(PUSH).signedWith(SECRET));

        assertAnswer(a, 202, "accepted");
        assertThat(builds).containsExactly("app-deploy@abca7305bb3692ff5e2a4da5d7ee0cb2ba2eaff0");
        assertThat(a.bodyText()).doesNotContain("other-team");
        assertThat(log.recent().get(0).notes()).anySatisfy(n -> {
            assertThat(n.subscription()).isEqualTo("other-team");
            assertThat(n.outcome()).contains("trusts another secret");
        });
    }

    @Test
    void bodyOverTheLimitIs413() {
        settings = settings.withMaxBodyBytes(1000);
        assertAnswer(send(Deliveries.push(PUSH).signedWith(SECRET)), 413, "too_large");
    }

    @Test
    void chunkedBodyOverTheLimitIs413() {
        settings = settings.withMaxBodyBytes(1000);
        assertAnswer(send(Deliveries.push(PUSH).signedWith(SECRET).declaredLength(-1)), 413, "too_large");
    }

    @Test
    void verifiedTruncatedJsonIs400() {
        byte[] truncated = Arrays.copyOf(PUSH, PUSH.length / 2);
        Answer a = send(Deliveries.push(truncated).signedWith(SECRET));
        assertAnswer(a, 400, "bad_payload");
        assertThat(builds).isEmpty();
    }

    @Test
    void emptyBodyIs400() {
        assertAnswer(send(Deliveries.push(new byte[0]).signedWith(SECRET)), 400, "bad_payload");
    }

    @Test
    void formWithoutPayloadFieldIs400() {
        byte[] form = "other=1".getBytes(StandardCharsets.US_ASCII);
        Answer a = send(Deliveries.push(form).contentType("application/x-www-form-urlencoded").signedWith(SECRET));
        assertAnswer(a, 400, "bad_payload");
    }

    @Test
    void otherContentTypeIs415() {
        assertAnswer(send(Deliveries.push(PUSH).contentType("text/plain").signedWith(SECRET)), 415, "unsupported_media_type");
        assertAnswer(send(Deliveries.push(PUSH).contentType(null).signedWith(SECRET)), 415, "unsupported_media_type");
    }

    @Test
    void contentTypeParametersAreIgnored() {
        assertAnswer(send(Deliveries.push(PUSH).contentType("Application/JSON; charset=utf-8").signedWith(SECRET)), 202, "accepted");
    }

    @Test
    void missingEventOrDeliveryHeaderIs400() {
        assertAnswer(send(Deliveries.push(PUSH).event(null).signedWith(SECRET)), 400, "bad_headers");
        assertAnswer(send(Deliveries.push(PUSH).deliveryId(null).signedWith(SECRET)), 400, "bad_headers");
        assertAnswer(send(Deliveries.push(PUSH).deliveryId("x".repeat(500)).signedWith(SECRET)), 400, "bad_headers");
    }

    @Test
    void secondSignatureHeaderIs400NamingItEvenWhenTheFirstIsRight() {
        Answer a = send(Deliveries.push(PUSH).signedWith(SECRET).header("X-Hub-Signature-256", Deliveries.sign("guess", PUSH)));
        assertAnswer(a, 400, "bad_headers");
        assertThat(body(a).get("message").asText()).contains("X-Hub-Signature-256");
        assertThat(builds).isEmpty();
    }

    @Test
    void secondSignatureHeaderIs400EvenWhenTheSecondIsRight() {
        Answer a = send(Deliveries.push(PUSH).signature(Deliveries.sign("guess", PUSH))
                .header("x-hub-signature-256", Deliveries.sign(SECRET, PUSH)));
        assertAnswer(a, 400, "bad_headers");
        assertThat(body(a).get("message").asText()).contains("X-Hub-Signature-256");
    }

    @Test
    void secondSha1SignatureHeaderIs400NamingIt() {
        Answer a = send(Deliveries.push(PUSH).signedWith(SECRET).sha1Signature("sha1=" + "0".repeat(40))
                .header("X-Hub-Signature", "sha1=" + "1".repeat(40)));
        assertAnswer(a, 400, "bad_headers");
        assertThat(body(a).get("message").asText()).contains("X-Hub-Signature ");
    }

    @Test
    void secondDeliveryHeaderIs400NamingIt() {
        Answer a = send(Deliveries.push(PUSH).signedWith(SECRET).header("X-GitHub-Delivery", "another-id"));
        assertAnswer(a, 400, "bad_headers");
        assertThat(body(a).get("message").asText()).contains("X-GitHub-Delivery");
        assertThat(builds).isEmpty();
    }

    @Test
    void secondEventHeaderIs400NamingIt() {
        Answer a = send(Deliveries.push(PUSH).signedWith(SECRET).header("X-GitHub-Event", "ping"));
        assertAnswer(a, 400, "bad_headers");
        assertThat(body(a).get("message").asText()).contains("X-GitHub-Event");
    }

    @Test
    void gzipContentEncodingIs415() {
        Answer a = send(Deliveries.push(PUSH).signedWith(SECRET).header("Content-Encoding", "gzip"));
        assertAnswer(a, 415, "unsupported_media_type");
        assertThat(body(a).get("message").asText()).contains("gzip");
        assertThat(builds).isEmpty();
    }

    @Test
    void contentEncodingListingACodingBesideIdentityIs415() {
        assertAnswer(send(Deliveries.push(PUSH).signedWith(SECRET).header("Content-Encoding", "identity, br")), 415,
                "unsupported_media_type");
        assertAnswer(send(Deliveries.push(PUSH).signedWith(SECRET).header("Content-Encoding", "identity")
                .header("Content-Encoding", "deflate")), 415, "unsupported_media_type");
    }

    @Test
    void identityContentEncodingInAnyCaseIsAccepted() {
        assertAnswer(send(Deliveries.push(PUSH).signedWith(SECRET).header("Content-Encoding", "Identity")), 202, "accepted");
    }

    @Test
    void absentContentEncodingIsAccepted() {
        assertAnswer(send(Deliveries.push(PUSH).signedWith(SECRET)), 202, "accepted");
    }

    @Test
    void methodOtherThanPostIs405WithAllowHeader() {
        Answer a = send(Deliveries.push(new byte[0]).method("GET"));
        assertAnswer(a, 405, "method_not_allowed");
        assertThat(a.headers()).containsEntry("Allow", "POST");
    }

    @Test
    void pushToAUnicodeBranchBuildsAndAnswersValidJson() {
        Answer a = send(Deliveries.push(Fixtures.github("push-unicode-ref.json")).signedWith(SECRET));
        assertAnswer(a, 202, "accepted");
        assertThat(log.recent().get(0).ref()).isEqualTo("refs/heads/feature/ünïcødé-✓");
    }

    @Test
    void disabledJobIsReportedNotSilentlyDropped() {
        scheduler = (s, d) -> new BuildScheduler.NotScheduled("the job is disabled");
        Answer a = send(Deliveries.push(PUSH).signedWith(SECRET));
        assertAnswer(a, 200, "ignored");
        assertThat(body(a).get("reason").asText()).contains("the job is disabled");
    }

    @Test
    void anIdTheSchedulerHadAlreadyAcceptedElsewhereIsAnsweredDuplicateWithItsFirstAcceptance() {
        java.time.Instant first = java.time.Instant.parse("2026-03-01T09:00:00Z");
        scheduler = (s, d) -> new BuildScheduler.AlreadyAccepted(first, java.util.List.of("app-deploy"));
        Answer a = send(Deliveries.push(PUSH).signedWith(SECRET));
        assertAnswer(a, 200, "duplicate");
        assertThat(log.recent().get(0).result()).isEqualTo("duplicate");
    }

    @Test
    void aBodyTheSchedulerHadAcceptedElsewhereUnderAnotherIdIsAnsweredDuplicateNamingThatId() {
        java.time.Instant first = java.time.Instant.parse("2026-03-01T09:00:00Z");
        scheduler = (s, d) -> new BuildScheduler.AlreadyAccepted(first, java.util.List.of("app-deploy"), "d-first");
        Answer a = send(Deliveries.push(PUSH).signedWith(SECRET));
        assertAnswer(a, 200, "duplicate");
        assertThat(body(a).get("first_delivery").asText()).isEqualTo("d-first");
    }

    @Test
    void schedulerFailureIs503UnavailableNamingNoExceptionSoTheSenderRedelivers() {
        scheduler = (s, d) -> {
            throw new IllegalStateException("queue exploded");
        };
        Answer a = send(Deliveries.push(PUSH).signedWith(SECRET));

        assertAnswer(a, 503, "unavailable");
        assertThat(body(a).get("reason").asText()).contains("could not schedule app-deploy").contains("redeliver");
        assertThat(a.bodyText()).doesNotContain("queue exploded").doesNotContain("IllegalStateException");
        assertThat(a.headers()).containsEntry("Retry-After", "60");
        assertThat(log.recent().get(0)).satisfies(r -> {
            assertThat(r.result()).isEqualTo("unavailable");
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.reason()).contains("app-deploy: matched, but scheduling failed: IllegalStateException");
        });
    }

    @Test
    void schedulerFailureBesideAScheduledBuildIsStillAccepted() {
        registry.update(i -> i.with(Subscription.of("app-test", "octo-org/app", WebhookSecret.of("gh-hook", SECRET))));
        BuildScheduler scheduling = scheduler;
        scheduler = (s, d) -> {
            if (s.id().equals("app-test")) {
                throw new IllegalStateException("queue exploded");
            }
            return scheduling.schedule(s, d);
        };
        Answer a = send(Deliveries.push(PUSH).signedWith(SECRET));

        assertAnswer(a, 202, "accepted");
        assertThat(body(a).get("scheduled")).hasSize(1);
        assertThat(body(a).get("scheduled").get(0).asText()).isEqualTo("app-deploy");
        assertThat(log.recent().get(0).reason()).contains("app-test: matched, but scheduling failed");
    }

    @Test
    void redeliveryAfterASchedulerFailureIsAcceptedNotDuplicate() {
        BuildScheduler scheduling = scheduler;
        scheduler = (s, d) -> {
            throw new IllegalStateException("store cannot be written");
        };
        Deliveries d = Deliveries.push(PUSH).signedWith(SECRET);
        assertAnswer(send(d), 503, "unavailable");

        scheduler = scheduling;
        assertAnswer(send(Deliveries.push(PUSH).signedWith(SECRET).deliveryId(d.deliveryId())), 202, "accepted");
        assertThat(builds).hasSize(1);
    }

    @Test
    void noAnswerOrRecordContainsTheSecret() {
        send(Deliveries.push(PUSH).signedWith(SECRET));
        send(Deliveries.push(PUSH).signedWith("wrong"));
        Answer a = send(Deliveries.push(Fixtures.github("ping-repo.json")).event("ping").signedWith(SECRET));
        assertThat(a.bodyText()).doesNotContain(SECRET);
        assertThat(log.recent().toString()).doesNotContain(SECRET);
    }
}
