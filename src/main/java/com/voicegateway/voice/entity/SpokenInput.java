package com.voicegateway.voice.entity;

import com.voicegateway.upstream.entity.InlineAudio;
import com.voicegateway.audio.entity.MessageAudio;

/**
 * A voice turn's audio as the gateway handles it: {@code audio} is what goes upstream (Ogg/Opus),
 * {@code received} describes the upload as the client sent it (media type, bytes, SHA-256, duration),
 * which the session history keeps instead of the audio itself.
 */
public record SpokenInput(InlineAudio audio, MessageAudio received) {

    public SpokenInput {
        if (audio == null || received == null) {
            throw new IllegalArgumentException("spoken input has its audio and what was received");
        }
    }
}
