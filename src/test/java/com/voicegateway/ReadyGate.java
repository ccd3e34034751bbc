package com.voicegateway;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Holds the integration tests until the IT server's application reports ready ({@code
 * /health/ready} 200), whatever Liberty's log says: the liberty-maven-plugin waits only for the
 * server's own start message, while the gateway may still be starting its Hazelcast member, its
 * Redis pool and its caches. Registered for the JUnit Platform (META-INF/services); it does
 * nothing where no server is meant ({@code gateway.url} is set by failsafe, not surefire). A
 * server that never gets ready fails the run after {@code it.ready-timeout-s} (240 s) with what
 * readiness last said, rather than failing the first test that happens to run.
 */
public final class ReadyGate implements LauncherSessionListener {

    private static volatile boolean passed;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String base = System.getProperty("gateway.url");
        if (base == null || passed) {
            return;
        }
        long began = System.nanoTime();
        awaitReady(URI.create(base).resolve("/health/ready"), Duration.ofSeconds(Long.getLong("it.ready-timeout-s", 240)));
        passed = true;
        System.out.printf("ReadyGate: %s/health/ready UP after %d ms of waiting%n", base, (System.nanoTime() - began) / 1_000_000);
    }

    static void awaitReady(URI ready, Duration within) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + within.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
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
