package io.jenkins.plugins.signedwebhook.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Real-shaped GitHub payloads from src/test/resources/fixtures/github, and payloads of a chosen size built from them. */
public final class Fixtures {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {}

    public static byte[] github(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/github/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A payload of another forge: {@code forge("gitlab", "push.json")}, from src/test/resources/fixtures/{forge}. */
    public static byte[] forge(String forge, String name) {
        return resource("/fixtures/" + forge + "/" + name);
    }

    public static byte[] resource(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The form GitHub posts when the webhook's content type is application/x-www-form-urlencoded. */
    public static byte[] formEncoded(byte[] json) {
        return ("payload=" + URLEncoder.encode(new String(json, StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The order in which github.com writes a push delivery's top-level fields: repository before commits. */
    private static final String[] GITHUB_FIELD_ORDER = {"ref", "before", "after", "repository", "pusher", "organization",
        "sender", "created", "deleted", "forced", "base_ref", "compare", "commits", "head_commit"};

    /**
     * push-branch.json with its fields in github.com's order, and more commits like its first (each adding, changing
     * and removing a file of its own) until the compact payload is at least {@code bytes} long.
     */
    public static byte[] pushOfSize(int bytes) {
        try {
            ObjectNode fixture = (ObjectNode) MAPPER.readTree(github("push-branch.json"));
            ObjectNode push = MAPPER.createObjectNode();
            for (String field : GITHUB_FIELD_ORDER) {
                push.set(field, fixture.get(field));
            }
            fixture.fieldNames().forEachRemaining(f -> {
                if (!push.has(f)) {
                    push.set(f, fixture.get(f));
                }
            });
            ArrayNode commits = (ArrayNode) push.get("commits");
            ObjectNode template = (ObjectNode) commits.get(0);
            int perCommit = MAPPER.writeValueAsBytes(template).length + 120;
            byte[] out = MAPPER.writeValueAsBytes(push);
            int n = 0;
            while (out.length < bytes) {
                for (int k = Math.max(1, (bytes - out.length) / perCommit); k > 0; k--, n++) {
                    ObjectNode c = template.deepCopy();
                    c.put("id", String.format("%040x", n + 1));
                    c.put("message", "Generated change " + n);
                    c.set("added", MAPPER.createArrayNode().add(String.format("src/main/java/com/example/gen/Added%06d.java", n)));
                    c.set("modified", MAPPER.createArrayNode().add(String.format("src/main/java/com/example/gen/Changed%06d.java", n)));
                    c.set("removed", MAPPER.createArrayNode().add(String.format("docs/old/Removed%06d.md", n)));
                    commits.add(c);
                }
                out = MAPPER.writeValueAsBytes(push);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same push made again {@code seconds} later (a revert and its redo, say): GitHub's body differs only by
     * {@code repository.pushed_at}, which is what keeps it from being the replay of the first.
     */
    public static byte[] pushedLater(byte[] push, int seconds) {
        String text = new String(push, java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"pushed_at\": (\\d+)").matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("the payload has no repository.pushed_at");
        }
        long later = Long.parseLong(m.group(1)) + seconds;
        return (text.substring(0, m.start(1)) + later + text.substring(m.end(1))).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static JsonNode json(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
