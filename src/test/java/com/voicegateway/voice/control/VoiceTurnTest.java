package com.voicegateway.voice.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.voicegateway.upstream.entity.InlineAudio;
import com.voicegateway.audio.entity.MessageAudio;
import com.voicegateway.voice.entity.SpokenInput;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class VoiceTurnTest {

    private static VoiceTurn turn(String text, CompletableFuture<String> transcript) {
        return new VoiceTurn("s_1", "alice", "u_1", "/r.ogg", text, null,
                new SpokenInput(new InlineAudio("audio/ogg", new byte[] {1}), MessageAudio.upload("audio/wav", 1, 1, "x")), transcript, 50);
    }

    @Test
    void theUserTextIsTheTranscriptThenWhatWasTyped() {
        VoiceTurn typed = turn("in French please", new CompletableFuture<>());
        assertEquals("hello\nin French please", typed.userText("hello"));
        assertEquals("in French please", typed.userText(null));
        VoiceTurn spokenOnly = turn(null, new CompletableFuture<>());
        assertEquals("hello", spokenOnly.userText("hello"));
        assertEquals("", spokenOnly.userText(null), "Conversations stands a note in for it");
    }

    @Test
    void aTranscriptThatFailsOrIsLateIsNone() {
        assertNull(turn(null, new CompletableFuture<>()).transcriptIfReady());
        assertNull(turn(null, new CompletableFuture<>()).awaitTranscript(), "waits transcriptWaitMs, then goes on");
        assertNull(turn(null, CompletableFuture.failedFuture(new IllegalStateException("upstream down"))).awaitTranscript());
        assertNull(turn(null, CompletableFuture.failedFuture(new IllegalStateException("upstream down"))).transcriptIfReady());
        assertEquals("hi", turn(null, CompletableFuture.completedFuture("hi")).transcriptIfReady());
    }
}
