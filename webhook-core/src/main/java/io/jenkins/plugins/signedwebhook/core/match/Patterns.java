package io.jenkins.plugins.signedwebhook.core.match;

import java.util.Arrays;
import java.util.List;

/** Splitting of pattern lists as users type them: commas, spaces or new lines between patterns. */
final class Patterns {
    private Patterns() {}

    static List<String> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.strip().split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }
}
