package com.voicegateway.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ClientFramesTest {

    /** A socket that completes sends only when told to, as a client that reads slowly. */
    private static final class HeldSocket implements ClientSocket {
        final List<Object> sent = new ArrayList<>();
        final List<Consumer<Throwable>> pending = new ArrayList<>();
        boolean immediate;

        @Override
        public void sendBinary(ByteBuffer frame, Consumer<Throwable> done) {
            sent.add(frame.remaining());
            complete(done);
        }

        @Override
        public void sendText(String frame, Consumer<Throwable> done) {
            sent.add(frame);
            complete(done);
        }

        private void complete(Consumer<Throwable> done) {
            if (immediate) {
                done.accept(null);
            } else {
                pending.add(done);
            }
        }

        void release() {
            List<Consumer<Throwable>> now = new ArrayList<>(pending);
            pending.clear();
            now.forEach(done -> done.accept(null));
        }

        final List<Integer> closes = new ArrayList<>();

        @Override
        public void close(int code, String reason) {
            closes.add(code);
        }

        @Override
        public String id() {
            return "test";
        }
    }

    private static final class CountingMetrics extends LiveMetrics {
        int dropped;

        @Override
        void framesDropped(String reason, int count) {
            dropped += count;
        }

        final List<Long> latencies = new ArrayList<>();

        @Override
        void clientFrameLatency(long nanos) {
            latencies.add(nanos);
        }
    }

    private final HeldSocket socket = new HeldSocket();
    private final CountingMetrics metrics = new CountingMetrics();
    private final List<String> failures = new ArrayList<>();

    @Test
    void oneFrameOnTheWireAtATimeInOrder() {
        ClientFrames frames = new ClientFrames(socket, 10, 100_000, failures::add, metrics);
        frames.text("a");
        frames.audio(new byte[5]);
        frames.text("b");
        assertEquals(List.of("a"), socket.sent);
        assertNotEquals(0, frames.stalledSinceNanos());
        socket.release();
        socket.release();
        socket.release();
        assertEquals(List.of("a", 5, "b"), socket.sent);
        assertEquals(0, frames.stalledSinceNanos());
    }

    @Test
    void sendsThatEndOnTheSameThreadDoNotRecurse() {
        socket.immediate = true;
        ClientFrames frames = new ClientFrames(socket, 100_000, 10_000_000, failures::add, metrics);
        for (int i = 0; i < 50_000; i++) {
            frames.audio(new byte[1]);
        }
        assertEquals(50_000, socket.sent.size());
        assertTrue(failures.isEmpty());
    }

    @Test
    void aFullQueueDropsAudioButGivesUpOnAClientThatCannotTakeControlFrames() {
        ClientFrames frames = new ClientFrames(socket, 10, 100_000, failures::add, metrics);
        for (int i = 0; i < 12; i++) {
            frames.audio(new byte[3]);
        }
        assertEquals(1, metrics.dropped, "one on the wire, ten queued, one dropped");
        assertTrue(failures.isEmpty());
        frames.text("turn_complete");
        assertEquals(1, failures.size(), failures.toString());
    }

    @Test
    void bargeInDropsQueuedAudioButKeepsControlFrames() {
        ClientFrames frames = new ClientFrames(socket, 100, 100_000, failures::add, metrics);
        frames.text("first");
        frames.audio(new byte[1]);
        frames.audio(new byte[1]);
        frames.text("interrupted");
        assertEquals(2, frames.dropAudio());
        for (int i = 0; i < 3; i++) {
            socket.release();
        }
        assertEquals(List.of("first", "interrupted"), socket.sent);
        assertFalse(frames.queuedFrames() > 0);
    }

    @Test
    void theRelayLatencyOfAnAudioFrameRunsFromItsUpstreamArrivalToItsHandOver() {
        ClientFrames frames = new ClientFrames(socket, 10, 100_000, failures::add, metrics);
        long arrived = System.nanoTime() - 40_000_000L; // its upstream audio came 40 ms ago (in the jitter buffer since)
        frames.text("first");
        frames.audio(new byte[3], arrived);
        assertTrue(metrics.latencies.isEmpty(), "measured when it goes to the socket, not when queued");
        socket.release();
        assertEquals(1, metrics.latencies.size());
        assertTrue(metrics.latencies.get(0) >= 40_000_000L, metrics.latencies.toString());
    }

    @Test
    void aCloseWaitsForTheErrorQueuedBeforeIt() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            ClientFrames frames = new ClientFrames(socket, 10, 100_000, failures::add, metrics);
            frames.audio(new byte[40]);
            frames.text("{\"type\":\"error\"}");
            frames.audio(new byte[50]);
            frames.closeBehind(1007, "bad audio", timer, 60_000);
            assertEquals(List.of(40), socket.sent, "the packet on the wire goes on; the error waits behind it");
            assertEquals(List.of(), socket.closes, "not closed while the error is still queued");
            assertFalse(frames.audio(new byte[60]), "nothing offered after the close goes out");
            frames.text("{\"type\":\"late\"}");
            socket.release();
            assertEquals(List.of(40, "{\"type\":\"error\"}"), socket.sent, "the queued audio was dropped, the error sent");
            assertEquals(List.of(), socket.closes, "not closed while the error is on the wire");
            socket.release();
            assertEquals(List.of(1007), socket.closes);
            frames.closeBehind(1000, "again", timer, 10);
            TimeUnit.MILLISECONDS.sleep(100);
            assertEquals(List.of(1007), socket.closes, "closed once");
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void aClientThatNeverTakesTheErrorIsClosedAfterTheGrace() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            ClientFrames frames = new ClientFrames(socket, 10, 100_000, failures::add, metrics);
            frames.text("{\"type\":\"error\"}");
            frames.closeBehind(1011, "upstream gone", timer, 50);
            assertEquals(List.of(), socket.closes);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (socket.closes.isEmpty() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            assertEquals(List.of(1011), socket.closes);
            socket.release();
            assertEquals(List.of(1011), socket.closes, "the late send's end does not close twice");
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void withNothingQueuedTheCloseIsImmediate() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            socket.immediate = true;
            ClientFrames frames = new ClientFrames(socket, 10, 100_000, failures::add, metrics);
            frames.text("{\"type\":\"error\"}");
            frames.closeBehind(1000, "stopped", timer, 60_000);
            assertEquals(List.of("{\"type\":\"error\"}"), socket.sent);
            assertEquals(List.of(1000), socket.closes);
        } finally {
            timer.shutdownNow();
        }
    }
}
