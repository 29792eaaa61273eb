package io.jenkins.plugins.signedwebhook.core.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EngineSettingsTest {

    @Test
    void theGitLabTimestampToleranceIsFiveMinutesUnlessSet() {
        assertThat(EngineSettings.defaults().timestampTolerance()).isEqualTo(Duration.ofMinutes(5));
        assertThat(EngineSettings.defaults().withTimestampTolerance(Duration.ofSeconds(90)).timestampTolerance())
                .isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aGitLabTimestampToleranceOutsideOneMinuteToAnHourIsRefusedWithTheRange() {
        assertThat(EngineSettings.defaults().withTimestampTolerance(EngineSettings.MIN_TIMESTAMP_TOLERANCE).timestampTolerance())
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(EngineSettings.defaults().withTimestampTolerance(EngineSettings.MAX_TIMESTAMP_TOLERANCE).timestampTolerance())
                .isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> EngineSettings.defaults().withTimestampTolerance(Duration.ofSeconds(59)))
                .hasMessageContaining("timestamp tolerance").hasMessageContaining("60 to 3600 seconds").hasMessageContaining("59");
        assertThatThrownBy(() -> EngineSettings.defaults().withTimestampTolerance(Duration.ofMinutes(61)))
                .hasMessageContaining("3660");
        assertThatThrownBy(() -> EngineSettings.defaults().withTimestampTolerance(null)).hasMessageContaining("timestamp tolerance");
    }

    @Test
    void theTimestampToleranceIsKeptWithinTheDuplicateWindowSoACapturedDeliveryCannotOutliveItsId() {
        EngineSettings thirtyMinutes = EngineSettings.defaults().withTimestampTolerance(Duration.ofMinutes(30));

        assertThat(thirtyMinutes.withinDuplicateWindow(Duration.ofMinutes(10)).timestampTolerance())
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(thirtyMinutes.withinDuplicateWindow(Duration.ofHours(1)).timestampTolerance())
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(thirtyMinutes.withinDuplicateWindow(Duration.ofSeconds(20)).timestampTolerance())
                .isEqualTo(EngineSettings.MIN_TIMESTAMP_TOLERANCE);
    }
}
