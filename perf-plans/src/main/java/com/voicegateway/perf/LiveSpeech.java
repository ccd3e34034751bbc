package com.voicegateway.perf;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the benchmark's users say: the two speech recordings cut into utterances of about 2-3 s, each
 * followed by encoded silence, all encoded to 20 ms Opus packets once at start-up so that the 20 ms
 * tick only hands out ready packets (encoding live for 200 sessions would cost the client a core).
 *
 * <p>An utterance starts and ends on a voiced frame (RMS at or above {@link #VOICED_RMS}, the emulator's
 * default speech threshold), so "the last speech frame" is its last packet, and it never holds a pause as
 * long as the upstream's end-of-speech silence (500 ms): the recordings' longest pause is 0.40 s.
 */
final class LiveSpeech {

    static final int SAMPLE_RATE = 16_000;
    static final int FRAME_SAMPLES = SAMPLE_RATE / 50;
    static final int FRAME_MS = 20;
    static final int BITRATE = 24_000;
    /** Encoded once, so the best quality costs nothing while the benchmark runs. */
    static final int COMPLEXITY = 10;
    /** RMS of a 20 ms PCM16 frame at or above which it counts as speech: the emulator's default threshold. */
    static final double VOICED_RMS = 300;
    static final int MIN_UTTERANCE_FRAMES = 2000 / FRAME_MS;
    static final int MAX_UTTERANCE_FRAMES = 3000 / FRAME_MS;
    /** An utterance shorter than this (a recording's tail) is dropped rather than sent as a turn. */
    static final int SHORTEST_TAIL_FRAMES = 1500 / FRAME_MS;
    /** Unvoiced frames in a row that make a natural place to end an utterance (between words). */
    static final int PAUSE_FRAMES = 100 / FRAME_MS;
    /** Silence after each utterance: 3.5-5 s, so the ~3.1 s reply (0.5 s detection, 0.2 s, 2.4 s audio) ends first. */
    static final int MIN_SILENCE_FRAMES = 3500 / FRAME_MS;
    static final int MAX_SILENCE_FRAMES = 5000 / FRAME_MS;

    static final List<String> SPEECH = List.of("audio/speech1_16k.wav", "audio/speech2_16k.wav");
    static final String SILENCE = "audio/silence_2s_16k.wav";

    /**
     * One turn's packets: the utterance, then {@link #MAX_SILENCE_FRAMES} of silence encoded by the same
     * encoder (so the speech-to-silence edge is a real one); a session sends only as much silence as it drew.
     */
    record Turn(String source, int firstFrame, byte[][] speech, byte[][] silence) {
        int speechMs() {
            return speech.length * FRAME_MS;
        }
    }

    private final List<Turn> turns;

    private LiveSpeech(List<Turn> turns) {
        this.turns = List.copyOf(turns);
    }

    List<Turn> turns() {
        return turns;
    }

    static LiveSpeech load() {
        short[] silence = readWav(SILENCE);
        List<Turn> turns = new ArrayList<>();
        for (String resource : SPEECH) {
            short[] pcm = readWav(resource);
            for (int[] cut : utterances(voiced(pcm))) {
                turns.add(encode(resource, pcm, cut[0], cut[1], silence));
            }
        }
        if (turns.isEmpty()) {
            throw new IllegalStateException("no utterance of at least " + SHORTEST_TAIL_FRAMES * FRAME_MS
                    + " ms found in " + SPEECH);
        }
        return new LiveSpeech(turns);
    }

    /** Callers who say nothing: one "turn" of no speech and {@link #MAX_SILENCE_FRAMES} of silence, over and over. */
    static LiveSpeech silence() {
        short[] silence = readWav(SILENCE);
        return new LiveSpeech(List.of(encode(SILENCE, new short[0], 0, -1, silence)));
    }

    /** Per 20 ms frame: is it speech? */
    static boolean[] voiced(short[] pcm) {
        boolean[] voiced = new boolean[pcm.length / FRAME_SAMPLES];
        for (int f = 0; f < voiced.length; f++) {
            voiced[f] = rms(pcm, f * FRAME_SAMPLES, FRAME_SAMPLES) >= VOICED_RMS;
        }
        return voiced;
    }

    /**
     * Cuts the voiced stretch of a recording into [first, last] frame ranges of 2-3 s. An utterance ends at a
     * pause between words when one falls in that range (the latest such), else at the last voiced frame
     * before 3 s; the next one starts at the next voiced frame.
     */
    static List<int[]> utterances(boolean[] voiced) {
        List<int[]> cuts = new ArrayList<>();
        int start = nextVoiced(voiced, 0);
        while (start < voiced.length) {
            int limit = Math.min(voiced.length, start + MAX_UTTERANCE_FRAMES);
            int end = -1;
            int lastVoiced = -1;
            for (int f = start; f < limit; f++) {
                if (!voiced[f]) {
                    continue;
                }
                lastVoiced = f;
                int next = nextVoiced(voiced, f + 1);
                boolean pauseFollows = next >= voiced.length || next - (f + 1) >= PAUSE_FRAMES;
                if (pauseFollows && f + 1 - start >= MIN_UTTERANCE_FRAMES) {
                    end = f;
                }
            }
            if (end < 0) {
                end = lastVoiced;
            }
            if (end + 1 - start >= SHORTEST_TAIL_FRAMES) {
                cuts.add(new int[] {start, end});
            }
            start = nextVoiced(voiced, end + 1);
        }
        return cuts;
    }

    private static int nextVoiced(boolean[] voiced, int from) {
        int f = from;
        while (f < voiced.length && !voiced[f]) {
            f++;
        }
        return f;
    }

    private static Turn encode(String source, short[] pcm, int first, int last, short[] silence) {
        OpusEncoder encoder = newEncoder();
        byte[][] speech = new byte[last + 1 - first][];
        for (int f = first; f <= last; f++) {
            speech[f - first] = encodeFrame(encoder, pcm, f * FRAME_SAMPLES);
        }
        byte[][] quiet = new byte[MAX_SILENCE_FRAMES][];
        int silenceFrames = silence.length / FRAME_SAMPLES;
        for (int f = 0; f < quiet.length; f++) {
            quiet[f] = encodeFrame(encoder, silence, (f % silenceFrames) * FRAME_SAMPLES);
        }
        return new Turn(source, first, speech, quiet);
    }

    static OpusEncoder newEncoder() {
        try {
            OpusEncoder encoder = new OpusEncoder(SAMPLE_RATE, 1, OpusApplication.OPUS_APPLICATION_VOIP);
            encoder.setBitrate(BITRATE);
            encoder.setComplexity(COMPLEXITY);
            encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
            return encoder;
        } catch (OpusException e) {
            throw new IllegalStateException("Opus encoder: " + e.getMessage(), e);
        }
    }

    static byte[] encodeFrame(OpusEncoder encoder, short[] pcm, int offset) {
        return encodeFrame(encoder, pcm, offset, FRAME_SAMPLES);
    }

    static byte[] encodeFrame(OpusEncoder encoder, short[] pcm, int offset, int samples) {
        short[] frame = Arrays.copyOfRange(pcm, offset, offset + samples);
        byte[] out = new byte[1275]; // the largest Opus frame
        try {
            int length = encoder.encode(frame, 0, samples, out, 0, out.length);
            return Arrays.copyOf(out, length);
        } catch (OpusException e) {
            throw new IllegalStateException("Opus encode: " + e.getMessage(), e);
        }
    }

    static double rms(short[] pcm, int offset, int length) {
        if (length <= 0) {
            return 0;
        }
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        return Math.sqrt(sum / length);
    }

    /** PCM16 samples of a mono 16 kHz WAV on the classpath; anything else is refused, not guessed at. */
    static short[] readWav(String resource) {
        byte[] bytes;
        try (InputStream in = LiveSpeech.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("not on the classpath: " + resource);
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
        ByteBuffer wav = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || wav.getInt(0) != 0x46464952 || wav.getInt(8) != 0x45564157) {
            throw new IllegalStateException(resource + " is not a RIFF/WAVE file");
        }
        boolean format = false;
        for (int at = 12; at + 8 <= bytes.length; ) {
            int id = wav.getInt(at);
            int size = wav.getInt(at + 4);
            int body = at + 8;
            if (size < 0 || body + size > bytes.length) {
                size = bytes.length - body;
            }
            if (id == 0x20746d66) { // "fmt "
                int tag = wav.getShort(body) & 0xffff;
                int channels = wav.getShort(body + 2) & 0xffff;
                int rate = wav.getInt(body + 4);
                int bits = wav.getShort(body + 14) & 0xffff;
                if (tag != 1 || channels != 1 || rate != SAMPLE_RATE || bits != 16) {
                    throw new IllegalStateException(resource + ": need PCM16 mono " + SAMPLE_RATE + " Hz, got tag " + tag
                            + ", " + channels + " channel(s), " + rate + " Hz, " + bits + " bits");
                }
                format = true;
            } else if (id == 0x61746164) { // "data"
                if (!format) {
                    throw new IllegalStateException(resource + ": data chunk before fmt chunk");
                }
                short[] pcm = new short[size / 2];
                wav.position(body);
                wav.slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
                return pcm;
            }
            at = body + size + (size & 1);
        }
        throw new IllegalStateException(resource + ": no data chunk");
    }
}
