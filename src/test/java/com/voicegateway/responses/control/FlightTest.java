package com.voicegateway.responses.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.relay.control.ReplyWriter;
import com.voicegateway.relay.entity.ReplyDone;
import com.voicegateway.relay.entity.Usage;
import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.problems.entity.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FlightTest {

    private static final long LATER = TimeUnit.SECONDS.toNanos(30);

    /** What a follower's client received. */
    private static final class Recorded implements ReplyWriter {
        final List<String> deltas = new ArrayList<>();
        ReplyDone done;
        Problem error;

        @Override
        public void delta(String text) {
            deltas.add(text);
        }

        @Override
        public void done(ReplyDone reply) {
            done = reply;
        }

        @Override
        public void error(Problem problem) {
            error = problem;
        }
    }

    private static ReplyDone done() {
        return new ReplyDone("msg_leader", "m", "STOP", new Usage(3, 4), 120, false);
    }

    private static CompletableFuture<Recorded> follower(Flight flight) {
        return CompletableFuture.supplyAsync(() -> {
            Recorded recorded = new Recorded();
            try {
                assertNull(flight.awaitStart(System.nanoTime() + LATER));
                flight.replay(recorded, System.nanoTime(), System.nanoTime() + LATER);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return recorded;
        });
    }

    @Test
    void aFollowerThatJoinsMidwayGetsTheWholeReplyWithItsOwnId() throws Exception {
        Flight flight = new Flight();
        flight.opened();
        flight.delta("Hel");
        assertTrue(flight.join());
        CompletableFuture<Recorded> late = follower(flight);
        flight.delta("lo");
        flight.done(done());
        Recorded got = late.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("Hel", "lo"), got.deltas);
        assertEquals("STOP", got.done.finishReason());
        assertEquals(4, got.done.usage().outputTokens());
        assertFalse(got.done.messageId().equals("msg_leader"), "each client gets its own message id");
        assertFalse(got.done.cached());
        assertEquals(List.of("Hel", "lo"), flight.completed().deltas());
    }

    @Test
    void aRefusalBeforeTheFirstChunkReachesEveryFollower() throws Exception {
        Flight flight = new Flight();
        assertTrue(flight.join());
        CompletableFuture<RuntimeException> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return flight.awaitStart(System.nanoTime() + LATER);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        GatewayException refused = GatewayException.overloaded("full");
        flight.refused(refused);
        assertSame(refused, waiting.get(5, TimeUnit.SECONDS));
        assertFalse(flight.join(), "a refused flight is not joined: the next request leads a new call");
        assertNull(flight.completed());
    }

    @Test
    void aLeaderEndingWithoutDoneGivesFollowersAnErrorNotACompleteReply() throws Exception {
        Flight flight = new Flight();
        flight.opened();
        assertTrue(flight.join());
        CompletableFuture<Recorded> follower = follower(flight);
        flight.delta("partial");
        flight.end();
        Recorded got = follower.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("partial"), got.deltas);
        assertNull(got.done);
        assertEquals(502, got.error.status());
        assertNull(flight.completed(), "an incomplete reply is never stored");
    }

    @Test
    void theLeadersClientLeavingCancelsOnlyWhenNobodyElseReads() {
        Flight shared = new Flight();
        shared.opened();
        assertTrue(shared.join());
        assertFalse(shared.abandonIfAlone(), "a follower still reads: the upstream call goes on");
        shared.followerGone();
        assertTrue(shared.abandonIfAlone());
        assertFalse(shared.join(), "an abandoned flight is not joined");
    }

    @Test
    void aStalledFlightEndsTheFollowerWithATimeoutInsteadOfHanging() throws Exception {
        Flight flight = new Flight();
        flight.opened();
        assertTrue(flight.join());
        Recorded got = new Recorded();
        flight.replay(got, System.nanoTime(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));
        assertEquals(504, got.error.status());
    }
}
