package com.voicegateway.live.control;

import com.voicegateway.audio.control.OpusEncoderStream;
import com.voicegateway.audio.entity.OpusSettings;
import java.util.List;

/**
 * The Opus encoder of the reply being played, used on the upstream connection's thread outside the
 * relay's lock. Encoding is most of what an upstream audio message costs (240 ms of 24 kHz PCM, 12
 * packets), and on a busy machine the thread doing it can be descheduled for a whole time slice:
 * while it held the relay's lock, the 20 ms playout tick waited for it, and the client heard the
 * wait as a gap (6-15 ms lock waits were measured at two sessions). The encoder has its own lock,
 * which a thread holding the relay's lock may take (never the other way round).
 *
 * <p>A reply's first audio starts a new encoder; {@link #finish} pads out the reply's last partial
 * frame and ends it; {@link #reset} drops it (barge-in, audio nobody will hear), so the next reply
 * does not continue from audio that was not played.
 */
final class ReplyEncoder {

    /** One upstream audio part, encoded: its samples, its RMS, the whole packets it completed and the time it took. */
    record Encoded(int samples, int rms, List<byte[]> packets, long nanos) {
    }

    private final int sampleRate;
    private final OpusSettings settings;
    private OpusEncoderStream encoder;

    ReplyEncoder(int sampleRate, OpusSettings settings) {
        this.sampleRate = sampleRate;
        this.settings = settings;
    }

    /** PCM16 little-endian as Gemini sends it, added to the reply's stream. */
    Encoded encode(byte[] pcm16le) {
        short[] pcm = new short[pcm16le.length / 2];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (pcm16le[2 * i] & 0xff | pcm16le[2 * i + 1] << 8);
        }
        int rms = SpeechGate.rms(pcm, 0, pcm.length);
        long began = System.nanoTime();
        List<byte[]> packets;
        synchronized (this) {
            if (encoder == null) {
                encoder = new OpusEncoderStream(sampleRate, settings);
            }
            packets = encoder.encode(pcm);
        }
        return new Encoded(pcm.length, rms, packets, System.nanoTime() - began);
    }

    /** The reply's audio is all there: its last partial frame padded with silence (no packet if none is partial). */
    synchronized List<byte[]> finish(int frameSamples) {
        if (encoder == null) {
            return List.of();
        }
        int partial = (int) (encoder.inputSamples() % frameSamples);
        List<byte[]> last = partial > 0 ? encoder.encode(new short[frameSamples - partial]) : List.of();
        encoder = null;
        return last;
    }

    /** Drops the reply's encoder: the next audio starts a new one. */
    synchronized void reset() {
        encoder = null;
    }
}
