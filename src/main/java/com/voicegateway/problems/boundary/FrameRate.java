package com.voicegateway.problems.boundary;

import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.problems.entity.Problem;
import com.voicegateway.problems.entity.ProblemType;

/**
 * A socket's text-frame rate limit: a token bucket of {@code perSecond} frames a second with a
 * burst of twice that. A frame over it is not processed; the client hears about it in an error
 * frame at most once a second (so that a flood is not answered by a flood) and the socket stays
 * open. One per socket; thread-safe.
 */
public final class FrameRate {

    /** What to do with one frame. */
    public enum Verdict { TAKE, REFUSE_AND_TELL, REFUSE }

    private final int perSecond;
    private final double burst;
    private double tokens;
    private long lastNanos;
    private long toldNanos;

    public FrameRate(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("a frame rate is at least 1 a second, not " + perSecond);
        }
        this.perSecond = perSecond;
        this.burst = 2.0 * perSecond;
        this.tokens = burst;
        this.lastNanos = System.nanoTime();
        this.toldNanos = lastNanos - 2_000_000_000L;
    }

    public synchronized Verdict next(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * perSecond / 1e9);
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.TAKE;
        }
        if (nowNanos - toldNanos >= 1_000_000_000L) {
            toldNanos = nowNanos;
            return Verdict.REFUSE_AND_TELL;
        }
        return Verdict.REFUSE;
    }

    /** The error frame's problem: 429, the frames were dropped. */
    public Problem refused() {
        return new GatewayException(ProblemType.FRAME_RATE_EXCEEDED, "More than " + perSecond + " frames a second (bursts of "
                + (int) burst + "): frames over the limit are dropped unprocessed; slow down. The socket stays open.").problem();
    }
}
