package com.voicegateway.responses.control;

import com.voicegateway.problems.entity.ProblemType;
import com.voicegateway.relay.control.ReplyWriter;
import com.voicegateway.relay.entity.ReplyDone;
import com.voicegateway.upstream.entity.StreamBrokenException;
import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.problems.entity.Problem;
import com.voicegateway.responses.entity.StoredReply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One upstream reply in flight, shared by the request that started it (the leader, whose relay
 * feeds it) and every identical request that joined while it ran (followers, each replaying it on
 * a thread of its own at its own client's pace, so that a slow follower never slows the others).
 * It keeps every chunk from the first, so a follower that joins late still gets the whole reply.
 * <p>
 * It ends exactly once: done, an error midway, refused before the first chunk, or abandoned when
 * the leader's client went away with no follower left (the upstream call is then cancelled).
 */
final class Flight {

    private final List<String> deltas = new ArrayList<>();
    private long chars;
    private boolean opened;
    private RuntimeException refused;
    private ReplyDone done;
    private Problem error;
    private boolean ended;
    private int followers;

    /** A follower's place in the flight; false once it ended without a reply to share. */
    synchronized boolean join() {
        if (ended && done == null) {
            return false;
        }
        followers++;
        return true;
    }

    synchronized void followerGone() {
        followers--;
    }

    synchronized void opened() {
        opened = true;
        notifyAll();
    }

    synchronized void refused(RuntimeException failure) {
        if (!ended) {
            refused = failure;
            ended = true;
            notifyAll();
        }
    }

    synchronized void delta(String text) {
        if (!ended) {
            deltas.add(text);
            chars += text.length();
            notifyAll();
        }
    }

    synchronized void done(ReplyDone reply) {
        if (!ended) {
            done = reply;
            ended = true;
            notifyAll();
        }
    }

    synchronized void error(Problem problem) {
        if (!ended) {
            error = problem;
            ended = true;
            notifyAll();
        }
    }

    /** The leader's relay is over: a flight that has not ended by now never will. */
    synchronized void end() {
        if (!ended) {
            error = new StreamBrokenException(ProblemType.UPSTREAM_STREAM_CUT,
                    "The shared upstream reply ended before it was complete; the text so far is partial.", null).problem();
            ended = true;
            notifyAll();
        }
    }

    /** The leader's client is gone: true (and the flight abandoned) when nobody else is reading it. */
    synchronized boolean abandonIfAlone() {
        if (followers > 0) {
            return false;
        }
        if (!ended) {
            error = new StreamBrokenException(ProblemType.CLIENT_GONE, "Every client of this reply went away.", null).problem();
            ended = true;
            notifyAll();
        }
        return true;
    }

    /** The complete reply, or null when it did not complete. */
    synchronized StoredReply completed() {
        return done == null ? null : new StoredReply(done.model(), deltas, done.finishReason(), done.usage().promptTokens(),
                done.usage().outputTokens());
    }

    synchronized long chars() {
        return chars;
    }

    /**
     * Waits until the flight sent its first chunk or was refused; the refusal is returned (null once
     * open). {@code deadlineNanos} bounds the wait: past it the follower gets a 504 of its own.
     */
    synchronized RuntimeException awaitStart(long deadlineNanos) throws InterruptedException {
        while (!opened && refused == null) {
            if (!await(deadlineNanos)) {
                return new GatewayException(ProblemType.JOINED_CALL_TIMEOUT,
                        "The identical call this request joined did not start in time.", null, null);
            }
        }
        return opened ? null : refused;
    }

    /** Replays the flight to a follower's writer as it comes, then its done (with the follower's own id and TTFT) or error. */
    void replay(ReplyWriter writer, long arrivedNanos, long deadlineNanos) throws IOException {
        long ttftMs = -1;
        for (int next = 0;; next++) {
            Object step;
            try {
                step = step(next, deadlineNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while following a shared reply", e);
            }
            if (step instanceof String text) {
                if (ttftMs < 0) {
                    ttftMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - arrivedNanos);
                }
                writer.delta(text);
            } else if (step instanceof ReplyDone reply) {
                writer.done(new ReplyDone("msg_" + UUID.randomUUID(), reply.model(), reply.finishReason(), reply.usage(),
                        Math.max(ttftMs, 0), false));
                return;
            } else {
                writer.error((Problem) step);
                return;
            }
        }
    }

    /** The delta at {@code index}, or the end (a ReplyDone or a Problem) once there is no more. */
    private synchronized Object step(int index, long deadlineNanos) throws InterruptedException {
        while (index >= deltas.size() && !ended) {
            if (!await(deadlineNanos)) {
                return new GatewayException(ProblemType.JOINED_CALL_TIMEOUT,
                        "The shared upstream reply stalled past the gateway's limit.", null, null).problem();
            }
        }
        if (index < deltas.size()) {
            return deltas.get(index);
        }
        if (done != null) {
            return done;
        }
        return error != null ? error : refused instanceof GatewayException known ? known.problem()
                : GatewayException.overloaded("The identical call this request joined was refused.").problem();
    }

    /** One bounded wait on this flight's monitor; false once past the deadline. */
    private boolean await(long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
        return true;
    }
}
