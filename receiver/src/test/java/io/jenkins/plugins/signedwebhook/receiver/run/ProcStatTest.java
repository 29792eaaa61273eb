package io.jenkins.plugins.signedwebhook.receiver.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** What the receiver reads of {@code /proc/<pid>/stat} to know a command's process again after a crash. */
@EnabledOnOs(OS.LINUX)
class ProcStatTest {
    /** A real line's shape: a command name holding spaces and parentheses, then fields 3 to 52. */
    private static final String LINE = "4242 (deploy (prod) x) S 1 4242 4242 0 -1 4194560 120 0 0 0 1 2 0 0 20 0 1 0"
            + " 987654 2359296 134 18446744073709551615 1 1 0 0 0 0 0 0 65536 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0";

    @Test
    void fieldsAreCountedFromTheLastParenthesisSoACommandNameWithSpacesAndParenthesesDoesNotShiftThem() {
        assertThat(ProcStat.parse(4242, LINE)).hasValueSatisfying(stat -> {
            assertThat(stat.state()).isEqualTo('S');
            assertThat(stat.processGroup()).isEqualTo(4242);
            assertThat(stat.session()).isEqualTo(4242);
            assertThat(stat.startTicks()).isEqualTo(987654);
            assertThat(stat.leadsSession()).isTrue();
        });
    }

    @Test
    void aTruncatedLineIsNotRead() {
        assertThat(ProcStat.parse(4242, "4242 (deploy) S 1 4242")).isEmpty();
        assertThat(ProcStat.parse(4242, "")).isEmpty();
    }

    @Test
    void aRunningProcessIsReadWithTheSameStartTimeEveryTime() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            ProcStat first = ProcStat.read(sleep.pid()).orElseThrow();
            assertThat(first.isLive()).isTrue();
            assertThat(ProcStat.read(sleep.pid())).hasValueSatisfying(
                    again -> assertThat(again.identity()).isEqualTo(first.identity()));
            assertThat(first.startTicks()).isNotEqualTo(ProcStat.read(ProcessHandle.current().pid()).orElseThrow().startTicks());
        } finally {
            sleep.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void nothingIsReadForAProcessThatIsGone() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor(10, TimeUnit.SECONDS);
        // The reaper thread may lag behind waitFor's wake-up by a moment; a reaped pid has no /proc entry.
        ProcessHandle.of(done.pid()).ifPresent(h -> h.onExit().join());
        assertThat(ProcStat.read(done.pid())).isEmpty();
    }
}
