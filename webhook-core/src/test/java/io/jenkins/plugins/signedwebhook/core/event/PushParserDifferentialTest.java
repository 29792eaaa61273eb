package io.jenkins.plugins.signedwebhook.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PushParser} (a {@link JsonScanner} that tokenises only what it reads) against {@link JacksonPushParser} (every
 * token through Jackson), over real payloads and many broken copies of them: the same push, or both refuse with the
 * same reason. A push parsed differently, or a body one accepts and the other refuses, would change what builds.
 */
class PushParserDifferentialTest {
    private static final String[] FIXTURES = {"push-branch.json", "push-tag.json", "create-branch.json",
        "delete-branch.json", "force-push.json", "push-25-commits.json", "push-unicode-ref.json", "ping-repo.json"};
    /** Bytes that change JSON's structure, or are refused, or start a multi-byte character. */
    private static final byte[] EDITS = {'"', '\\', '{', '}', '[', ']', ',', ':', '0', '1', '-', '+', '.', 'e', 'E', ' ', '\n',
        't', 'n', 'u', '/', '#', 0x00, 0x1F, 0x7F, (byte) 0x80, (byte) 0xBF, (byte) 0xC3, (byte) 0xE2, (byte) 0xF0,
        (byte) 0xF8, (byte) 0xFF};

    static Stream<String> fixtures() {
        return Stream.of(FIXTURES);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void realPayloadsParseTheSame(String fixture) {
        byte[] json = Fixtures.github(fixture);
        assertAgree(fixture, json);
        assertThat(PushParser.parse(json)).isEqualTo(JacksonPushParser.parse(json, 0, json.length, true));
    }

    @ParameterizedTest
    @ValueSource(ints = {10 * 1024, 1024 * 1024})
    void largeCompactPushesParseTheSame(int size) {
        assertAgree("push of " + size + " bytes", Fixtures.pushOfSize(size));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyTruncationAndSingleByteEditIsJudgedTheSame(String fixture) {
        byte[] json = Fixtures.github(fixture);
        int step = Math.max(1, json.length / 1500);
        for (int cut = 0; cut < json.length; cut += step) {
            assertAgree(fixture + " cut at " + cut, Arrays.copyOf(json, cut));
        }
        for (int at = 0; at < json.length; at += step) {
            for (byte edit : EDITS) {
                byte[] replaced = json.clone();
                replaced[at] = edit;
                assertAgree(fixture + " byte " + at + " replaced by " + edit, replaced);
                byte[] inserted = new byte[json.length + 1];
                System.arraycopy(json, 0, inserted, 0, at);
                inserted[at] = edit;
                System.arraycopy(json, at, inserted, at + 1, json.length - at);
                assertAgree(fixture + " " + edit + " inserted at " + at, inserted);
            }
            byte[] deleted = new byte[json.length - 1];
            System.arraycopy(json, 0, deleted, 0, at);
            System.arraycopy(json, at + 1, deleted, at, json.length - at - 1);
            assertAgree(fixture + " byte " + at + " deleted", deleted);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "{", "}", "[]", "\"x\"", "nul", "tru", "-", "01", "1.", "1e", "1e+", "-0", "{} {}", "{} x", "{}}",
        "{\"ref\":\"refs/heads/x\",\"repository\":{\"full_name\":\"a/b\"}}",
        "\uFEFF{\"ref\":\"refs/heads/x\",\"repository\":{\"full_name\":\"a/b\"}}",
        "{\"ref\":\"refs/heads/x\",\"repository\":{\"full_name\":\"a/b\"},}",
        "{\"ref\":\"refs/heads/x\",,\"repository\":{\"full_name\":\"a/b\"}}",
        "{\"ref\":\"refs/heads/x\" \"repository\":{\"full_name\":\"a/b\"}}",
        "{\"r\\u0065f\":\"refs/heads/\\u00e9\\n\",\"repository\":{\"full_name\":\"a/b\"}}",
        "{\"ref\":\"refs/heads/x\",\"repository\":{\"full_name\":\"a/b\"},\"x\":[1,-2.5e+3,0.0,true,false,null,{}]}",
        "{\"ref\":\"refs/heads/x\",\"repository\":{\"full_name\":\"a/b\"},\"x\":[1,]}",
        "{\"ref\":\"refs/heads/x\",\"repository\":{\"full_name\":\"a/b\"},\"x\":[01]}",
        "{\"ref\":\"refs/heads/x\",\"repository\":{\"full_name\":\"a/b\"},\"x\":truex}",
        "{\"ref\":\"refs/heads/x\",\"repository\":{\"full_name\":\"a/b\"},\"x\":\"\\q\"}",
        "{\"ref\":\"refs/heads/x\",\"repository\":{\"full_name\":\"a/b\"},\"x\":\"\\u12G4\"}",
        "{\"ref\":7,\"repository\":{\"full_name\":\"a/b\"}}",
        "{\"ref\":7x,\"repository\":{\"full_name\":\"a/b\"}}",
        "{\"ref\":\"refs/heads/x\",\"commits\":[{\"added\":[1]}],\"repository\":{\"full_name\":\"a/b\"}}",
        "{\"ref\":\"refs/heads/x\",\"commits\":[7],\"repository\":{\"full_name\":\"a/b\"}}",
        "{\"ref\":\"refs/heads/x\",\"commits\":null,\"head_commit\":null,\"pusher\":null,\"repository\":{\"full_name\":\"a/b\"}}",
        "{\"ref\":\"refs/heads/x\",\"deleted\":null,\"repository\":{\"full_name\":null}}",
    })
    void edgeCasesAreJudgedTheSame(String json) {
        assertAgree(json, json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(ints = {62, 63, 64, 65})
    void theNestingLimitIsTheSame(int depth) {
        String nested = "[".repeat(depth - 1) + "]".repeat(depth - 1);
        assertAgree("nesting " + depth, ("{\"ref\":\"refs/heads/x\",\"repository\":{\"full_name\":\"a/b\"},\"x\":" + nested + "}")
                .getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE"})
    void bodiesInOtherEncodingsThanUtf8AreRefused(String charset) {
        byte[] json = "{\"ref\":\"refs/heads/x\",\"repository\":{\"full_name\":\"a/b\"}}".getBytes(java.nio.charset.Charset.forName(charset));
        assertThat(JacksonPushParser.parse(json, 0, json.length, true)).isInstanceOf(PushParser.Parsed.class);
        assertThat(PushParser.parse(json)).isEqualTo(PushParser.Invalid.MALFORMED);
    }

    @Property(tries = 3000)
    void randomDocumentsAreJudgedTheSame(@ForAll("documents") String json) {
        assertAgree(json, json.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> pieces = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"ref\"", "\"refs/heads/main\"",
                "\"repository\"", "\"full_name\"", "\"a/b\"", "\"commits\"", "\"added\"", "\"x\"", "\"\\u00e9\"", "\"\\n\"",
                "\"é\"", "1", "-0.5e3", "true", "false", "null", " ", "\"head_commit\"", "\"pusher\"", "\"name\"");
        return pieces.list().ofMaxSize(40).map(list -> {
            List<String> parts = new ArrayList<>(list);
            return "{\"ref\":\"refs/heads/main\",\"repository\":{\"full_name\":\"a/b\"}," + String.join("", parts);
        });
    }

    /** Jackson's encoding detection (ByteSourceJsonBootstrapper): a zero in the first two bytes, or a UTF-16 mark. */
    private static boolean jacksonWouldReadAsUtf16Or32(byte[] json) {
        return json.length >= 2 && (json[0] == 0 || json[1] == 0 || (json[0] & 0xFF) == 0xFE || (json[0] & 0xFF) == 0xFF);
    }

    static void assertAgree(String what, byte[] json) {
        if (jacksonWouldReadAsUtf16Or32(json)) {
            // The one deliberate difference: RFC 8259 requires UTF-8 between systems, so these are refused.
            assertThat(PushParser.parse(json)).as(what).isEqualTo(PushParser.Invalid.MALFORMED);
            return;
        }
        for (boolean readPaths : new boolean[] {true, false}) {
            PushParser.Result expected = JacksonPushParser.parse(json, 0, json.length, readPaths);
            PushParser.Result actual = PushParser.parse(json, 0, json.length, readPaths);
            assertThat(actual).as("%s (readPaths %s)", what, readPaths)
                    .isEqualTo(expected);
        }
    }
}
