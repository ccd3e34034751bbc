package com.voicegateway.problems.entity;

import java.util.Locale;

/**
 * Every problem type the gateway answers with, in one place: its slug (the {@code type} URI is
 * {@code /problems/<slug>}), title and HTTP status. Throw sites name a type and say what happened;
 * none of them chooses a status. docs/api.md lists the same types (checked by ProblemTypeTest).
 * The one status not listed here is {@code http-<status>}, for a JAX-RS status exception the
 * gateway did not raise itself ({@link GatewayException#httpStatus}).
 */
public enum ProblemType {
    INVALID_REQUEST("Invalid request", 400),
    MALFORMED_JSON("Malformed JSON", 400),
    JSON_TOO_DEEP("JSON nested too deeply", 400),
    UNKNOWN_TEMPLATE("Unknown template", 400),
    UPSTREAM_REJECTED("Upstream rejected the request", 400),
    DIGEST_MISMATCH("Digest mismatch", 400),
    INVALID_DIGEST("Invalid Repr-Digest", 400),
    AUDIO_EMPTY("Empty audio", 400),
    AUDIO_BAD_MAGIC("Damaged audio header", 400),
    AUDIO_TRUNCATED("Audio truncated", 400),
    AUDIO_INCONSISTENT_HEADER("Inconsistent audio header", 400),
    AUDIO_CORRUPT("Corrupt audio data", 400),
    /** A live voice binary frame that is not one Opus packet of 20 ms. */
    LIVE_AUDIO_INVALID("Invalid live audio frame", 400),
    UNAUTHORIZED("Missing or invalid API key", 401),
    FORBIDDEN("Not allowed", 403),
    NOT_FOUND("Not found", 404),
    TEMPLATE_NOT_FOUND("Template not found", 404),
    CACHE_NOT_FOUND("Cache not found", 404),
    SESSION_NOT_FOUND("Session not found", 404),
    REPLY_NOT_FOUND("Spoken reply not found", 404),
    METHOD_NOT_ALLOWED("Method not allowed", 405),
    NOT_ACCEPTABLE("Not acceptable", 406),
    SESSION_BUSY("Session busy", 409),
    PAYLOAD_TOO_LARGE("Request body too large", 413),
    FRAME_RATE_EXCEEDED("Too many frames", 429),
    UNSUPPORTED_MEDIA_TYPE("Unsupported media type", 415),
    AUDIO_UNSUPPORTED_FORMAT("Unsupported audio format", 415),
    AUDIO_NOT_AUDIO("Not audio", 415),
    /** Never sent: every client of a coalesced reply went away (nginx's 499). */
    CLIENT_GONE("Upstream reply broke off", 499),
    INTERNAL("Internal error", 500),
    UPSTREAM_CREDENTIAL("Upstream refused the gateway's credential", 502),
    UPSTREAM_STREAM_CUT("Upstream reply broke off", 502),
    UPSTREAM_STREAM_BROKEN("Upstream reply broke off", 502),
    SPEECH_WITHOUT_AUDIO("Upstream reply broke off", 502),
    SPEECH_UNSUPPORTED_FORMAT("Upstream reply broke off", 502),
    /** A live reply whose audio is near-silent. */
    UPSTREAM_SILENT_REPLY("Upstream reply was silent", 502),
    /** A live turn the upstream completed without any reply. */
    UPSTREAM_EMPTY_REPLY("Upstream reply was empty", 502),
    OVERLOADED("Gateway at capacity", 503),
    UPSTREAM_UNAVAILABLE("Upstream unavailable", 503),
    UPSTREAM_RATE_LIMITED("Upstream rate limit", 503),
    UPSTREAM_TIMEOUT("Upstream timed out", 503),
    /** The node is shutting down; live voice clients reconnect elsewhere and resume. */
    SHUTTING_DOWN("Shutting down", 503),
    STORE_UNAVAILABLE("Session store unavailable", 503),
    /** A coalesced request whose leading call did not start in time. */
    JOINED_CALL_TIMEOUT("Upstream timeout", 504);

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String title, int status) {
        this.slug = name().toLowerCase(Locale.ROOT).replace('_', '-');
        this.title = title;
        this.status = status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
