package com.voicegateway.audio.entity;

/**
 * What is wrong with an audio body, each with its own problem type so that a client can tell a cut
 * upload (retry the upload) from a wrong format (convert first) without parsing the detail. 415 is
 * for bodies that are not the kind of audio we take at all; 400 for the kind we take, but broken.
 */
public enum AudioDefect {
    EMPTY("audio-empty", "Empty audio", 400),
    BAD_MAGIC("audio-bad-magic", "Damaged audio header", 400),
    TRUNCATED("audio-truncated", "Audio truncated", 400),
    INCONSISTENT_HEADER("audio-inconsistent-header", "Inconsistent audio header", 400),
    CORRUPT("audio-corrupt", "Corrupt audio data", 400),
    UNSUPPORTED_FORMAT("audio-unsupported-format", "Unsupported audio format", 415),
    NOT_AUDIO("audio-not-audio", "Not audio", 415);

    private final String slug;
    private final String title;
    private final int status;

    AudioDefect(String slug, String title, int status) {
        this.slug = slug;
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
