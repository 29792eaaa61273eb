package io.jenkins.plugins.signedwebhook.core.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

/** The one Jackson factory of the engine: thread-safe, immutable, shared. */
public final class Json {
    /** Deeper nesting than any GitHub payload has; refusing more keeps hostile input cheap. */
    private static final int MAX_NESTING = 64;

    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build();

    private Json() {}

    public static JsonParser parser(byte[] bytes, int offset, int length) throws IOException {
        return FACTORY.createParser(bytes, offset, length);
    }
}
