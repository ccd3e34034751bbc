package com.voicegateway.audio.control;

import com.voicegateway.audio.entity.AudioDefect;
import com.voicegateway.audio.entity.MalformedAudioException;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusMode;
import io.github.jaredmdobson.concentus.OpusPacketInfo;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opus packets to mono PCM16 at the rate the caller wants, working around Concentus 1.0.2: it decodes
 * hybrid packets (SILK + CELT, what every 24 or 48 kHz voice encoder sends, browsers included) to
 * silence at any output rate below 48 kHz (measured: near-silence at 24 kHz, exact zeros at 8 and
 * 16 kHz). SILK-only and CELT-only packets decode correctly at every rate.
 *
 * <p>So the stream decodes at 16 kHz when the source was at most 16 kHz (its encoder cannot make
 * hybrid packets, and 16 kHz decoding is bit-exact with libopus), at 48 kHz otherwise, and resamples
 * to the output rate with {@link Resampler}. Should a stream that declared a narrow source send a
 * hybrid packet anyway, it switches to 48 kHz decoding for the rest of the stream: one frame decodes
 * from a fresh decoder state, which is a click, not silence.
 *
 * <p>Stereo packets are downmixed to mono by the decoder. One instance per stream (decoder state
 * carries over packets); not thread-safe.
 */
public final class OpusDecoderStream {

    private static final Logger LOG = Logger.getLogger(OpusDecoderStream.class.getName());
    /** 120 ms, the longest an Opus packet can last, at 48 kHz. */
    private static final int MAX_PACKET_SAMPLES = 5760;

    private final int outputRate;
    private OpusDecoder decoder;
    private Resampler resampler;
    private final short[] decoded = new short[MAX_PACKET_SAMPLES];
    private long packets;
    private int gainQ8;

    /**
     * @param sourceRate the rate the encoder was fed (OpusHead input rate, or what a client declared);
     *                   0 when unknown
     * @param outputRate any rate {@link Resampler} can reach from 16 or 48 kHz, e.g. 8000-48000
     */
    public OpusDecoderStream(long sourceRate, int outputRate) {
        this.outputRate = outputRate;
        boolean narrowSource = sourceRate > 0 && sourceRate <= 16_000;
        start(narrowSource && outputRate < 48_000 ? 16_000 : 48_000);
    }

    public int outputRate() {
        return outputRate;
    }

    /**
     * Sets a gain in 1/256 dB applied to the output, as the Ogg/Opus output gain field asks; 0 by
     * default.
     */
    public void gainQ8(int q8) {
        gainQ8 = q8;
        decoder.setGain(q8);
    }

    /** The rate Concentus decodes at now (16000 or 48000). */
    public int decodeRate() {
        return decoder.getSampleRate();
    }

    /**
     * Decodes one packet; returns the output samples complete so far (the resampler holds back a
     * few milliseconds, released by {@link #flush()}).
     *
     * @throws MalformedAudioException {@code audio-corrupt} when the packet is not valid Opus
     */
    public short[] decode(byte[] packet) {
        packets++;
        short[] tail = new short[0];
        if (decodeRate() < 48_000 && isHybrid(packet)) {
            LOG.log(Level.FINE, "packet {0} is hybrid although the source was narrow: decoding at 48 kHz from now on", packets);
            tail = resampler.flush();
            start(48_000);
        }
        int samples;
        try {
            samples = decoder.decode(packet, 0, packet.length, decoded, 0, MAX_PACKET_SAMPLES, false);
        } catch (OpusException | RuntimeException e) {
            throw new MalformedAudioException(AudioDefect.CORRUPT,
                    "Opus packet " + packets + " (" + packet.length + " bytes) does not decode: " + e.getMessage(), e);
        }
        short[] out = resampler.process(decoded, 0, samples);
        return tail.length == 0 ? out : concat(tail, out);
    }

    /** Ends the stream: the samples the resampler held back. */
    public short[] flush() {
        return resampler.flush();
    }

    private void start(int decodeRate) {
        try {
            decoder = new OpusDecoder(decodeRate, 1);
        } catch (OpusException e) {
            throw new IllegalStateException("Concentus refused a valid configuration: " + e.getMessage(), e);
        }
        decoder.setGain(gainQ8);
        resampler = new Resampler(decodeRate, outputRate);
    }

    private static boolean isHybrid(byte[] packet) {
        return packet.length > 0 && OpusPacketInfo.getEncoderMode(packet, 0) == OpusMode.MODE_HYBRID;
    }

    private static short[] concat(short[] a, short[] b) {
        short[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
