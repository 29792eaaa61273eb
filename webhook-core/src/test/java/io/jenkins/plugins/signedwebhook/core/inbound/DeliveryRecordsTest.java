package io.jenkins.plugins.signedwebhook.core.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryRecordsTest {

    @Test
    void recordsSurviveARoundTripIncludingUnicodeAndMissingFields() throws IOException {
        List<DeliveryRecord> records = List.of(
                new DeliveryRecord(Instant.parse("2026-11-25T10:00:00Z"), "d-1", "push", "octo-org/app",
                        "refs/heads/feature/ünïcødé-✓", "accepted", 202, List.of("folder/app"), null,
                        List.of(new DeliveryRecord.Note("other", "ref refs/heads/x does not match main"))),
                new DeliveryRecord(Instant.parse("2026-11-25T10:01:00Z"), null, "", null, null, "method_not_allowed", 405,
                        List.of(), "only POST is accepted here", List.of()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DeliveryRecords.write(records, out);

        assertThat(DeliveryRecords.read(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(records);
    }

    @Test
    void aCorruptFileIsAnIOExceptionNotACrash() {
        assertThatThrownBy(() -> DeliveryRecords.read(new ByteArrayInputStream("{\"x\":1}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> DeliveryRecords.read(new ByteArrayInputStream("[{\"received_at\":\"yesterday\",\"result\":\"x\"}]"
                .getBytes(StandardCharsets.UTF_8)))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> DeliveryRecords.read(new ByteArrayInputStream("[{\"received_at\":".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class);
    }
}
