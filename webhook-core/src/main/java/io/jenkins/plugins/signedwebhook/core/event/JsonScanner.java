package io.jenkins.plugins.signedwebhook.core.event;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A validating cursor over a UTF-8 JSON document for {@link PushParser}: it steps over the values nobody reads without
 * making a token or a String of them, which is most of a push (the repository's URLs, the users, the commits), and
 * hands the few strings that are read to Jackson to decode. The profile of the receiver showed Jackson's tokenising of
 * those skipped values as the largest cost of a delivery, twice the HMAC over the same bytes.
 *
 * <p>It accepts exactly the documents Jackson's default parser accepts (strict RFC 8259: no comments, no leading
 * zeros, no unescaped control characters, the same UTF-8 lead and continuation byte checks, the same escapes), with
 * {@link Json}'s nesting limit; {@code PushParserDifferentialTest} and the {@code parserAgreesWithJackson} fuzz target
 * hold it to that. One deliberate difference: a body in UTF-16 or UTF-32, which Jackson would detect and decode, is
 * refused, as RFC 8259 section 8.1 requires JSON between systems to be UTF-8 (a UTF-8 byte order mark is skipped, as
 * Jackson does).
 */
final class JsonScanner {
    /** Jackson's default {@code StreamReadConstraints} limits that apply while skipping. */
    private static final int MAX_NAME_BYTES = 50_000;

    private static final int MAX_STRING_BYTES = 20_000_000;

    private static final int MAX_NUMBER_LENGTH = 1_000;
    private static final byte PLAIN = 0;
    private static final byte QUOTE = 1;
    private static final byte BACKSLASH = 2;
    private static final byte CONTROL = 3;
    private static final byte UTF8_2 = 4;
    private static final byte UTF8_3 = 5;
    private static final byte UTF8_4 = 6;
    private static final byte INVALID = 7;
    /** What each byte means inside a string, as Jackson's UTF-8 input codes classify it. */
    private static final byte[] STRING_BYTES = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            byte kind;
            if (c < 0x20) {
                kind = CONTROL;
            } else if (c == '"') {
                kind = QUOTE;
            } else if (c == '\\') {
                kind = BACKSLASH;
            } else if (c < 0x80) {
                kind = PLAIN;
            } else if ((c & 0xE0) == 0xC0) {
                kind = UTF8_2;
            } else if ((c & 0xF0) == 0xE0) {
                kind = UTF8_3;
            } else if ((c & 0xF8) == 0xF0) {
                kind = UTF8_4;
            } else {
                kind = INVALID;
            }
            STRING_BYTES[c] = kind;
        }
    }

    /** The document is not JSON, or is beyond a limit; {@link #limit} tells which. */
    static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;
        final boolean limit;

        Malformed(boolean limit) {
            super(limit ? "beyond a parser limit" : "malformed");
            this.limit = limit;
        }

        /** Two shared instances say everything; a stack trace would only cost. */
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private static final Malformed MALFORMED = new Malformed(false);
    private static final Malformed LIMIT = new Malformed(true);

    private final byte[] b;
    private final int end;
    private int pos;
    private int depth;
    private boolean justOpened;
    private int nameStart;
    private int nameEnd;
    private boolean nameEscaped;
    private int stringStart;
    private int stringEnd;
    private boolean stringPlain;

    JsonScanner(byte[] bytes, int offset, int length) throws Malformed {
        b = bytes;
        pos = offset;
        end = offset + length;
        if (length >= 2 && (b[offset] == 0 || b[offset + 1] == 0 || (b[offset] & 0xFF) == 0xFE || (b[offset] & 0xFF) == 0xFF)) {
            throw MALFORMED;
        }
        if (length >= 3 && (b[offset] & 0xFF) == 0xEF && (b[offset + 1] & 0xFF) == 0xBB && (b[offset + 2] & 0xFF) == 0xBF) {
            pos += 3;
        }
    }

    /** The next byte after whitespace, or -1 at the end of the input. */
    int peek() throws Malformed {
        while (pos < end) {
            int c = b[pos] & 0xFF;
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                pos++;
            } else if (c < 0x20 || c == '/' || c == '#') {
                throw MALFORMED;
            } else {
                return c;
            }
        }
        return -1;
    }

    /** Whether the value at the cursor is {@code null}; consumes it if so. */
    boolean nextIsNull() throws Malformed {
        if (peek() == 'n') {
            literal("null");
            return true;
        }
        return false;
    }

    /** At '{': enters the object. */
    void beginObject() throws Malformed {
        open();
    }

    /** At '[': enters the array. */
    void beginArray() throws Malformed {
        open();
    }

    private void open() throws Malformed {
        pos++;
        if (++depth > Json.MAX_NESTING) {
            throw LIMIT;
        }
        justOpened = true;
    }

    /**
     * Moves to the next member of the object being read, past its name and colon, or past the closing brace.
     *
     * @return false when the object ended
     */
    boolean nextMember() throws Malformed {
        int c = peek();
        if (c == '}') {
            pos++;
            depth--;
            justOpened = false;
            return false;
        }
        if (!justOpened) {
            if (c != ',') {
                throw MALFORMED;
            }
            pos++;
            c = peek();
        }
        justOpened = false;
        if (c != '"') {
            throw MALFORMED;
        }
        string();
        if (stringEnd - stringStart > MAX_NAME_BYTES) {
            throw LIMIT;
        }
        nameStart = stringStart;
        nameEnd = stringEnd;
        nameEscaped = !stringPlain;
        if (peek() != ':') {
            throw MALFORMED;
        }
        pos++;
        if (peek() == -1) {
            throw MALFORMED;
        }
        return true;
    }

    /** Moves to the next element of the array being read, or past its closing bracket; false when it ended. */
    boolean nextElement() throws Malformed {
        int c = peek();
        if (c == ']') {
            pos++;
            depth--;
            justOpened = false;
            return false;
        }
        if (!justOpened) {
            if (c != ',') {
                throw MALFORMED;
            }
            pos++;
            c = peek();
        }
        justOpened = false;
        if (c == -1) {
            throw MALFORMED;
        }
        return true;
    }

    /** Whether the current member's name is {@code name} (plain ASCII, as every name read here is). */
    boolean nameIs(String name) throws IOException {
        int length = nameEnd - nameStart;
        if (!nameEscaped) {
            if (length != name.length()) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (b[nameStart + i] != name.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
        return name.equals(decode(nameStart - 1, nameEnd + 1));
    }

    /** At '"': the string's text. */
    String readString() throws IOException {
        string();
        if (stringEnd - stringStart > MAX_STRING_BYTES) {
            throw LIMIT;
        }
        if (stringPlain) {
            return new String(b, stringStart, stringEnd - stringStart, StandardCharsets.ISO_8859_1);
        }
        return decode(stringStart - 1, stringEnd + 1);
    }

    /** The text of the string literal in [from, to), quotes included, exactly as Jackson decodes it. */
    private String decode(int from, int to) throws IOException {
        try (JsonParser p = Json.parser(b, from, to - from)) {
            p.nextToken();
            return p.getText();
        }
    }

    /** At 't' or 'f': the literal's value. */
    boolean readBoolean() throws Malformed {
        if (b[pos] == 't') {
            literal("true");
            return true;
        }
        literal("false");
        return false;
    }

    /** Steps over the value at the cursor, checking it. */
    void skipValue() throws Malformed {
        int c = peek();
        switch (c) {
            case '{' -> {
                open();
                while (nextMember()) {
                    skipValue();
                }
            }
            case '[' -> {
                open();
                while (nextElement()) {
                    skipValue();
                }
            }
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    number();
                } else {
                    throw MALFORMED;
                }
            }
        }
    }

    /** After the root value: whether only whitespace is left. */
    boolean atEnd() throws Malformed {
        return peek() == -1;
    }

    /**
     * Whether a value's first token starts at the cursor, checked as Jackson's next token would be: a scalar whole, an
     * object, array or string by its first byte. Consumes a scalar.
     *
     * @param root whether the token would be a root value (a number there must be followed by whitespace)
     */
    boolean valueTokenFollows(boolean root) {
        try {
            int c = peek();
            switch (c) {
                case '{', '[', '"' -> {
                    return true;
                }
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        number();
                        if (root && pos < end && b[pos] != ' ' && b[pos] != '\t' && b[pos] != '\r' && b[pos] != '\n') {
                            return false;
                        }
                    } else {
                        return false;
                    }
                }
            }
            return true;
        } catch (Malformed e) {
            return false;
        }
    }

    /** At '"': steps past the string, recording where its content is and whether it is plain ASCII. */
    private void string() throws Malformed {
        int i = pos + 1;
        int start = i;
        boolean plain = true;
        final byte[] bytes = b;
        while (true) {
            if (i >= end) {
                throw MALFORMED;
            }
            int c = bytes[i] & 0xFF;
            byte kind = STRING_BYTES[c];
            if (kind == PLAIN) {
                i++;
                continue;
            }
            switch (kind) {
                case QUOTE -> {
                    stringStart = start;
                    stringEnd = i;
                    stringPlain = plain;
                    pos = i + 1;
                    return;
                }
                case BACKSLASH -> {
                    plain = false;
                    i = escape(i + 1);
                }
                case UTF8_2 -> {
                    plain = false;
                    i = continuation(i + 1, 1);
                }
                case UTF8_3 -> {
                    plain = false;
                    i = continuation(i + 1, 2);
                }
                case UTF8_4 -> {
                    plain = false;
                    i = continuation(i + 1, 3);
                }
                default -> throw MALFORMED;
            }
        }
    }

    private int escape(int i) throws Malformed {
        if (i >= end) {
            throw MALFORMED;
        }
        switch (b[i]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return i + 1;
            }
            case 'u' -> {
                if (i + 4 >= end) {
                    throw MALFORMED;
                }
                for (int k = 1; k <= 4; k++) {
                    int h = b[i + k];
                    if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) {
                        throw MALFORMED;
                    }
                }
                return i + 5;
            }
            default -> throw MALFORMED;
        }
    }

    private int continuation(int i, int count) throws Malformed {
        for (int k = 0; k < count; k++, i++) {
            if (i >= end || (b[i] & 0xC0) != 0x80) {
                throw MALFORMED;
            }
        }
        return i;
    }

    private void literal(String word) throws Malformed {
        int length = word.length();
        if (pos + length > end) {
            throw MALFORMED;
        }
        for (int k = 0; k < length; k++) {
            if (b[pos + k] != word.charAt(k)) {
                throw MALFORMED;
            }
        }
        pos += length;
        wordEnds();
    }

    /** RFC 8259 number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    private void number() throws Malformed {
        int start = pos;
        int i = pos;
        if (b[i] == '-') {
            i++;
        }
        int intStart = i;
        i = digits(i);
        int intLength = i - intStart;
        if (intLength == 0 || (intLength > 1 && b[intStart] == '0')) {
            throw MALFORMED;
        }
        boolean fraction = false;
        if (i < end && b[i] == '.') {
            int from = ++i;
            i = digits(i);
            if (i == from) {
                throw MALFORMED;
            }
            fraction = true;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int from = i;
            i = digits(i);
            if (i == from) {
                throw MALFORMED;
            }
            fraction = true;
        }
        if (intLength > MAX_NUMBER_LENGTH || (fraction && i - start > MAX_NUMBER_LENGTH)) {
            throw LIMIT;
        }
        pos = i;
    }

    private int digits(int i) {
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i;
    }

    /**
     * After {@code true}, {@code false} or {@code null}: a letter or digit running on makes it another word, which
     * Jackson refuses (its {@code _checkMatchEnd}, with the same decoding of a multi-byte character).
     */
    private void wordEnds() throws Malformed {
        if (pos >= end) {
            return;
        }
        int c = b[pos] & 0xFF;
        if (c < '0' || c == ']' || c == '}') {
            return;
        }
        if (c >= 0x80) {
            int needed;
            if ((c & 0xE0) == 0xC0) {
                c &= 0x1F;
                needed = 1;
            } else if ((c & 0xF0) == 0xE0) {
                c &= 0x0F;
                needed = 2;
            } else if ((c & 0xF8) == 0xF0) {
                c &= 0x07;
                needed = 3;
            } else {
                throw MALFORMED;
            }
            for (int k = 1; k <= needed; k++) {
                if (pos + k >= end || (b[pos + k] & 0xC0) != 0x80) {
                    throw MALFORMED;
                }
                c = (c << 6) | (b[pos + k] & 0x3F);
            }
        }
        if (Character.isJavaIdentifierPart((char) c)) {
            throw MALFORMED;
        }
    }
}
