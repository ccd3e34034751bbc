package com.voicegateway.live.control;

import java.util.ArrayDeque;

/**
 * The jitter buffer of one client's reply audio: Opus packets of 20 ms go in as the upstream's
 * bursts arrive and come out one per 20 ms tick, at real-time pace. Playing starts once
 * {@code prebufferFrames} are in (or the reply has all arrived), and after an underrun it waits to
 * have them again rather than stutter frame by frame. The relay owns the lock: every method is
 * called holding it.
 */
final class Playout {

    private record Packet(byte[] opus, long arrivedNanos) {
    }

    /** What a tick did. */
    enum Tick { SENT, UNDERRUN, WAITING, DRAINED, IDLE }

    private final int prebufferFrames;
    private final ArrayDeque<Packet> packets = new ArrayDeque<>();
    private boolean playing;
    private boolean complete;
    private boolean active;
    private byte[] lastSent;
    private long lastSentArrivedNanos;

    Playout(int prebufferFrames) {
        this.prebufferFrames = Math.max(1, prebufferFrames);
    }

    void add(byte[] opus, long arrivedNanos) {
        packets.add(new Packet(opus, arrivedNanos));
        active = true;
        complete = false;
    }

    /** The upstream has sent all of this reply's audio: what is buffered plays out, then {@link Tick#DRAINED}. */
    void complete() {
        if (active) {
            complete = true;
        }
    }

    /** Whether there is a reply playing or waiting to. */
    boolean active() {
        return active;
    }

    int depth() {
        return packets.size();
    }

    /** Drops everything buffered (barge-in); returns how many frames went. */
    int flush() {
        int dropped = packets.size();
        packets.clear();
        playing = false;
        complete = false;
        active = false;
        return dropped;
    }

    /** One 20 ms tick: the next packet to send (see {@link #sent()}), or what happened instead. */
    Tick tick() {
        if (!active) {
            return Tick.IDLE;
        }
        if (!playing) {
            if (packets.size() >= prebufferFrames || complete && !packets.isEmpty()) {
                playing = true;
            } else if (complete) {
                active = false;
                return Tick.DRAINED;
            } else {
                return Tick.WAITING;
            }
        }
        Packet next = packets.poll();
        if (next == null) {
            playing = false;
            if (complete) {
                active = false;
                complete = false;
                return Tick.DRAINED;
            }
            return Tick.UNDERRUN;
        }
        lastSent = next.opus;
        lastSentArrivedNanos = next.arrivedNanos;
        return Tick.SENT;
    }

    byte[] sent() {
        return lastSent;
    }

    long sentArrivedNanos() {
        return lastSentArrivedNanos;
    }
}
