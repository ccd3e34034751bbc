package com.voicegateway.perf;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusPacketInfo;
import io.github.jaredmdobson.concentus.OpusSignal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --self-check}: proves with no server that what the benchmark sends is speech and that its reply check can
 * hear speech. Encodes each recording to 20 ms packets and decodes them again, decodes every prepared turn, and
 * sends a 24 kHz copy through the path the replies take (decoded at 48 kHz); fails when decoded energy is about
 * zero, when a packet is not 20 ms, or when the Opus decoder rejects a packet.
 */
final class LiveSelfCheck {

    /** Decoded speech below this share of the original's RMS counts as silence. */
    private static final double MIN_RMS_SHARE = 0.1;
    private static final double MIN_RMS = 50;
    private static final int DECODE_RATE = 48_000;
    private static final int REPLY_RATE = 24_000;
    /**
     * Packets after the last speech packet that may still decode above the speech threshold: the codec's delay
     * (lookahead) carries the last milliseconds of speech into the first silence packet.
     */
    private static final int MAX_CODEC_TAIL_FRAMES = 2;

    private LiveSelfCheck() {
    }

    static void run(PrintStream out) {
        List<String> failures = new ArrayList<>();
        out.println("Live voice benchmark self-check (no server)");
        for (String resource : LiveSpeech.SPEECH) {
            short[] pcm = LiveSpeech.readWav(resource);
            roundTrip(out, failures, resource, pcm, LiveSpeech.SAMPLE_RATE, LiveSpeech.newEncoder());
        }

        LiveSpeech speech = LiveSpeech.load();
        out.printf(Locale.ROOT, "%d utterances prepared (speech then %d-%d ms of encoded silence):%n", speech.turns().size(),
                LiveSpeech.MIN_SILENCE_FRAMES * LiveSpeech.FRAME_MS, LiveSpeech.MAX_SILENCE_FRAMES * LiveSpeech.FRAME_MS);
        for (LiveSpeech.Turn turn : speech.turns()) {
            OpusDecoder decoder = decoder();
            double speechRms = decodedRms(decoder, turn.speech(), failures, turn.source());
            double[] silence = frameRms(decoder, turn.silence(), failures, turn.source());
            int tail = 0;
            while (tail < silence.length && silence[tail] >= LiveSpeech.VOICED_RMS) {
                tail++;
            }
            int loudLater = 0;
            double loudest = 0;
            for (int f = tail; f < silence.length; f++) {
                loudLater += silence[f] >= LiveSpeech.VOICED_RMS ? 1 : 0;
                loudest = Math.max(loudest, silence[f]);
            }
            out.printf(Locale.ROOT, "  %-22s from %5.2f s: %4d ms speech (%3d packets, RMS %5.0f); silence: %d packet(s) "
                    + "of codec tail at or above RMS %.0f, then at most RMS %.0f%n", turn.source(),
                    turn.firstFrame() * LiveSpeech.FRAME_MS / 1000.0, turn.speechMs(), turn.speech().length, speechRms,
                    tail, LiveSpeech.VOICED_RMS, loudest);
            if (!(speechRms >= MIN_RMS)) {
                failures.add(String.format(Locale.ROOT, "%s utterance at frame %d: decoded RMS %.1f", turn.source(),
                        turn.firstFrame(), speechRms));
            }
            // The upstream must hear the silence as silence, or it never ends the user's turn.
            if (tail > MAX_CODEC_TAIL_FRAMES || loudLater > 0) {
                failures.add(turn.source() + " utterance at frame " + turn.firstFrame() + ": its silence decodes to "
                        + (tail + loudLater) + " frame(s) at or above the speech threshold");
            }
            if (turn.speechMs() < LiveSpeech.SHORTEST_TAIL_FRAMES * LiveSpeech.FRAME_MS
                    || turn.speechMs() > LiveSpeech.MAX_UTTERANCE_FRAMES * LiveSpeech.FRAME_MS) {
                failures.add(turn.source() + " utterance of " + turn.speechMs() + " ms");
            }
        }

        // The replies: 24 kHz packets decoded at 48 kHz, as LiveSession does (and its per-packet cost on the client).
        short[] reply = resample(LiveSpeech.readWav(LiveSpeech.SPEECH.get(0)), LiveSpeech.SAMPLE_RATE, REPLY_RATE);
        roundTrip(out, failures, LiveSpeech.SPEECH.get(0) + " as a 24 kHz reply", reply, REPLY_RATE, replyEncoder());

        if (!failures.isEmpty()) {
            out.println("self-check FAILED:");
            failures.forEach(f -> out.println("  " + f));
            out.flush();
            throw new IllegalStateException("self-check failed: " + failures.get(0));
        }
        out.println("self-check OK");
        out.flush();
    }

    private static void roundTrip(PrintStream out, List<String> failures, String name, short[] pcm, int rate,
            OpusEncoder encoder) {
        int frame = rate / 50;
        int frames = pcm.length / frame;
        byte[][] packets = new byte[frames][];
        long bytes = 0;
        long started = System.nanoTime();
        for (int f = 0; f < frames; f++) {
            packets[f] = LiveSpeech.encodeFrame(encoder, pcm, f * frame, frame);
            bytes += packets[f].length;
        }
        long encodeNanos = System.nanoTime() - started;
        int wrongLength = 0;
        for (byte[] packet : packets) {
            if (OpusPacketInfo.getNumSamples(packet, 0, packet.length, rate) != frame) {
                wrongLength++;
            }
        }
        if (wrongLength > 0) {
            failures.add(name + ": " + wrongLength + " packets are not 20 ms");
        }
        started = System.nanoTime();
        double decoded = decodedRms(decoder(), packets, failures, name);
        long decodeNanos = System.nanoTime() - started;
        double original = LiveSpeech.rms(pcm, 0, frames * frame);
        out.printf(Locale.ROOT, "%s: %d packets of 20 ms, %d bytes (%.1f kbit/s); encode %.0f us, decode at 48 kHz %.0f us "
                + "per packet (first run, JIT cold); RMS original %.0f, decoded %.0f%n", name, frames, bytes,
                bytes * 8 / (frames * 0.02) / 1000, encodeNanos / 1e3 / frames, decodeNanos / 1e3 / frames, original, decoded);
        if (!(decoded >= Math.max(MIN_RMS, MIN_RMS_SHARE * original))) {
            failures.add(String.format(Locale.ROOT, "%s: decoded RMS %.1f (original %.1f): the audio decodes to ~silence",
                    name, decoded, original));
        }
    }

    /** RMS of all the decoded packets together; a packet the decoder rejects is a failure. */
    private static double decodedRms(OpusDecoder decoder, byte[][] packets, List<String> failures, String name) {
        double squares = 0;
        for (double rms : frameRms(decoder, packets, failures, name)) {
            squares += rms * rms;
        }
        return packets.length == 0 ? 0 : Math.sqrt(squares / packets.length);
    }

    /** RMS of each decoded 20 ms packet (0 for one the decoder rejects, which is also a failure). */
    private static double[] frameRms(OpusDecoder decoder, byte[][] packets, List<String> failures, String name) {
        short[] pcm = new short[5760];
        double[] rms = new double[packets.length];
        for (int p = 0; p < packets.length; p++) {
            try {
                int n = decoder.decode(packets[p], 0, packets[p].length, pcm, 0, pcm.length, false);
                rms[p] = LiveSpeech.rms(pcm, 0, n);
            } catch (OpusException | RuntimeException e) {
                failures.add(name + ": the decoder rejected a packet: " + e);
            }
        }
        return rms;
    }

    private static OpusDecoder decoder() {
        try {
            return new OpusDecoder(DECODE_RATE, 1);
        } catch (OpusException e) {
            throw new IllegalStateException("Opus decoder: " + e.getMessage(), e);
        }
    }

    private static OpusEncoder replyEncoder() {
        try {
            OpusEncoder encoder = new OpusEncoder(REPLY_RATE, 1, OpusApplication.OPUS_APPLICATION_VOIP);
            encoder.setBitrate(LiveSpeech.BITRATE);
            encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
            return encoder;
        } catch (OpusException e) {
            throw new IllegalStateException("Opus encoder: " + e.getMessage(), e);
        }
    }

    /** Linear interpolation: enough for a test signal whose energy is all below 8 kHz. */
    static short[] resample(short[] pcm, int from, int to) {
        short[] out = new short[(int) ((long) pcm.length * to / from)];
        for (int i = 0; i < out.length; i++) {
            double at = (double) i * from / to;
            int left = (int) at;
            int right = Math.min(left + 1, pcm.length - 1);
            double weight = at - left;
            out[i] = (short) Math.round(pcm[left] * (1 - weight) + pcm[right] * weight);
        }
        return out;
    }
}
