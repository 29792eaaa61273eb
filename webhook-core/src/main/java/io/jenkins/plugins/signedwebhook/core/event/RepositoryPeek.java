package io.jenkins.plugins.signedwebhook.core.event;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    /** Bytes that continue a string without any check: printable ASCII but the quote and the backslash. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    private final byte[] bytes;
    private final int end;
    private final int start;
    /** The top-level object that names the repository, and its member that holds the name. */
    private final String container;
    private final String nameMember;
    /** Whether each open container is an object (else an array), by depth. */
    private final boolean[] object = new boolean[MAX_NESTING + 1];
    /** The last member read at the top level is {@code repository}: an object opened now is the one to look in. */
    private boolean repositoryNext;
    /** The object open at depth 2 is the top-level {@code repository}. */
    private boolean inRepository;
    /** What {@link #member} found, when it returns a negative index. */
    private Result found;
    /** Top-level members to read instead of a repository's name ({@link #topLevel}), and what was read of them. */
    private final List<String> wanted;
    private final Map<String, Scalar> read = new HashMap<>();

    private RepositoryPeek(byte[] bytes, int offset, int length, String container, String nameMember, List<String> wanted) {
        this.bytes = bytes;
        this.start = offset;
        this.end = offset + length;
        this.container = container;
        this.nameMember = nameMember;
        this.wanted = wanted;
    }

    /** What the unverified body says about its repository. */
    public sealed interface Result {}

    public record Found(String fullName) implements Result {}

    /** A JSON object with no {@code repository}: an organisation webhook's ping, for example. */
    public record Absent() implements Result {}

    public record Unreadable(String reason) implements Result {}

    /** A top-level member's value as {@link #topLevel} reads it: only strings and booleans are told apart. */
    public sealed interface Scalar {}

    public record Text(String value) implements Scalar {}

    public record Flag(boolean value) implements Scalar {}

    public record JsonNull() implements Scalar {}

    /** A number, an object or an array. */
    public record Other() implements Scalar {}

    /** The members read, once every one of them has been. */
    private record Members(Map<String, Scalar> values) implements Result {}

    public static Result peek(byte[] json, int offset, int length) {
        return peek(json, offset, length, REPOSITORY, FULL_NAME);
    }

    /**
     * Reads {@code container.nameMember} instead, for forges that name the repository elsewhere (GitLab's
     * {@code project.path_with_namespace}); both names are ASCII.
     */
    public static Result peek(byte[] json, int offset, int length, String container, String nameMember) {
        try {
            return new RepositoryPeek(json, offset, length, container, nameMember, List.of()).scan();
        } catch (Malformed e) {
            return new Unreadable("the payload is not valid JSON");
        }
    }

    /**
     * The top-level members {@code names} (ASCII) of a JSON object, by name, scanned as {@link #peek} scans and
     * stopping once each has been read; a member absent from the body is absent from the map. Empty when the body is
     * not a JSON object or is not valid JSON as far as it was read.
     */
    public static Optional<Map<String, Scalar>> topLevel(byte[] json, List<String> names) {
        try {
            Result r = new RepositoryPeek(json, 0, json.length, null, null, List.copyOf(names)).scan();
            return r instanceof Members m ? Optional.of(m.values()) : Optional.empty();
        } catch (Malformed e) {
            return Optional.empty();
        }
    }

    /**
     * The whole document in one loop on local variables, since a body may hold millions of tiny values and each
     * one's cost is what the body costs; names are compared only at the two depths where a wanted one can be.
     */
    private Result scan() throws Malformed {
        final byte[] b = bytes;
        final int limit = end;
        final boolean[] isObject = object;
        int i = start;
        if (limit - i >= 3 && b[i] == (byte) 0xEF && b[i + 1] == (byte) 0xBB && b[i + 2] == (byte) 0xBF) {
            i += 3;
        }
        i = skipWhitespace(b, i, limit);
        if (i >= limit) {
            return new Unreadable("the payload is not a JSON object");
        }
        if (b[i] != '{') {
            return startsAValue(b[i]) ? new Unreadable("the payload is not a JSON object")
                    : new Unreadable("the payload is not valid JSON");
        }
        int d = 0;
        while (true) {
            i = skipWhitespace(b, i, limit);
            byte c = byteAt(b, i, limit);
            if (c == '{' || c == '[') {
                if (d == MAX_NESTING) {
                    throw Malformed.INSTANCE;
                }
                boolean opensObject = c == '{';
                isObject[++d] = opensObject;
                if (d == 2 && opensObject && repositoryNext) {
                    inRepository = true;
                }
                i = skipWhitespace(b, i + 1, limit);
                if (byteAt(b, i, limit) != (opensObject ? '}' : ']')) {
                    if (opensObject) {
                        i = member(b, i, limit, d);
                        if (i < 0) {
                            return found;
                        }
                    }
                    continue;
                }
                i++;
                d = close(d);
            } else if (c == '"') {
                i = stringEnd(b, i, limit);
            } else if (c == 't') {
                i = literal(b, i, limit, TRUE);
            } else if (c == 'f') {
                i = literal(b, i, limit, FALSE);
            } else if (c == 'n') {
                i = literal(b, i, limit, NULL);
            } else {
                i = numberEnd(b, i, limit);
            }
            while (true) {
                if (d == 0) {
                    return wanted.isEmpty() ? new Absent() : new Members(read);
                }
                i = skipWhitespace(b, i, limit);
                c = byteAt(b, i, limit);
                i++;
                if (c == ',') {
                    if (isObject[d]) {
                        i = member(b, skipWhitespace(b, i, limit), limit, d);
                        if (i < 0) {
                            return found;
                        }
                    }
                    break;
                }
                if (c != (isObject[d] ? '}' : ']')) {
                    throw Malformed.INSTANCE;
                }
                d = close(d);
            }
        }
    }

    private int close(int depth) {
        if (depth == 2) {
            inRepository = false;
        }
        return depth - 1;
    }

    /**
     * A member's name and colon, from the opening quote; the index of its value. At the top level it notes whether
     * the name is {@code repository}; in that object, a {@code full_name} ends the scan: {@link #found} is set and
     * the index returned is negative. Below those two depths, and for a name of another length with no escape, the
     * name is only validated: a body of a million names costs a pass over their bytes and a few branches each.
     */
    private int member(byte[] b, int i, int limit, int d) throws Malformed {
        if (byteAt(b, i, limit) != '"') {
            throw Malformed.INSTANCE;
        }
        int nameStart = i + 1;
        i = nameStart;
        while (i < limit && PLAIN[b[i] & 0xff]) {
            i++;
        }
        // A name with nothing but plain ASCII ends at the quote that stopped the loop; others are read again in full
        // (once more over their plain start, still a cost in proportion to their bytes).
        boolean plain = i < limit && b[i] == '"';
        i = plain ? i + 1 : stringEnd(b, nameStart - 1, limit);
        int nameEnd = i - 1;
        if (i < limit && b[i] == ':') {
            i++;
        } else {
            i = skipWhitespace(b, i, limit);
            if (byteAt(b, i, limit) != ':') {
                throw Malformed.INSTANCE;
            }
            i++;
        }
        if (i < limit && b[i] <= ' ') {
            i = skipWhitespace(b, i, limit);
        }
        if (d == 1 && !wanted.isEmpty()) {
            if (readWanted(b, i, limit, plain, nameStart, nameEnd)) {
                found = new Members(read);
                return -1;
            }
        } else if (d == 1) {
            repositoryNext = is(plain, nameStart, nameEnd, container);
        } else if (d == 2 && inRepository && is(plain, nameStart, nameEnd, nameMember)) {
            if (byteAt(b, i, limit) != '"') {
                found = new Unreadable(container + "." + nameMember + " is not a string");
            } else {
                int valueStart = i + 1;
                found = new Found(decode(valueStart, stringEnd(b, i, limit) - 1));
            }
            return -1;
        }
        return i;
    }

    /** Reads the value at {@code i} when the member is a wanted one (the last of a repeated name wins); whether all are read. */
    private boolean readWanted(byte[] b, int i, int limit, boolean plain, int nameStart, int nameEnd) throws Malformed {
        for (String name : wanted) {
            if (!is(plain, nameStart, nameEnd, name)) {
                continue;
            }
            Scalar value = switch (byteAt(b, i, limit)) {
                case '"' -> new Text(decode(i + 1, stringEnd(b, i, limit) - 1));
                case 't' -> {
                    literal(b, i, limit, TRUE);
                    yield new Flag(true);
                }
                case 'f' -> {
                    literal(b, i, limit, FALSE);
                    yield new Flag(false);
                }
                case 'n' -> {
                    literal(b, i, limit, NULL);
                    yield new JsonNull();
                }
                default -> new Other();
            };
            read.put(name, value);
            return read.size() == wanted.size();
        }
        return false;
    }

    /** Whether a name reads {@code wanted}: a plain one of another length is told apart by its length alone. */
    private boolean is(boolean plain, int from, int to, String wanted) {
        return !(plain && to - from != wanted.length()) && equalsAscii(from, to, wanted);
    }

    /** From the opening quote to just past the closing one, checking escapes and UTF-8 as Jackson does. */
    private static int stringEnd(byte[] b, int i, int limit) throws Malformed {
        i++;
        while (true) {
            while (i < limit && PLAIN[b[i] & 0xff]) {
                i++;
            }
            int c = byteAt(b, i, limit) & 0xff;
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i = escapeEnd(b, i + 1, limit);
            } else if (c < 0x20) {
                throw Malformed.INSTANCE;
            } else {
                i = multiByteEnd(b, i, limit, c);
            }
        }
    }

    /** The index past an escape whose backslash is just before {@code i}. */
    private static int escapeEnd(byte[] b, int i, int limit) throws Malformed {
        switch (byteAt(b, i, limit)) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return i + 1;
            }
            case 'u' -> {
                for (int k = 1; k <= 4; k++) {
                    if (Character.digit(byteAt(b, i + k, limit), 16) < 0) {
                        throw Malformed.INSTANCE;
                    }
                }
                return i + 5;
            }
            default -> throw Malformed.INSTANCE;
        }
    }

    /**
     * A well-formed UTF-8 sequence (RFC 3629): its lead byte says how many continuation bytes follow and the range of
     * the first, so overlong forms, surrogates and code points past U+10FFFF are refused, as Jackson refuses them.
     */
    private static int multiByteEnd(byte[] b, int i, int limit, int lead) throws Malformed {
        int continuations;
        int secondLow = 0x80;
        int secondHigh = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            continuations = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            continuations = 2;
            secondLow = lead == 0xE0 ? 0xA0 : 0x80;
            secondHigh = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            continuations = 3;
            secondLow = lead == 0xF0 ? 0x90 : 0x80;
            secondHigh = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            throw Malformed.INSTANCE;
        }
        int second = byteAt(b, i + 1, limit) & 0xFF;
        if (second < secondLow || second > secondHigh) {
            throw Malformed.INSTANCE;
        }
        for (int k = 2; k <= continuations; k++) {
            if ((byteAt(b, i + k, limit) & 0xC0) != 0x80) {
                throw Malformed.INSTANCE;
            }
        }
        return i + continuations + 1;
    }

    /** {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}, as JSON has it. */
    private static int numberEnd(byte[] b, int start, int limit) throws Malformed {
        int i = start;
        if (byteAt(b, i, limit) == '-') {
            i++;
        }
        if (byteAt(b, i, limit) == '0') {
            i++;
        } else {
            i = digitsEnd(b, i, limit);
        }
        if (i < limit && b[i] == '.') {
            i = digitsEnd(b, i + 1, limit);
        }
        if (i < limit && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < limit && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            i = digitsEnd(b, i, limit);
        }
        if (i - start > MAX_NUMBER_LENGTH) {
            throw Malformed.INSTANCE;
        }
        return i;
    }

    /** Past one or more digits. */
    private static int digitsEnd(byte[] b, int i, int limit) throws Malformed {
        int start = i;
        while (i < limit && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        if (i == start) {
            throw Malformed.INSTANCE;
        }
        return i;
    }

    private static int literal(byte[] b, int i, int limit, byte[] word) throws Malformed {
        for (int k = 0; k < word.length; k++) {
            if (byteAt(b, i + k, limit) != word[k]) {
                throw Malformed.INSTANCE;
            }
        }
        return i + word.length;
    }

    private static int skipWhitespace(byte[] b, int i, int limit) {
        while (i < limit && b[i] <= ' ' && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static byte byteAt(byte[] b, int i, int limit) throws Malformed {
        if (i >= limit) {
            throw Malformed.INSTANCE;
        }
        return b[i];
    }

    /** The first byte of a JSON value other than an object, for the message about a body that is not one. */
    private static boolean startsAValue(byte c) {
        return c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n';
    }

    /** Whether the string between the quotes at {@code from} and {@code to} (exclusive) reads {@code wanted}. */
    private boolean equalsAscii(int from, int to, String wanted) {
        if (!hasBackslash(from, to)) {
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
        if (!hasBackslash(from, to)) {
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

    private boolean hasBackslash(int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\\') {
                return true;
            }
        }
        return false;
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

    /** Not valid JSON; thrown without a stack trace, since hostile input may make it often. */
    private static final class Malformed extends Exception {
        static final Malformed INSTANCE = new Malformed();

        private Malformed() {
            super("not valid JSON", null, false, false);
        }
    }
}
