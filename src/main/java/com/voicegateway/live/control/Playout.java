package com.voicegateway.live.control;

import java.util.ArrayDeque;

/**
 * The jitter buffer of one client's reply audio: Opus packets of 20 ms go in as the upstream's
 * bursts arrive and come out one per 20 ms tick, at real-time pace. Playing starts once
 * {@code prebufferFrames} are in (or the reply has all arrived), and after an underrun it waits to
 * have them again rather than stutter frame by frame. It is bounded in frames and bytes: once it
 * is {@link #full()}, the relay stops reading the upstream until there is {@link #room()} again, so a
 * reply generated faster than real time waits in the upstream's socket instead of the gateway's heap,
 * and nothing of it is lost. The relay owns the lock: every method is called holding it.
 */
final class Playout {

    private record Packet(byte[] opus, long arrivedNanos) {
    }

    /** What a tick did. */
    enum Tick { SENT, UNDERRUN, WAITING, DRAINED, IDLE }

    private final int prebufferFrames;
    private final int maxFrames;
    private final long maxBytes;
    private final ArrayDeque<Packet> packets = new ArrayDeque<>();
    private long bytes;
    private boolean playing;
    private boolean complete;
    private boolean active;
    private byte[] lastSent;
    private long lastSentArrivedNanos;

    Playout(int prebufferFrames, int maxFrames, long maxBytes) {
        this.prebufferFrames = Math.max(1, prebufferFrames);
        this.maxFrames = Math.max(this.prebufferFrames, maxFrames);
        this.maxBytes = maxBytes;
    }

    /** At or over a bound: the upstream should wait before sending more. */
    boolean full() {
        return packets.size() >= maxFrames || bytes >= maxBytes;
    }

    /** A quarter below both bounds: the upstream may send again (so reading does not stop and start every tick). */
    boolean room() {
        return packets.size() <= maxFrames - maxFrames / 4 && bytes <= maxBytes - maxBytes / 4;
    }

    void add(byte[] opus, long arrivedNanos) {
        packets.add(new Packet(opus, arrivedNanos));
        bytes += opus.length;
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

    /** The Opus bytes of the packets waiting. */
    long bytes() {
        return bytes;
    }

    /** Drops everything buffered (barge-in); returns how many frames went. */
    int flush() {
        int dropped = packets.size();
        packets.clear();
        bytes = 0;
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
        bytes -= next.opus.length;
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
