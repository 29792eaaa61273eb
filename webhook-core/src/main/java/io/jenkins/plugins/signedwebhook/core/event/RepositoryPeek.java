package io.jenkins.plugins.signedwebhook.core.event;

import java.nio.charset.StandardCharsets;

/**
 * Reads {@code repository.full_name} from a body whose signature has not been checked yet, and nothing else: it only
 * serves to find the secrets to check the signature with. Stops as soon as the name is found.
 *
 * <p>An unverified body is anyone's input, so what it costs must depend on its size alone. A tokenizer that makes a
 * string of every field name (Jackson interns and canonicalises them) spends far more on a million distinct keys
 * than on one long string of the same size; this scanner validates the JSON byte by byte and compares field names
 * in place, allocating nothing for the names and values it skips.
 */
public final class RepositoryPeek {
    /** Deeper nesting than any GitHub payload has, the same limit as {@link Json}'s parser. */
    private static final int MAX_NESTING = 64;
    /** Jackson's default limit on the length of a number, kept so that both read the same bodies. */
    private static final int MAX_NUMBER_LENGTH = 1000;
    private static final String REPOSITORY = "repository";
    private static final String FULL_NAME = "full_name";
    /** Bytes that continue a string without any check: printable ASCII but the quote and the backslash. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    private final byte[] bytes;
    private final int end;
    private int at;
    private int depth;
    /** Whether each open container is an object (else an array), by depth. */
    private final boolean[] object = new boolean[MAX_NESTING + 1];
    /** Whether the last string scanned held an escape, so that it must be decoded to be compared. */
    private boolean escaped;

    private RepositoryPeek(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.at = offset;
        this.end = offset + length;
    }

    /** What the unverified body says about its repository. */
    public sealed interface Result {}

    public record Found(String fullName) implements Result {}

    /** A JSON object with no {@code repository}: an organisation webhook's ping, for example. */
    public record Absent() implements Result {}

    public record Unreadable(String reason) implements Result {}

    public static Result peek(byte[] json, int offset, int length) {
        try {
            return new RepositoryPeek(json, offset, length).topLevel();
        } catch (Malformed e) {
            return new Unreadable("the payload is not valid JSON");
        }
    }

    private Result topLevel() throws Malformed {
        if (end - at >= 3 && bytes[at] == (byte) 0xEF && bytes[at + 1] == (byte) 0xBB && bytes[at + 2] == (byte) 0xBF) {
            at += 3;
        }
        skipWhitespace();
        if (at >= end) {
            return new Unreadable("the payload is not a JSON object");
        }
        if (bytes[at] != '{') {
            return startsAValue() ? new Unreadable("the payload is not a JSON object")
                    : new Unreadable("the payload is not valid JSON");
        }
        at++;
        open(true);
        if (closesEmpty('}')) {
            return new Absent();
        }
        while (true) {
            boolean repository = name(REPOSITORY);
            if (repository && peekByte() == '{') {
                Result found = repository();
                if (found != null) {
                    return found;
                }
            } else {
                value();
            }
            skipWhitespace();
            byte next = next();
            if (next == '}') {
                return new Absent();
            }
            if (next != ',') {
                throw Malformed.INSTANCE;
            }
        }
    }

    /** Inside {@code repository}: the full name, or null when this object has none. */
    private Result repository() throws Malformed {
        at++;
        open(true);
        if (closesEmpty('}')) {
            return null;
        }
        while (true) {
            if (name(FULL_NAME)) {
                if (peekByte() != '"') {
                    return new Unreadable("repository.full_name is not a string");
                }
                int start = at + 1;
                string();
                return new Found(decode(start, at - 1));
            }
            value();
            skipWhitespace();
            byte next = next();
            if (next == '}') {
                depth--;
                return null;
            }
            if (next != ',') {
                throw Malformed.INSTANCE;
            }
        }
    }

    /** Reads a field name and its colon; true when the name is {@code wanted}. Leaves {@link #at} on the value. */
    private boolean name(String wanted) throws Malformed {
        skipWhitespace();
        if (next() != '"') {
            throw Malformed.INSTANCE;
        }
        int start = at;
        at--;
        string();
        boolean matches = equalsAscii(start, at - 1, wanted);
        skipWhitespace();
        if (next() != ':') {
            throw Malformed.INSTANCE;
        }
        skipWhitespace();
        return matches;
    }

    /** One whole value, however nested, without remembering any of it. */
    private void value() throws Malformed {
        int base = depth;
        while (true) {
            skipWhitespace();
            byte c = peekByte();
            if (c == '{') {
                at++;
                open(true);
                if (!closesEmpty('}')) {
                    member();
                    continue;
                }
            } else if (c == '[') {
                at++;
                open(false);
                if (!closesEmpty(']')) {
                    continue;
                }
            } else {
                scalar(c);
            }
            while (depth > base) {
                skipWhitespace();
                byte next = next();
                if (next == ',') {
                    if (object[depth]) {
                        member();
                    }
                    break;
                }
                if (next != (object[depth] ? '}' : ']')) {
                    throw Malformed.INSTANCE;
                }
                depth--;
            }
            if (depth == base) {
                return;
            }
        }
    }

    private void member() throws Malformed {
        skipWhitespace();
        if (peekByte() != '"') {
            throw Malformed.INSTANCE;
        }
        string();
        skipWhitespace();
        if (next() != ':') {
            throw Malformed.INSTANCE;
        }
    }

    private void scalar(byte c) throws Malformed {
        switch (c) {
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    /** From the opening quote to just past the closing one, checking escapes and UTF-8 as Jackson does. */
    private void string() throws Malformed {
        byte[] b = bytes;
        int limit = end;
        int i = at + 1;
        escaped = false;
        while (true) {
            while (i < limit && PLAIN[b[i] & 0xff]) {
                i++;
            }
            if (i >= limit) {
                throw Malformed.INSTANCE;
            }
            int c = b[i] & 0xff;
            if (c == '"') {
                at = i + 1;
                return;
            }
            at = i;
            if (c == '\\') {
                escaped = true;
                escape();
            } else if (c < 0x20) {
                throw Malformed.INSTANCE;
            } else {
                multiByte(c);
            }
            i = at;
        }
    }

    private void escape() throws Malformed {
        at++;
        switch (next()) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> { }
            case 'u' -> {
                for (int i = 0; i < 4; i++) {
                    if (Character.digit(next(), 16) < 0) {
                        throw Malformed.INSTANCE;
                    }
                }
            }
            default -> throw Malformed.INSTANCE;
        }
    }

    /** A UTF-8 sequence: its lead byte says how many continuation bytes follow. */
    private void multiByte(int lead) throws Malformed {
        int continuations;
        if (lead >= 0xC0 && lead <= 0xDF) {
            continuations = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            continuations = 2;
        } else if (lead >= 0xF0 && lead <= 0xF7) {
            continuations = 3;
        } else {
            throw Malformed.INSTANCE;
        }
        at++;
        for (int i = 0; i < continuations; i++) {
            if ((next() & 0xC0) != 0x80) {
                throw Malformed.INSTANCE;
            }
        }
    }

    private void number() throws Malformed {
        int start = at;
        if (peekByte() == '-') {
            at++;
        }
        if (peekByte() == '0') {
            at++;
        } else if (!digits()) {
            throw Malformed.INSTANCE;
        }
        if (at < end && bytes[at] == '.') {
            at++;
            if (!digits()) {
                throw Malformed.INSTANCE;
            }
        }
        if (at < end && (bytes[at] == 'e' || bytes[at] == 'E')) {
            at++;
            if (at < end && (bytes[at] == '+' || bytes[at] == '-')) {
                at++;
            }
            if (!digits()) {
                throw Malformed.INSTANCE;
            }
        }
        if (at - start > MAX_NUMBER_LENGTH) {
            throw Malformed.INSTANCE;
        }
    }

    private boolean digits() {
        byte[] b = bytes;
        int start = at;
        int i = start;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        at = i;
        return i > start;
    }

    private void literal(String word) throws Malformed {
        for (int i = 0; i < word.length(); i++) {
            if (next() != word.charAt(i)) {
                throw Malformed.INSTANCE;
            }
        }
    }

    /** The first byte of a JSON value other than an object, for the message about a body that is not one. */
    private boolean startsAValue() {
        byte c = bytes[at];
        return c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n';
    }

    private void open(boolean isObject) throws Malformed {
        if (depth == MAX_NESTING) {
            throw Malformed.INSTANCE;
        }
        object[++depth] = isObject;
    }

    /** After an opening bracket: true, past the closing one, when the container is empty. */
    private boolean closesEmpty(char close) throws Malformed {
        skipWhitespace();
        if (peekByte() == close) {
            at++;
            depth--;
            return true;
        }
        return false;
    }

    /** Whether the string between the quotes at {@code from} and {@code to} (exclusive) reads {@code wanted}. */
    private boolean equalsAscii(int from, int to, String wanted) {
        if (!escaped) {
            if (to - from != wanted.length()) {
                return false;
            }
            for (int i = 0; i < wanted.length(); i++) {
                if (bytes[from + i] != wanted.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
        int k = 0;
        for (int i = from; i < to; k++) {
            char c;
            if (bytes[i] == '\\') {
                byte e = bytes[i + 1];
                c = e == 'u' ? (char) Integer.parseInt(new String(bytes, i + 2, 4, StandardCharsets.US_ASCII), 16) : unescape(e);
                i += e == 'u' ? 6 : 2;
            } else {
                c = (char) (bytes[i] & 0xff);
                i++;
            }
            if (k >= wanted.length() || c != wanted.charAt(k)) {
                return false;
            }
        }
        return k == wanted.length();
    }

    private String decode(int from, int to) {
        if (!escaped) {
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }
        StringBuilder text = new StringBuilder(to - from);
        int plain = from;
        for (int i = from; i < to; ) {
            if (bytes[i] != '\\') {
                i++;
                continue;
            }
            text.append(new String(bytes, plain, i - plain, StandardCharsets.UTF_8));
            byte e = bytes[i + 1];
            if (e == 'u') {
                text.append((char) Integer.parseInt(new String(bytes, i + 2, 4, StandardCharsets.US_ASCII), 16));
                i += 6;
            } else {
                text.append(unescape(e));
                i += 2;
            }
            plain = i;
        }
        return text.append(new String(bytes, plain, to - plain, StandardCharsets.UTF_8)).toString();
    }

    private static char unescape(byte e) {
        return switch (e) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> (char) e;
        };
    }

    private void skipWhitespace() {
        byte[] b = bytes;
        int i = at;
        while (i < end && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        at = i;
    }

    private byte peekByte() throws Malformed {
        if (at >= end) {
            throw Malformed.INSTANCE;
        }
        return bytes[at];
    }

    private byte next() throws Malformed {
        if (at >= end) {
            throw Malformed.INSTANCE;
        }
        return bytes[at++];
    }

    /** Not valid JSON; thrown without a stack trace, since hostile input may make it often. */
    private static final class Malformed extends Exception {
        static final Malformed INSTANCE = new Malformed();

        private Malformed() {
            super("not valid JSON", null, false, false);
        }
    }
}
