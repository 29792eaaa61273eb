package io.jenkins.plugins.signedwebhook.core.match;

import java.util.ArrayList;
import java.util.List;

/**
 * A slash-separated glob: {@code *} matches any characters within one segment, a segment that is exactly {@code **}
 * matches zero or more whole segments, everything else is literal. Matching is iterative with one back-up point per
 * level, so its cost is at most proportional to pattern length times input length, whatever the pattern: no regular
 * expression is built from user input.
 */
public final class Glob {
    private static final String ANY_SEGMENTS = "**";
    private final String pattern;
    private final String[] segments;

    private Glob(String pattern, String[] segments) {
        this.pattern = pattern;
        this.segments = segments;
    }

    /** Compiles a glob; a trailing {@code /} means everything below ({@code docs/} is {@code docs/**}). */
    public static Glob compile(String pattern) {
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("empty pattern");
        }
        for (int i = 0; i < pattern.length(); i++) {
            if (Character.isISOControl(pattern.charAt(i)) || Character.isWhitespace(pattern.charAt(i))) {
                throw new IllegalArgumentException("pattern '" + pattern + "' contains a space or control character");
            }
        }
        String body = pattern.endsWith("/") ? pattern + ANY_SEGMENTS : pattern;
        List<String> parts = new ArrayList<>(List.of(body.split("/", -1)));
        if (parts.size() > 1 && parts.get(0).isEmpty()) {
            parts.remove(0);
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("pattern '" + pattern + "' has an empty segment (//)");
            }
            if (part.contains(ANY_SEGMENTS) && !part.equals(ANY_SEGMENTS)) {
                throw new IllegalArgumentException("pattern '" + pattern + "': ** must be a whole segment, as in a/**/b");
            }
        }
        return new Glob(pattern, parts.toArray(String[]::new));
    }

    public boolean matches(String input) {
        String[] in = input.split("/", -1);
        int p = 0;
        int s = 0;
        int starP = -1;
        int starS = -1;
        while (s < in.length) {
            if (p < segments.length && segments[p].equals(ANY_SEGMENTS)) {
                starP = p++;
                starS = s;
            } else if (p < segments.length && segmentMatches(segments[p], in[s])) {
                p++;
                s++;
            } else if (starP >= 0) {
                p = starP + 1;
                s = ++starS;
            } else {
                return false;
            }
        }
        while (p < segments.length && segments[p].equals(ANY_SEGMENTS)) {
            p++;
        }
        return p == segments.length;
    }

    static boolean segmentMatches(String glob, String text) {
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = -1;
        while (t < text.length()) {
            if (p < glob.length() && glob.charAt(p) == '*') {
                starP = p++;
                starT = t;
            } else if (p < glob.length() && glob.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < glob.length() && glob.charAt(p) == '*') {
            p++;
        }
        return p == glob.length();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
