package com.voicegateway.problems.entity;

import java.util.List;

/**
 * An RFC 9457 problem detail. {@code type} is a relative URI under {@code /problems/} naming the
 * kind of failure; {@code invalidParams} lists the request fields that were wrong, when any were.
 */
public record Problem(String type, String title, int status, String detail, List<InvalidParam> invalidParams) {

    public record InvalidParam(String name, String reason) {
    }

    public Problem {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem has a 4xx or 5xx status, not " + status);
        }
        if (type == null || title == null || detail == null) {
            throw new IllegalArgumentException("type, title and detail are required");
        }
        invalidParams = invalidParams == null || invalidParams.isEmpty() ? null : List.copyOf(invalidParams);
    }

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem("/problems/" + slug, title, status, detail, null);
    }
}
