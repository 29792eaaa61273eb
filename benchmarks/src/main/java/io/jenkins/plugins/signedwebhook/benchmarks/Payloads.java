package io.jenkins.plugins.signedwebhook.benchmarks;

import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;

/** The payload sizes design.md sets targets for. */
final class Payloads {
    private Payloads() {}

    static byte[] ofSize(String size) {
        return switch (size) {
            case "10KB" -> Fixtures.pushOfSize(10 * 1024);
            case "1MB" -> Fixtures.pushOfSize(1024 * 1024);
            case "25MiB" -> Fixtures.pushOfSize(25 * 1024 * 1024 - 4096);
            default -> throw new IllegalArgumentException("unknown payload size " + size);
        };
    }
}
