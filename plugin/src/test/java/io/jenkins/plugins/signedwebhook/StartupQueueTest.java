package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.match.SubscriptionRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupQueueTest {
    private final StartupQueue<ResolvedTrigger> queue = new StartupQueue<>();

    @Test
    void triggersStartedWhileJenkinsLoadsBuildTheIndexOnceWhenLoadingEnds() {
        SubscriptionRegistry registry = new SubscriptionRegistry();
        SubscriptionBook book = new SubscriptionBook(registry);
        for (int i = 0; i < 2_001; i++) {
            ResolvedTrigger trigger = trigger("team/job-" + i);
            assertThat(queue.offer(trigger.jobFullName(), trigger, () -> true)).isTrue();
        }
        assertThat(registry.swaps()).isZero();

        book.apply(queue.drain(), List.of());

        assertThat(registry.swaps()).isEqualTo(1);
        assertThat(registry.current().size()).isEqualTo(2_001);
    }

    @Test
    void aTriggerStartedOnceJenkinsRunsIsAppliedAtOnce() {
        assertThat(queue.offer("team/app", trigger("team/app"), () -> false)).isFalse();
        assertThat(queue.drain()).isEmpty();
    }

    @Test
    void afterTheDrainNothingWaitsEvenIfJenkinsSaysItIsLoading() {
        queue.drain();

        assertThat(queue.offer("team/app", trigger("team/app"), () -> true)).isFalse();
    }

    @Test
    void aTriggerThatStopsBeforeTheDrainIsNotIndexed() {
        queue.offer("team/a", trigger("team/a"), () -> true);
        queue.offer("team/b", trigger("team/b"), () -> true);

        queue.remove("team/a");

        assertThat(queue.drain()).extracting(ResolvedTrigger::jobFullName).containsExactly("team/b");
    }

    @Test
    void aJobThatStartsTwiceWhileLoadingWaitsOnceWithItsLatestTrigger() {
        queue.offer("team/a", trigger("team/a"), () -> true);
        ResolvedTrigger later = new ResolvedTrigger("team/a", new TriggerSettings("octo-org/later", "", "", "", false), "id", "s");
        queue.offer("team/a", later, () -> true);

        assertThat(queue.drain()).containsExactly(later);
    }

    private static ResolvedTrigger trigger(String job) {
        return new ResolvedTrigger(job, new TriggerSettings("octo-org/" + job.replace('/', '-'), "", "", "", false), "hook", "secret");
    }
}
