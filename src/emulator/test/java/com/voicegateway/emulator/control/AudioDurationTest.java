package com.voicegateway.emulator.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AudioDurationTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = AudioDurationTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    /** A 16 kHz mono PCM16 WAV header with a LIST chunk before the data, as some encoders write. */
    private static byte[] wav(int sampleRate, int dataBytes, int presentBytes) {
        ByteBuffer wav = ByteBuffer.allocate(12 + 24 + 12 + 8 + presentBytes).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 12 + dataBytes).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        wav.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        wav.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(4).put("INFO".getBytes(StandardCharsets.US_ASCII));
        wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        return wav.array();
    }

    @Test
    void aWavLastsItsDataOverItsByteRate() throws IOException {
        assertEquals(1.5, AudioDuration.seconds("audio/wav", wav(16_000, 48_000, 48_000)), 1e-9);
        assertEquals(160_797 / 24_000.0, AudioDuration.seconds("audio/x-wav", resource("emulator/speech1_24k.wav")), 1e-9);
    }

    @Test
    void aTruncatedWavLastsWhatIsPresent() {
        assertEquals(0.5, AudioDuration.seconds("audio/wav", wav(16_000, 64_000, 16_000)), 1e-9);
    }

    @Test
    void anOggOpusStreamLastsItsLastGranuleLessThePreSkip() throws IOException {
        assertEquals((321_906 - 312) / 48_000.0, AudioDuration.seconds("audio/ogg", resource("audio/speech1_16k.opus")), 1e-9);
    }

    @Test
    void otherFormatsAndUnreadableHeadersAreEstimatedFromTheirSize() {
        byte[] threeSecondsAt24k = new byte[9_000];
        assertEquals(3.0, AudioDuration.seconds("audio/mp3", threeSecondsAt24k), 1e-9);
        byte[] notWav = Arrays.copyOf("RIFZ".getBytes(StandardCharsets.US_ASCII), 3_000);
        assertEquals(1.0, AudioDuration.seconds("audio/wav", notWav), 1e-9);
    }
}
