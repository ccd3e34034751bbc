package com.voicegateway.live.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.genai.types.LiveClientMessage;
import com.google.genai.types.LiveClientSetup;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveDialerTest {

    @Test
    void theLiveSocketSitsUnderTheRestBaseUrlWithItsScheme() {
        assertEquals("ws://localhost:9080/gemini-emulator/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent",
                LiveDialer.endpoint("http://localhost:9080/gemini-emulator/", "v1beta").toString());
        assertEquals("wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent",
                LiveDialer.endpoint("https://generativelanguage.googleapis.com", "v1alpha").toString());
    }

    @Test
    void theSetupAsksForAudioTranscriptsResumptionAndCarriesTheInstructionVoiceAndHandle() {
        String json = LiveDialer.setup("gemini-live-2.5-flash-preview", "Be brief.", Optional.of("Puck"), Optional.of("h-1"));
        LiveClientSetup setup = LiveClientMessage.fromJson(json).setup().orElseThrow();
        assertEquals("models/gemini-live-2.5-flash-preview", setup.model().orElseThrow());
        assertEquals("h-1", setup.sessionResumption().orElseThrow().handle().orElseThrow());
        assertTrue(setup.inputAudioTranscription().isPresent() && setup.outputAudioTranscription().isPresent());
        assertEquals("Be brief.", setup.systemInstruction().orElseThrow().parts().orElseThrow().get(0).text().orElseThrow());
        assertTrue(json.contains("\"AUDIO\""), json);
        assertTrue(json.contains("Puck"), json);
    }

    @Test
    void aFreshSetupHasResumptionWithoutAHandle() {
        String json = LiveDialer.setup("models/m", null, Optional.empty(), Optional.empty());
        LiveClientSetup setup = LiveClientMessage.fromJson(json).setup().orElseThrow();
        assertEquals("models/m", setup.model().orElseThrow());
        assertTrue(setup.sessionResumption().isPresent());
        assertTrue(setup.sessionResumption().get().handle().isEmpty());
        assertTrue(setup.systemInstruction().isEmpty());
    }

    @Test
    void audioGoesAsBase64Pcm16At16kHz() {
        byte[] pcm = {1, 2, 3, 4};
        LiveClientMessage message = LiveClientMessage.fromJson(LiveDialer.audio(pcm));
        assertEquals("audio/pcm;rate=16000", message.realtimeInput().orElseThrow().audio().orElseThrow().mimeType().orElseThrow());
        assertArrayEquals(pcm, message.realtimeInput().get().audio().get().data().orElseThrow());
        assertTrue(LiveClientMessage.fromJson(LiveDialer.audioStreamEnd()).realtimeInput().orElseThrow().audioStreamEnd().orElseThrow());
    }
}
