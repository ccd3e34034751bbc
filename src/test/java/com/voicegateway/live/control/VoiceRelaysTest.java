package com.voicegateway.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.live.entity.LiveSettings;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The node's shutdown as each live client sees it: the {@code error} (503, shutting-down) first,
 * then close 1001; a client that does not take the error in time is closed anyway, so shutdown
 * never waits on a client. The client's socket is the {@link ClientSocket} port, recorded here.
 */
class VoiceRelaysTest {

    /** What a client's socket was asked to do, in order; sends complete at once unless held. */
    private static final class RecordedSocket implements ClientSocket {
        final List<String> events = new ArrayList<>();
        final boolean holdSends;

        RecordedSocket(boolean holdSends) {
            this.holdSends = holdSends;
        }

        @Override
        public synchronized void sendBinary(ByteBuffer frame, Consumer<Throwable> done) {
            events.add("audio");
            if (!holdSends) {
                done.accept(null);
            }
        }

        @Override
        public synchronized void sendText(String frame, Consumer<Throwable> done) {
            events.add(frame);
            if (!holdSends) {
                done.accept(null);
            }
        }

        @Override
        public synchronized void close(int code, String reason) {
            events.add("close " + code);
        }

        @Override
        public String id() {
            return "test";
        }

        synchronized List<String> events() {
            return List.copyOf(events);
        }
    }

    private static final class QuietMetrics extends LiveMetrics {
        @Override
        void sessions(LongSupplier open) {
        }

        @Override
        void framesDropped(String reason, int count) {
        }

        @Override
        void clientFrameLatency(long nanos) {
        }
    }

    private final VoiceRelays relays = new VoiceRelays();

    VoiceRelaysTest() {
        relays.settings = LiveSettings.defaults();
        relays.metrics = new QuietMetrics();
        relays.drain = new com.voicegateway.lifecycle.control.Drain();
        relays.start();
    }

    @AfterEach
    void stopPacer() {
        relays.pacer().shutdownNow();
    }

    @Test
    void shutdownSendsEachClientTheErrorThenCloses1001() {
        RecordedSocket first = new RecordedSocket(false);
        RecordedSocket second = new RecordedSocket(false);
        relays.track(new VoiceRelay(relays, "s1", "alice", "", first));
        relays.track(new VoiceRelay(relays, "s2", "bob", "", second));

        relays.shutdown();

        for (RecordedSocket socket : List.of(first, second)) {
            List<String> events = socket.events();
            assertEquals(2, events.size(), events.toString());
            JsonObject error = Json.createReader(new StringReader(events.get(0))).readObject();
            assertEquals("error", error.getString("type"), events.toString());
            assertEquals("/problems/shutting-down", error.getString("problemType"));
            assertEquals(503, error.getInt("status"));
            assertEquals("close 1001", events.get(1));
        }
        assertEquals(0, relays.openCount(), "every relay was closed");
    }

    @Test
    void aClientThatDoesNotTakeTheErrorIsClosedAtTheDrainDeadline() {
        RecordedSocket stuck = new RecordedSocket(true);
        relays.track(new VoiceRelay(relays, "s1", "alice", "", stuck));

        long began = System.nanoTime();
        relays.shutdown();
        long tookMs = (System.nanoTime() - began) / 1_000_000;

        List<String> events = stuck.events();
        assertTrue(events.get(0).contains("shutting-down"), events.toString());
        assertEquals("close 1001", events.get(events.size() - 1), events.toString());
        // the drain waits for the error, but not for ever: 1 s, and this bound is 10 times that
        assertTrue(tookMs < 10_000, "shutdown took " + tookMs + " ms");
        assertEquals(0, relays.openCount());
    }
}
