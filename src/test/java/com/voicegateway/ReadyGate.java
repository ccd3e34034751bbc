package com.voicegateway;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Holds the integration tests until the deployed application reports ready ({@code /health/ready} 200), whatever
 * Liberty's log and the application's state say: the application may be STARTED (what Arquillian's Liberty container
 * waits for) while the gateway is still starting its Hazelcast member, its Redis pool and its caches. {@link
 * OneDeployment} calls it once, after the run's one deployment and before the first test. An application that never
 * gets ready fails the run after {@code it.ready-timeout-s} (240 s) with what readiness last said, rather than failing
 * the first test that happens to run.
 */
public final class ReadyGate {

    private ReadyGate() {
    }

    static void awaitReady(URI ready, Duration within) {
        long began = System.nanoTime();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + within.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    System.out.printf("ReadyGate: %s UP after %d ms of waiting%n", ready, (System.nanoTime() - began) / 1_000_000);
                    return;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (ConnectException refused) {
                last = "connection refused";
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + ready, e);
            }
            try {
                Thread.sleep(250); // the pace of a readiness poll
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + ready, e);
            }
        }
        throw new IllegalStateException("the IT server was not ready within " + within + ": " + ready + " said " + last);
    }
}
