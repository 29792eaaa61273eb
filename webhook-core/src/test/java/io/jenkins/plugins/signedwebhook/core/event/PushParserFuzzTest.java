package io.jenkins.plugins.signedwebhook.core.event;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Differential fuzzing of {@link PushParser} against the all-Jackson {@link JacksonPushParser}. In a normal build it
 * replays the inputs under src/test/resources/.../PushParserFuzzTestInputs/; {@code JAZZER_FUZZ=1} explores (see
 * docs/fuzzing.md).
 */
class PushParserFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void parserAgreesWithJackson(byte[] json) {
        PushParserDifferentialTest.assertAgree("fuzz input", json);
    }
}
