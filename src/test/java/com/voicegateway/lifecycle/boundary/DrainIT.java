package com.voicegateway.lifecycle.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.DeployedGateway;
import com.voicegateway.GatewayHttp;
import com.voicegateway.ItServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGTERM with streams in flight, against the IT server itself: the build runs this class alone,
 * after every other integration test (its own failsafe execution), because it stops the server.
 * Readiness goes DOWN at once; each stream goes on until the drain deadline (the IT server's
 * gateway.shutdown.drain-ms, 4 s) and then ends with a terminal {@code error} event
 * (shutting-down), a clean end of the response, not a cut socket; the server then exits.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@RunAsClient
class DrainIT extends DeployedGateway {

    private static final long DRAIN_MS = Long.getLong("it.drain-ms", 4000);
    private final GatewayHttp gateway = new GatewayHttp();

    /** One streamed reply as the client saw it: its SSE lines, and how its body ended. */
    private record Stream(List<String> lines, CompletableFuture<String> end) {
    }

    @Test
    void sigtermEndsStreamsInFlightWithAnErrorEventAndReadinessGoesDownAtOnce() throws Exception {
        assertTrue(GatewayHttp.eventually(Duration.ofSeconds(30), () -> gateway.get("/health/ready", null).statusCode() == 200),
                "ready before the test");
        HttpClient client = HttpClient.newHttpClient();
        List<Stream> streams = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // 600 tokens at 20/s: 30 s, far longer than the drain
            streams.add(open(client, "Drain " + i + " " + GatewayHttp.nonce() + " [[emulator ttftMs=10 tokens=600 tokensPerSecond=20]]"));
        }
        for (Stream stream : streams) {
            assertTrue(GatewayHttp.eventually(Duration.ofSeconds(15), () -> stream.lines().stream().anyMatch(l -> l.equals("event: delta"))),
                    "streaming before the SIGTERM: " + stream.lines());
        }

        ProcessHandle server = ItServer.process();
        assertNotEquals(ProcessHandle.current().pid(), server.pid());
        long termAt = System.nanoTime();
        Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(server.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());

        // readiness is DOWN at once: a 503 while the listener still answers, or no answer at all once it stops
        assertTrue(GatewayHttp.eventually(Duration.ofSeconds(3), () -> readiness() != 200), "readiness DOWN after SIGTERM");

        for (Stream stream : streams) {
            String end = stream.end().get(DRAIN_MS + 20_000, TimeUnit.MILLISECONDS);
            long endedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - termAt);
            assertEquals("complete", end, "the response ended cleanly, not cut: " + tail(stream.lines()));
            List<String> lines = stream.lines();
            int lastEvent = lastIndexOf(lines, "event: ");
            assertTrue(lastEvent >= 0 && lines.get(lastEvent).equals("event: error"), "a terminal error event: " + tail(lines));
            assertTrue(lines.get(lastEvent + 1).contains("/problems/shutting-down"), tail(lines).toString());
            assertTrue(endedMs >= DRAIN_MS - 500, "the stream went on until the drain deadline, ended after " + endedMs + " ms");
        }
        assertTrue(server.onExit().get(60, TimeUnit.SECONDS) != null, "the server exits");
        // (not checked: the hook's log lines, which the JVM's logging, reset by its own shutdown hook, may drop)
    }

    private Stream open(HttpClient client, String input) {
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<String> end = new CompletableFuture<>();
        HttpRequest request = gateway.completion(input, "text/event-stream").build();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).thenAccept(response -> {
            try (InputStream body = response.body();
                    BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
                end.complete("complete");
            } catch (IOException cut) {
                end.complete("cut: " + cut);
            }
        }).exceptionally(failed -> {
            end.complete("failed: " + failed);
            return null;
        });
        return new Stream(lines, end);
    }

    private int readiness() {
        try {
            return HttpClient.newHttpClient().send(gateway.request("/health/ready").timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException refused) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int lastIndexOf(List<String> lines, String prefix) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 6), lines.size());
    }
}
