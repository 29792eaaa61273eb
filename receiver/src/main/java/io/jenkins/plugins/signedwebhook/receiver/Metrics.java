package io.jenkins.plugins.signedwebhook.receiver;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** Counters the receiver keeps, written in the Prometheus text exposition format (version 0.0.4). */
public final class Metrics {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final Map<String, LongAdder> deliveries = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> runs = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> runMillis = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> callbacks = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();

    public void delivery(String hook, String result) {
        deliveries.computeIfAbsent(labels("hook", hook, "result", result), k -> new LongAdder()).increment();
    }

    public void run(String hook, String state, long millis) {
        runs.computeIfAbsent(labels("hook", hook, "state", state), k -> new LongAdder()).increment();
        runMillis.computeIfAbsent(labels("hook", hook), k -> new LongAdder()).add(millis);
    }

    public void callback(String hook, boolean delivered) {
        callbacks.computeIfAbsent(labels("hook", hook, "result", delivered ? "delivered" : "dead_letter"),
                k -> new LongAdder()).increment();
    }

    /** A value read at scrape time, such as the number of running commands. */
    public void gauge(String name, LongSupplier value) {
        gauges.put(name, value);
    }

    public String render() {
        StringBuilder out = new StringBuilder(1024);
        counter(out, "signed_webhook_deliveries_total", "Deliveries answered, by hook and result.", deliveries);
        counter(out, "signed_webhook_runs_total", "Command runs finished, by hook and final state.", runs);
        Map<String, LongAdder> seconds = runMillis;
        out.append("# HELP signed_webhook_run_seconds_total Time spent running commands, by hook.\n");
        out.append("# TYPE signed_webhook_run_seconds_total counter\n");
        new TreeMap<>(seconds).forEach((labels, millis) -> out.append("signed_webhook_run_seconds_total").append(labels)
                .append(' ').append(millis.sum() / 1000.0).append('\n'));
        counter(out, "signed_webhook_callbacks_total", "Callbacks settled, by hook and result.", callbacks);
        new TreeMap<>(gauges).forEach((name, value) -> out.append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(value.getAsLong()).append('\n'));
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, Map<String, LongAdder> values) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        new TreeMap<>(values).forEach((labels, n) -> out.append(name).append(labels).append(' ').append(n.sum()).append('\n'));
    }

    private static String labels(String... pairs) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < pairs.length; i += 2) {
            s.append(i == 0 ? "" : ",").append(pairs[i]).append("=\"").append(escape(pairs[i + 1])).append('"');
        }
        return s.append('}').toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
