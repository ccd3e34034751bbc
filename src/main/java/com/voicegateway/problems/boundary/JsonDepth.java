package com.voicegateway.problems.boundary;

import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.problems.entity.ProblemType;

/**
 * Counts the nesting of JSON text as it goes by, before any parser builds it: a body nested
 * thousands of levels deep would otherwise overflow a recursive parser's (or mapper's) stack, a
 * 500 with a stack trace per request. Over {@code max} levels of objects and arrays it throws the
 * client's 400 ({@code json-too-deep}) at once. It reads bytes of UTF-8 or chars alike: every
 * character that matters ({@code { [ ] } " \}) is ASCII, and none of them occurs inside a multi-byte
 * sequence. Not thread-safe: one per body or frame.
 */
public final class JsonDepth {

    private final int max;
    private int depth;
    private boolean inString;
    private boolean escaped;

    public JsonDepth(int max) {
        this.max = max;
    }

    /** Fails when {@code text} nests deeper than {@code max}. */
    public static void check(CharSequence text, int max) {
        JsonDepth depth = new JsonDepth(max);
        for (int i = 0; i < text.length(); i++) {
            depth.next(text.charAt(i));
        }
    }

    /** One more byte or char of the text. */
    public void next(int c) {
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
            }
            return;
        }
        switch (c) {
            case '"' -> inString = true;
            case '{', '[' -> {
                if (++depth > max) {
                    throw new GatewayException(ProblemType.JSON_TOO_DEEP,
                            "JSON is nested at most " + max + " levels deep (objects and arrays); this is deeper.", null, null);
                }
            }
            case '}', ']' -> depth--;
            default -> {
            }
        }
    }
}
