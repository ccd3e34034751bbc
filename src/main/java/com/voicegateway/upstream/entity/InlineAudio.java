package com.voicegateway.upstream.entity;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Audio sent to the upstream inside a turn ({@code inlineData}): its media type and bytes. Equal by
 * content, so two calls with the same audio are the same call.
 */
public record InlineAudio(String mimeType, byte[] data) {

    public InlineAudio {
        if (mimeType == null || mimeType.isBlank() || data == null || data.length == 0) {
            throw new IllegalArgumentException("inline audio has a media type and at least one byte");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InlineAudio audio && mimeType.equals(audio.mimeType)
                && MessageDigest.isEqual(data, audio.data);
    }

    @Override
    public int hashCode() {
        return 31 * mimeType.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "InlineAudio[" + mimeType + ", " + data.length + " bytes]";
    }
}
