package io.jenkins.plugins.signedwebhook.core.testing;

import java.nio.charset.StandardCharsets;

/** Unsigned bodies shaped to be expensive to read before verification, as in the fault battery of issue 16. */
public final class HostileBodies {
    private HostileBodies() {}

    /** A JSON object of {@code count} distinct keys and no {@code repository}: 1,000,000 keys make 19 MB. */
    public static byte[] distinctKeys(int count) {
        StringBuilder json = new StringBuilder(count * 19 + 2).append('{');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                json.append(',');
            }
            String digits = Integer.toString(i);
            json.append("\"key_").append("0".repeat(10 - digits.length())).append(digits).append("\":0");
        }
        return json.append('}').toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A JSON object of exactly {@code bytes} bytes holding one string value and no {@code repository}. */
    public static byte[] oneLongString(int bytes) {
        String open = "{\"a\":\"";
        String close = "\"}";
        return (open + "x".repeat(bytes - open.length() - close.length()) + close).getBytes(StandardCharsets.US_ASCII);
    }
}
