package com.voicegateway.audio.control;

import com.voicegateway.audio.entity.OpusSettings;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusBandwidth;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Mono PCM16 to Opus packets with Concentus, one frame per packet. Blocks of any length go in; the
 * stream keeps the part of a frame that is not complete yet. {@link #finish()} pads the last frame
 * and adds the encoder's lookahead in silence, so that a decoder that skips {@link #preSkip()}
 * gets every input sample back (what Ogg end trimming then cuts to length).
 *
 * <p>An Opus encoder carries prediction state from frame to frame: one instance per stream, and not
 * thread-safe. Use it from one thread at a time (a WebSocket session's messages, one request).
 */
public final class OpusEncoderStream {

    /** The largest packet of 60 ms (three frames of at most 1275 bytes plus framing). */
    private static final int MAX_PACKET = 3 * 1275 + 7;

    private final OpusEncoder encoder;
    private final int sampleRate;
    private final int frameSamples;
    private final short[] frame;
    private final byte[] packet = new byte[MAX_PACKET];
    private int buffered;
    private long inputSamples;
    private boolean finished;

    /**
     * @param sampleRate 8000, 12000, 16000, 24000 or 48000 (the rates Opus encodes natively)
     */
    public OpusEncoderStream(int sampleRate, OpusSettings settings) {
        if (sampleRate != 8000 && sampleRate != 12000 && sampleRate != 16000 && sampleRate != 24000
                && sampleRate != 48000) {
            throw new IllegalArgumentException(
                    "Opus encodes at 8000, 12000, 16000, 24000 or 48000 Hz, not " + sampleRate + "; resample first");
        }
        this.sampleRate = sampleRate;
        this.frameSamples = settings.frameSamples(sampleRate);
        this.frame = new short[frameSamples];
        try {
            encoder = new OpusEncoder(sampleRate, 1, application(settings.application()));
        } catch (OpusException e) {
            throw new IllegalStateException("Concentus refused a valid configuration: " + e.getMessage(), e);
        }
        encoder.setBitrate(settings.bitrate());
        encoder.setComplexity(settings.complexity());
        encoder.setUseVBR(true);
        if (settings.application() == OpusSettings.Application.VOIP) {
            encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
        }
        switch (settings.maxBandwidth()) {
            case WIDEBAND -> encoder.setMaxBandwidth(OpusBandwidth.OPUS_BANDWIDTH_WIDEBAND);
            case SUPERWIDEBAND -> encoder.setMaxBandwidth(OpusBandwidth.OPUS_BANDWIDTH_SUPERWIDEBAND);
            case FULLBAND -> encoder.setMaxBandwidth(OpusBandwidth.OPUS_BANDWIDTH_FULLBAND);
            case AUTO -> {
            }
        }
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Samples the decoder must drop at the start, in 48 kHz units as Ogg/Opus counts them. */
    public int preSkip() {
        return encoder.getLookahead() * (48_000 / sampleRate);
    }

    /** Input samples taken so far, not counting the padding {@link #finish()} adds. */
    public long inputSamples() {
        return inputSamples;
    }

    /** Encodes the next block; returns the packets of the frames it completed (possibly none). */
    public List<byte[]> encode(short[] pcm, int offset, int length) {
        if (finished) {
            throw new IllegalStateException("the stream is finished");
        }
        inputSamples += length;
        List<byte[]> packets = new ArrayList<>();
        int position = offset;
        int end = offset + length;
        while (position < end) {
            int take = Math.min(frameSamples - buffered, end - position);
            System.arraycopy(pcm, position, frame, buffered, take);
            buffered += take;
            position += take;
            if (buffered == frameSamples) {
                packets.add(encodeFrame());
            }
        }
        return packets;
    }

    public List<byte[]> encode(short[] pcm) {
        return encode(pcm, 0, pcm.length);
    }

    /** Ends the stream: the last partial frame and the lookahead, padded with silence. */
    public List<byte[]> finish() {
        if (finished) {
            throw new IllegalStateException("the stream is already finished");
        }
        long padded = inputSamples + encoder.getLookahead();
        long frames = (padded + frameSamples - 1) / frameSamples;
        short[] silence = new short[(int) (frames * frameSamples - inputSamples)];
        long counted = inputSamples;
        List<byte[]> packets = encode(silence);
        inputSamples = counted;
        finished = true;
        return packets;
    }

    private byte[] encodeFrame() {
        buffered = 0;
        try {
            int length = encoder.encode(frame, 0, frameSamples, packet, 0, packet.length);
            return Arrays.copyOf(packet, length);
        } catch (OpusException e) {
            throw new IllegalStateException("Concentus failed to encode a frame: " + e.getMessage(), e);
        }
    }

    private static OpusApplication application(OpusSettings.Application application) {
        return switch (application) {
            case VOIP -> OpusApplication.OPUS_APPLICATION_VOIP;
            case AUDIO -> OpusApplication.OPUS_APPLICATION_AUDIO;
            case LOWDELAY -> OpusApplication.OPUS_APPLICATION_RESTRICTED_LOWDELAY;
        };
    }
}
