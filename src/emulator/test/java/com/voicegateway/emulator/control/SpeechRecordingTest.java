package com.voicegateway.emulator.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SpeechRecordingTest {

    private static SpeechRecording loaded() {
        SpeechRecording recording = new SpeechRecording();
        recording.load();
        return recording;
    }

    private static byte[] wav() throws IOException {
        try (InputStream in = SpeechRecordingTest.class.getClassLoader().getResourceAsStream(SpeechRecording.RESOURCE)) {
            return in.readAllBytes();
        }
    }

    @Test
    void theRecordingIsTheWavsSamples() throws IOException {
        SpeechRecording recording = loaded();
        assertEquals(160_797, recording.samples(), "6.7 s at 24 kHz");
        byte[] wav = wav();
        assertArrayEquals(Arrays.copyOfRange(wav, 44, 44 + 2_000), recording.pcm(0, 1_000), "the data after the 44-byte header");
    }

    @Test
    void aLongerReplyLoopsTheRecording() {
        SpeechRecording recording = loaded();
        int samples = recording.samples();
        byte[] across = recording.pcm(samples - 2, 4);
        byte[] end = recording.pcm(samples - 2, 2);
        byte[] start = recording.pcm(0, 2);
        assertArrayEquals(end, Arrays.copyOfRange(across, 0, 4));
        assertArrayEquals(start, Arrays.copyOfRange(across, 4, 8));
        assertArrayEquals(recording.pcm(7, 50), recording.pcm(7L + 3 * samples, 50), "any number of loops later");
        assertEquals(2 * 3 * samples + 20, recording.pcm(5, 3 * samples + 10).length);
    }

    @Test
    void theRecordingIsNotSilent() {
        SpeechRecording recording = loaded();
        byte[] pcm = recording.pcm(0, recording.samples());
        long loud = 0;
        for (int i = 0; i < pcm.length; i += 2) {
            if (Math.abs((short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8))) > 1_000) {
                loud++;
            }
        }
        assertTrue(loud > recording.samples() / 10, "speech, not silence: " + loud);
    }

    @Test
    void aWavInAnotherFormatIsRefused() throws IOException {
        byte[] wav = wav();
        wav[24] = (byte) 0x80; // 16000 Hz: 0x3e80
        wav[25] = 0x3e;
        assertThrows(IllegalStateException.class, () -> SpeechRecording.pcmOf(wav));
    }
}
