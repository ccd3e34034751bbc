package com.voicegateway.audio.entity;

import com.voicegateway.problems.entity.ProblemType;

/**
 * What is wrong with an audio body, each with its own problem type so that a client can tell a cut
 * upload (retry the upload) from a wrong format (convert first) without parsing the detail. 415 is
 * for bodies that are not the kind of audio we take at all; 400 for the kind we take, but broken.
 */
public enum AudioDefect {
    EMPTY(ProblemType.AUDIO_EMPTY),
    BAD_MAGIC(ProblemType.AUDIO_BAD_MAGIC),
    TRUNCATED(ProblemType.AUDIO_TRUNCATED),
    INCONSISTENT_HEADER(ProblemType.AUDIO_INCONSISTENT_HEADER),
    CORRUPT(ProblemType.AUDIO_CORRUPT),
    UNSUPPORTED_FORMAT(ProblemType.AUDIO_UNSUPPORTED_FORMAT),
    NOT_AUDIO(ProblemType.AUDIO_NOT_AUDIO);

    private final ProblemType type;

    AudioDefect(ProblemType type) {
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }
}
