package com.voicegateway.live.control;

/**
 * The client's speech, told from the energy of its 20 ms frames: speech begins once frames at or
 * above the speech level have lasted {@code startMs} (a click is not a barge-in), and ends after
 * {@code endMs} of quieter frames. The relay uses it to stop a reply the user talks over at once,
 * and to know when the user stopped talking (the reply watchdog and the reply-latency metric start
 * there). Not thread-safe: fed from the one thread reading the client's socket.
 */
final class SpeechGate {

    enum Event { NONE, STARTED, ENDED }

    static final int FRAME_MS = 20;

    private final int speechRms;
    private final long startMs;
    private final long endMs;
    private boolean speaking;
    private long loudMs;
    private long quietMs;
    private long lastLoudNanos;

    SpeechGate(int speechRms, long startMs, long endMs) {
        this.speechRms = speechRms;
        this.startMs = Math.max(FRAME_MS, startMs);
        this.endMs = Math.max(FRAME_MS, endMs);
    }

    /** One 20 ms frame of PCM16 arrived at {@code nowNanos}. */
    Event feed(short[] pcm, long nowNanos) {
        boolean loud = rms(pcm, 0, pcm.length) >= speechRms;
        if (loud) {
            lastLoudNanos = nowNanos;
            quietMs = 0;
            loudMs += FRAME_MS;
            if (!speaking && loudMs >= startMs) {
                speaking = true;
                return Event.STARTED;
            }
            return Event.NONE;
        }
        loudMs = 0;
        if (speaking) {
            quietMs += FRAME_MS;
            if (quietMs >= endMs) {
                speaking = false;
                return Event.ENDED;
            }
        }
        return Event.NONE;
    }

    boolean speaking() {
        return speaking;
    }

    /** When the last loud frame arrived: the end of the user's speech once {@link Event#ENDED} is told. */
    long lastLoudNanos() {
        return lastLoudNanos;
    }

    void reset() {
        speaking = false;
        loudMs = 0;
        quietMs = 0;
    }

    static int rms(short[] pcm, int offset, int length) {
        if (length <= 0) {
            return 0;
        }
        long sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += (long) pcm[i] * pcm[i];
        }
        return (int) Math.sqrt((double) sum / length);
    }
}
