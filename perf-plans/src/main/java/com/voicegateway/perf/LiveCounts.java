package com.voicegateway.perf;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one live session saw, and (merged) what a whole run saw. Reply figures count only replies whose first frame
 * fell inside the measured window; failures, error frames and reconnects count over the whole run, ramp and
 * warm-up included, because a session lost at any time is a session lost.
 */
final class LiveCounts {

    /** End of the user's speech (last speech frame handed to the socket) to the reply's first binary frame. */
    final LongSamples replyLatency = new LongSamples();
    /** Between consecutive binary frames of one reply. */
    final LongSamples frameGaps = new LongSamples();

    long userTurns;
    long replies;
    long turnCompletes;
    long interrupted;
    /** Measured replies still without turn_complete/interrupted when the sessions were stopped. */
    long repliesUnfinished;
    /** turn_complete/interrupted, or the next user turn, with no reply audio since the user's turn ended. */
    long turnsWithoutAudio;
    /** A reply whose first frame came with no user turn waiting (e.g. frames after turn_complete). */
    long repliesWithoutTurn;
    long replyFrames;
    long gapsOver25ms;
    long underrunFrames;
    long malformedPackets;
    long notTwentyMsPackets;
    long decodeFailures;
    /** Packets that could not be parsed or decoded, each counted once. */
    long badPackets;
    long decodedPackets;
    double decodedSquares;
    long decodedSamples;

    /**
     * One gap between consecutive frames of a measured reply: kept, counted over 25 ms, and above
     * {@link LiveSession#UNDERRUN_NANOS} counted as (gap / 20 ms) - 1 underrun frames, rounded. The
     * gateway's callers and the pacing reference both count here, so their figures compare.
     */
    void frameGap(long gap) {
        frameGaps.add(gap);
        if (gap > LiveSession.GAP_LIMIT_NANOS) {
            gapsOver25ms++;
        }
        if (gap > LiveSession.UNDERRUN_NANOS) {
            underrunFrames += Math.max(0, Math.round((double) gap / LiveSession.FRAME_NANOS) - 1);
        }
    }

    long sessionsReady;
    long sessionsFailed;
    long sessionsWithErrorFrames;
    long reconnecting;
    long resumed;
    /** Ticks at which the session's previous frame was still being written: the socket was backing up. */
    long sendBacklog;
    /** Failures and error frames by kind. */
    final Map<String, Long> problems = new TreeMap<>();

    void problem(String kind) {
        problems.merge(kind, 1L, Long::sum);
    }

    /** Underrun frames (gap-estimated) plus packets that could not be parsed or decoded. */
    long lostFrames() {
        return underrunFrames + badPackets;
    }

    double decodedRms() {
        return decodedSamples == 0 ? Double.NaN : Math.sqrt(decodedSquares / decodedSamples);
    }

    void merge(LiveCounts other) {
        replyLatency.addAll(other.replyLatency);
        frameGaps.addAll(other.frameGaps);
        userTurns += other.userTurns;
        replies += other.replies;
        turnCompletes += other.turnCompletes;
        interrupted += other.interrupted;
        repliesUnfinished += other.repliesUnfinished;
        turnsWithoutAudio += other.turnsWithoutAudio;
        repliesWithoutTurn += other.repliesWithoutTurn;
        replyFrames += other.replyFrames;
        gapsOver25ms += other.gapsOver25ms;
        underrunFrames += other.underrunFrames;
        malformedPackets += other.malformedPackets;
        notTwentyMsPackets += other.notTwentyMsPackets;
        decodeFailures += other.decodeFailures;
        badPackets += other.badPackets;
        decodedPackets += other.decodedPackets;
        decodedSquares += other.decodedSquares;
        decodedSamples += other.decodedSamples;
        sessionsReady += other.sessionsReady;
        sessionsFailed += other.sessionsFailed;
        sessionsWithErrorFrames += other.sessionsWithErrorFrames;
        reconnecting += other.reconnecting;
        resumed += other.resumed;
        sendBacklog += other.sendBacklog;
        other.problems.forEach((kind, count) -> problems.merge(kind, count, Long::sum));
    }
}
