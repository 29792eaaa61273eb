package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryLogStoreTest {
    @TempDir
    Path home;

    private static DeliveryRecord record(String id) {
        return new DeliveryRecord(Instant.parse("2026-11-25T10:00:00Z"), id, "push", "o/a", "refs/heads/main", "accepted", 202,
                List.of("job"), null, List.of());
    }

    @Test
    void savedLogIsLoadedAfterARestart() {
        Path file = home.resolve("signed-webhook/deliveries.json");
        new DeliveryLogStore(file).save(List.of(record("2"), record("1")));
        assertThat(new DeliveryLogStore(file).load()).extracting(DeliveryRecord::deliveryId).containsExactly("2", "1");
    }

    @Test
    void missingFileIsAnEmptyLog() {
        assertThat(new DeliveryLogStore(home.resolve("none.json")).load()).isEmpty();
    }

    @Test
    void corruptFileIsSetAsideNotFatal() throws Exception {
        Path file = home.resolve("deliveries.json");
        Files.writeString(file, "[{\"received_at\":", StandardCharsets.UTF_8);
        assertThat(new DeliveryLogStore(file).load()).isEmpty();
        assertThat(Files.exists(file)).isFalse();
        try (var files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("deliveries.json.corrupt-"));
        }
    }
}
