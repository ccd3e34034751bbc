package com.voicegateway.audio.entity;

import com.voicegateway.problems.entity.GatewayException;

/**
 * An audio body the codec cannot take. The detail says exactly which bytes are wrong and, where it
 * helps, how to fix the file, because the client usually cannot see what its recorder produced.
 */
public class MalformedAudioException extends GatewayException {

    private static final long serialVersionUID = 1L;

    private final AudioDefect defect;

    public MalformedAudioException(AudioDefect defect, String detail) {
        this(defect, detail, null);
    }

    public MalformedAudioException(AudioDefect defect, String detail, Throwable cause) {
        super(defect.type(), detail, null, cause);
        this.defect = defect;
    }

    public AudioDefect defect() {
        return defect;
    }
}
