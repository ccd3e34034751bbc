package com.voicegateway.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.audio.control.OpusDecoderStream;
import com.voicegateway.live.entity.LiveSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyEncoderTest {

    private static final int RATE = 24_000;
    private static final int FRAME = RATE / 50;

    private final ReplyEncoder encoder = new ReplyEncoder(RATE, LiveSettings.defaults().replyOpus());

    /** A 440 Hz tone of {@code ms} at amplitude 8000, PCM16 little-endian as Gemini sends it. */
    private static byte[] tone(int ms) {
        int samples = RATE * ms / 1000;
        byte[] pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            short value = (short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / RATE));
            pcm[2 * i] = (byte) value;
            pcm[2 * i + 1] = (byte) (value >> 8);
        }
        return pcm;
    }

    @Test
    void aChunkOf240msBecomesTwelvePacketsWithItsSamplesAndLoudness() {
        ReplyEncoder.Encoded chunk = encoder.encode(tone(240));
        assertEquals(240 * RATE / 1000, chunk.samples());
        assertEquals(12, chunk.packets().size());
        // a sine of amplitude A has an RMS of A / sqrt(2)
        assertTrue(Math.abs(chunk.rms() - 8000 / Math.sqrt(2)) < 60, "RMS " + chunk.rms());
        assertTrue(chunk.nanos() > 0);
    }

    @Test
    void finishPadsTheLastPartialFrameAndEndsTheReply() {
        ReplyEncoder.Encoded chunk = encoder.encode(tone(250)); // 12 whole frames and half of one
        assertEquals(12, chunk.packets().size());
        assertEquals(1, encoder.finish(FRAME).size());
        assertEquals(List.of(), encoder.finish(FRAME), "nothing is left once the reply is finished");
    }

    @Test
    void resetDropsThePartialFrameSoTheNextReplyStartsClean() {
        encoder.encode(tone(250));
        encoder.reset();
        assertEquals(List.of(), encoder.finish(FRAME), "the reset reply's partial frame is not played");
        assertEquals(12, encoder.encode(tone(240)).packets().size(), "a new reply starts at a frame boundary");
    }

    @Test
    void theStreamDecodesBackToTheTone() {
        List<byte[]> packets = new ArrayList<>(encoder.encode(tone(1000)).packets());
        packets.addAll(encoder.finish(FRAME));
        OpusDecoderStream decoder = new OpusDecoderStream(RATE, RATE);
        long sum = 0;
        int count = 0;
        for (byte[] packet : packets.subList(5, packets.size())) { // past the codec's start-up
            for (short sample : decoder.decode(packet)) {
                sum += (long) sample * sample;
                count++;
            }
        }
        double rms = Math.sqrt((double) sum / count);
        assertTrue(Math.abs(rms - 8000 / Math.sqrt(2)) < 800, "decoded RMS " + rms);
    }
}
