package com.voicegateway.emulator.control;

import java.util.ArrayList;
import java.util.List;

/**
 * Gemini's automatic activity detection, by energy: a 20 ms frame of PCM16 whose RMS reaches the
 * threshold is speech; {@code endOfSpeechMs} of frames below it after speech end the utterance.
 * Time is counted in audio received, not wall-clock time, so the result does not depend on how fast
 * the client streams. Frames split across messages are joined.
 */
final class SpeechDetector {

    enum Event { STARTED, ENDED }

    static final int FRAME_MS = 20;

    private final int threshold;
    private final long endOfSpeechMs;
    private byte[] pending = new byte[0];
    private int pendingRate;
    private boolean speaking;
    private long silenceMs;
    private long receivedMs;

    SpeechDetector(int threshold, long endOfSpeechMs) {
        this.threshold = threshold;
        this.endOfSpeechMs = endOfSpeechMs;
    }

    /** Feeds 16-bit little-endian mono PCM at {@code rate}; returns what happened, in order. */
    List<Event> feed(byte[] pcm, int rate) {
        if (rate != pendingRate) {
            pending = new byte[0];
            pendingRate = rate;
        }
        byte[] audio = new byte[pending.length + pcm.length];
        System.arraycopy(pending, 0, audio, 0, pending.length);
        System.arraycopy(pcm, 0, audio, pending.length, pcm.length);
        int frameBytes = rate * FRAME_MS / 1000 * 2;
        List<Event> events = new ArrayList<>(1);
        int at = 0;
        for (; at + frameBytes <= audio.length; at += frameBytes) {
            receivedMs += FRAME_MS;
            if (rms(audio, at, frameBytes) >= threshold) {
                silenceMs = 0;
                if (!speaking) {
                    speaking = true;
                    events.add(Event.STARTED);
                }
            } else if (speaking) {
                silenceMs += FRAME_MS;
                if (silenceMs >= endOfSpeechMs) {
                    speaking = false;
                    events.add(Event.ENDED);
                }
            }
        }
        pending = java.util.Arrays.copyOfRange(audio, at, audio.length);
        return events;
    }

    boolean speaking() {
        return speaking;
    }

    /** Audio received so far, in whole frames. */
    long receivedMs() {
        return receivedMs;
    }

    /** Forgets the utterance under way (after {@code audioStreamEnd} ended it). */
    void reset() {
        speaking = false;
        silenceMs = 0;
        pending = new byte[0];
    }

    static double rms(byte[] pcm, int from, int length) {
        long sum = 0;
        int samples = length / 2;
        for (int i = 0; i < samples; i++) {
            int sample = (short) ((pcm[from + 2 * i] & 0xff) | (pcm[from + 2 * i + 1] << 8));
            sum += (long) sample * sample;
        }
        return samples == 0 ? 0 : Math.sqrt((double) sum / samples);
    }
}
