package io.jenkins.plugins.signedwebhook.receiver.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * The receiver's metrics in Micrometer's Prometheus registry, served at {@code /metrics} in the Prometheus text
 * format (version 0.0.4). The meters of each label set are made once and kept, so counting a delivery is a map
 * lookup and an add.
 */
public final class Metrics {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Run durations are counted in these buckets (upper bounds), from a quick script to an hour-long deploy. */
    private static final Duration[] RUN_BUCKETS = {
        Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
        Duration.ofMinutes(30), Duration.ofHours(1)
    };
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> deliveries = new ConcurrentHashMap<>();
    private final Map<String, Counter> runs = new ConcurrentHashMap<>();
    private final Map<String, Timer> runDurations = new ConcurrentHashMap<>();
    private final Map<String, Counter> callbacks = new ConcurrentHashMap<>();
    private final Map<String, Counter> attempts = new ConcurrentHashMap<>();
    private final Map<String, Counter> closed = new ConcurrentHashMap<>();
    /** Micrometer holds a function counter's source weakly: kept here, a total cannot read 0 after a collection. */
    private final List<DoubleSupplier> totals = new CopyOnWriteArrayList<>();

    /**
     * Labels every meter with {@code replica}, for receivers that share a store behind one load balancer; called before
     * any meter is made.
     */
    public Metrics replica(String id) {
        registry.config().commonTags("replica", id);
        return this;
    }

    /** {@code signed_webhook_deliveries_total{hook,result}}: deliveries answered. */
    public void delivery(String hook, String result) {
        deliveries.computeIfAbsent(hook + '\n' + result, k -> Counter.builder("signed.webhook.deliveries")
                .description("Deliveries answered, by hook and result.")
                .tag("hook", hook).tag("result", result).register(registry)).increment();
    }

    /**
     * {@code signed_webhook_runs_total{hook,state}}: runs ended; {@code signed_webhook_run_duration_seconds{hook}}: how
     * long they ran, as a histogram.
     */
    public void run(String hook, String state, long millis) {
        runs.computeIfAbsent(hook + '\n' + state, k -> Counter.builder("signed.webhook.runs")
                .description("Command runs ended, by hook and final state.")
                .tag("hook", hook).tag("state", state).register(registry)).increment();
        runDurations.computeIfAbsent(hook, k -> Timer.builder("signed.webhook.run.duration")
                .description("How long commands ran, by hook.")
                .tag("hook", hook).serviceLevelObjectives(RUN_BUCKETS).register(registry))
                .record(millis, TimeUnit.MILLISECONDS);
    }

    /** {@code signed_webhook_callbacks_total{hook,result}}: callbacks settled, delivered or dead-lettered. */
    public void callback(String hook, boolean delivered) {
        String result = delivered ? "delivered" : "dead_letter";
        callbacks.computeIfAbsent(hook + '\n' + result, k -> Counter.builder("signed.webhook.callbacks")
                .description("Callbacks settled, by hook and result.")
                .tag("hook", hook).tag("result", result).register(registry)).increment();
    }

    /**
     * {@code signed_webhook_callback_attempts_total{outcome}}: each attempt to send a callback, by outcome
     * ({@code delivered}, {@code retry}: failed and due again, {@code given_up}: failed for the last time).
     */
    public void callbackAttempt(String outcome) {
        attempts.computeIfAbsent(outcome, k -> Counter.builder("signed.webhook.callback.attempts")
                .description("Attempts to send a callback, by outcome.")
                .tag("outcome", outcome).register(registry)).increment();
    }

    /**
     * {@code signed_webhook_connections_closed_total{reason}}: connections the receiver closed because the client was
     * too slow ({@code header_timeout}: request line and headers; {@code slow_body}: under {@code minBodyRate}), or
     * because the bodies being read held {@code maxBufferedBytes} ({@code body_budget}, answered 503).
     */
    public void connectionClosed(String reason) {
        closed.computeIfAbsent(reason, k -> Counter.builder("signed.webhook.connections.closed")
                .description("Connections closed because the client sent its request too slowly, or there was no room"
                        + " for its body, by reason.")
                .tag("reason", reason).register(registry)).increment();
    }

    /** A value read at scrape time, such as the number of running commands; {@code name} as Prometheus shows it. */
    public void gauge(String name, String description, DoubleSupplier value) {
        Gauge.builder(name, value::getAsDouble).description(description).register(registry);
    }

    /** A total read at scrape time, such as failed writes; {@code name} without the {@code _total} Prometheus adds. */
    public void total(String name, String description, DoubleSupplier value) {
        totals.add(value);
        FunctionCounter.builder(name, value, DoubleSupplier::getAsDouble).description(description).register(registry);
    }

    public String render() {
        return registry.scrape();
    }
}
