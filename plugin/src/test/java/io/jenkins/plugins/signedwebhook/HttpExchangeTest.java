package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.inbound.Answer;
import io.jenkins.plugins.signedwebhook.core.inbound.BuildScheduler;
import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryLog;
import io.jenkins.plugins.signedwebhook.core.inbound.DuplicateWindow;
import io.jenkins.plugins.signedwebhook.core.inbound.EngineSettings;
import io.jenkins.plugins.signedwebhook.core.inbound.InboundRequest;
import io.jenkins.plugins.signedwebhook.core.inbound.WebhookEngine;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionIndex;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionRegistry;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The endpoint's translation: servlet request in, the engine's answer out, as GitHub would see it. */
class HttpExchangeTest {
    private static final String SECRET = "It's a Secret to Everybody";

    private final WebhookEngine engine;

    HttpExchangeTest() {
        SubscriptionRegistry registry = new SubscriptionRegistry();
        TriggerSettings settings = new TriggerSettings("https://github.com/octo-org/app.git", "main", "", "", false);
        registry.replace(SubscriptionIndex.of(List.of(settings.toSubscription("folder/app-deploy",
                List.of(WebhookSecret.of("gh-hook", SECRET))))));
        engine = new WebhookEngine(EngineSettings::defaults, registry, new DuplicateWindow(10, Duration.ofHours(1), Clock.systemUTC()),
                new DeliveryLog(10), (s, d) -> new BuildScheduler.Scheduled(s.id()), Clock.systemUTC());
    }

    private ServletFakes.Response exchange(String method, Map<String, String> headers, byte[] body) throws Exception {
        return exchange(method, List.copyOf(headers.entrySet()), body);
    }

    private ServletFakes.Response exchange(String method, List<Map.Entry<String, String>> lines, byte[] body) throws Exception {
        InboundRequest in = HttpExchange.toInbound(ServletFakes.request(method, lines, body));
        Answer answer = engine.handle(in);
        ServletFakes.Response rsp = new ServletFakes.Response();
        HttpExchange.write(answer, rsp.proxy());
        return rsp;
    }

    @Test
    void signedPushIsAnswered202WithJson() throws Exception {
        byte[] body = Fixtures.github("push-branch.json");
        ServletFakes.Response rsp = exchange("POST", Map.of("content-type", "application/json", "X-GitHub-Event", "push",
                "X-GitHub-Delivery", "d-1", "X-Hub-Signature-256", Deliveries.sign(SECRET, body)), body);

        assertThat(rsp.status).isEqualTo(202);
        assertThat(rsp.contentType).startsWith("application/json");
        assertThat(Fixtures.json(rsp.body.toByteArray()).get("scheduled").get(0).asText()).isEqualTo("folder/app-deploy");
        assertThat(rsp.headers).containsEntry("Content-Length", String.valueOf(rsp.body.size()));
    }

    @Test
    void thePeerAsTheServletSeesItReachesTheEngineWhenNoForwardingHeaderReplacedIt() throws Exception {
        InboundRequest in = HttpExchange.toInbound(ServletFakes.request("POST", Map.of(), new byte[0]));
        assertThat(in.remoteAddress()).isEqualTo(ServletFakes.PEER);
        assertThat(in.peerReplaced()).isFalse();
    }

    @Test
    void withForwardedForAndNoSocketPeerWithinReachTheEngineIsToldThePeerWasReplaced() throws Exception {
        // Winstone's getRemoteAddr() is then the left-most entry: the client's word, not the connection's peer.
        InboundRequest in = HttpExchange.toInbound(ServletFakes.request("POST", Map.of("X-Forwarded-For", "198.51.100.7"),
                new byte[0]));
        assertThat(in.peerReplaced()).isTrue();
        assertThat(in.values(InboundRequest.FORWARDED_FOR_HEADER)).containsExactly("198.51.100.7");

        InboundRequest rfc7239 = HttpExchange.toInbound(ServletFakes.request("POST", Map.of("Forwarded", "for=198.51.100.7"),
                new byte[0]));
        assertThat(rfc7239.peerReplaced()).as("Jetty reads Forwarded: for= too").isTrue();
    }

    @Test
    void headersAreReadWhateverTheirCase() throws Exception {
        byte[] body = Fixtures.github("ping-repo.json");
        ServletFakes.Response rsp = exchange("POST", Map.of("Content-Type", "application/json", "x-github-event", "ping",
                "x-github-delivery", "d-2", "x-hub-signature-256", Deliveries.sign(SECRET, body)), body);
        assertThat(rsp.status).isEqualTo(200);
        assertThat(rsp.body.toString(StandardCharsets.UTF_8)).contains("\"pong\"");
    }

    @Test
    void secondSignatureHeaderIsRefusedEvenWhenTheFirstIsRight() throws Exception {
        byte[] body = Fixtures.github("push-branch.json");
        ServletFakes.Response rsp = exchange("POST", List.of(Map.entry("Content-Type", "application/json"),
                Map.entry("X-GitHub-Event", "push"), Map.entry("X-GitHub-Delivery", "d-4"),
                Map.entry("X-Hub-Signature-256", Deliveries.sign(SECRET, body)),
                Map.entry("x-hub-signature-256", Deliveries.sign("guess", body))), body);

        assertThat(rsp.status).isEqualTo(400);
        assertThat(Fixtures.json(rsp.body.toByteArray()).get("result").asText()).isEqualTo("bad_headers");
        assertThat(Fixtures.json(rsp.body.toByteArray()).get("message").asText()).contains("X-Hub-Signature-256");
    }

    @Test
    void gzipContentEncodingIsRefused() throws Exception {
        byte[] body = Fixtures.github("push-branch.json");
        ServletFakes.Response rsp = exchange("POST", Map.of("Content-Type", "application/json", "Content-Encoding", "gzip",
                "X-GitHub-Event", "push", "X-GitHub-Delivery", "d-5", "X-Hub-Signature-256", Deliveries.sign(SECRET, body)), body);

        assertThat(rsp.status).isEqualTo(415);
        assertThat(Fixtures.json(rsp.body.toByteArray()).get("result").asText()).isEqualTo("unsupported_media_type");
    }

    @Test
    void browserVisitGets405WithAllowHeader() throws Exception {
        ServletFakes.Response rsp = exchange("GET", Map.of(), new byte[0]);
        assertThat(rsp.status).isEqualTo(405);
        assertThat(rsp.headers).containsEntry("Allow", "POST");
        assertThat(rsp.body.toString(StandardCharsets.UTF_8)).contains("method_not_allowed");
    }

    @Test
    void wrongSignatureIs403AndLeaksNoSecret() throws Exception {
        byte[] body = Fixtures.github("push-branch.json");
        ServletFakes.Response rsp = exchange("POST", Map.of("Content-Type", "application/json", "X-GitHub-Event", "push",
                "X-GitHub-Delivery", "d-3", "X-Hub-Signature-256", Deliveries.sign("guess", body)), body);
        assertThat(rsp.status).isEqualTo(403);
        assertThat(rsp.body.toString(StandardCharsets.UTF_8)).doesNotContain(SECRET).doesNotContain("gh-hook");
    }

    @Test
    void crumbExclusionCoversExactlyTheEndpointWithAndWithoutSlash() {
        assertThat(SignedWebhookCrumbExclusion.isEndpoint("/signed-webhook")).isTrue();
        assertThat(SignedWebhookCrumbExclusion.isEndpoint("/signed-webhook/")).isTrue();
        assertThat(SignedWebhookCrumbExclusion.isEndpoint("/signed-webhook/x")).isFalse();
        assertThat(SignedWebhookCrumbExclusion.isEndpoint("/signed-webhook-deliveries")).isFalse();
        assertThat(SignedWebhookCrumbExclusion.isEndpoint(null)).isFalse();
    }
}
