package io.jenkins.plugins.signedwebhook.benchmarks;

import io.jenkins.plugins.signedwebhook.core.inbound.Answer;
import io.jenkins.plugins.signedwebhook.core.inbound.BuildScheduler;
import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryLog;
import io.jenkins.plugins.signedwebhook.core.inbound.DuplicateWindow;
import io.jenkins.plugins.signedwebhook.core.inbound.EngineSettings;
import io.jenkins.plugins.signedwebhook.core.inbound.WebhookEngine;
import io.jenkins.plugins.signedwebhook.core.match.PathFilter;
import io.jenkins.plugins.signedwebhook.core.match.RefFilter;
import io.jenkins.plugins.signedwebhook.core.match.RepositoryName;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionIndex;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionRegistry;
import io.jenkins.plugins.signedwebhook.core.multibranch.BranchRouting;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A 10 KB push to one of 1 or 1,000 Multibranch Pipelines of 20 branch jobs each, routed as the plugin routes it (the
 * branch looked up by name), against the same push to one of 1 or 1,000 plain jobs: the issue wants them to cost the
 * same, and neither to grow with the number of projects.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class MultibranchBenchmark {
    private static final String SECRET = "benchmark secret";
    private static final int BRANCHES = 20;

    @Param({"job", "multibranch"})
    public String shape;

    /** Jobs, or Multibranch Pipelines of 20 branch jobs, one of them on the pushed repository. */
    @Param({"1", "1000"})
    public int projects;

    private byte[] body;
    private String signature;
    private WebhookEngine engine;
    private long deliveries;

    @Setup
    public void setUp() {
        body = Payloads.ofSize("10KB");
        signature = Deliveries.sign(SECRET, body);
        boolean multibranch = shape.equals("multibranch");
        List<Subscription> subscriptions = new ArrayList<>();
        Map<String, Map<String, BranchRouting.HeadJob>> branchJobs = new HashMap<>();
        for (int p = 0; p < projects; p++) {
            String id = "project-" + p;
            String repository = p == projects / 2 ? "octo-org/app" : "other-org/repo-" + p;
            subscriptions.add(new Subscription(id, RepositoryName.require(repository), RefFilter.allBranches(), PathFilter.none(),
                    Set.of(Subscription.PUSH), multibranch, List.of(WebhookSecret.of("s" + p, p == projects / 2 ? SECRET : "secret " + p))));
            Map<String, BranchRouting.HeadJob> branches = new HashMap<>();
            for (int b = 0; b < BRANCHES - 1; b++) {
                branches.put("feature-" + b, BranchRouting.HeadJob.BUILDABLE);
            }
            branches.put("main", BranchRouting.HeadJob.BUILDABLE);
            branchJobs.put(id, branches);
        }
        SubscriptionRegistry registry = new SubscriptionRegistry();
        registry.replace(SubscriptionIndex.of(subscriptions));
        BuildScheduler scheduler = multibranch
                ? (s, d) -> {
                    BranchRouting.Route route = BranchRouting.forProject(s.id(), d.push(),
                            head -> branchJobs.get(s.id()).getOrDefault(head, BranchRouting.HeadJob.ABSENT));
                    return new BuildScheduler.Scheduled(route.scheduled(), route.note());
                }
                : (s, d) -> new BuildScheduler.Scheduled(s.id());
        engine = new WebhookEngine(EngineSettings::defaults, registry,
                new DuplicateWindow(10_000, Duration.ofHours(1), Clock.systemUTC()), new DeliveryLog(100), scheduler, Clock.systemUTC());
    }

    @Benchmark
    public Answer pushToOneOfAThousand() {
        Answer a = engine.handle(Deliveries.push(body).deliveryId("d-" + deliveries++).signature(signature).build());
        if (a.status() != 202) {
            throw new IllegalStateException("benchmark delivery was not accepted: " + a.bodyText());
        }
        return a;
    }
}
