package com.voicegateway.monitoring.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.DeployedGateway;
import com.voicegateway.GatewayHttp;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every reply says what the gateway added ({@code Server-Timing: gateway;dur=...}) and, when it
 * called the model, what the upstream took ({@code upstream;dur=...}); the gateway's share is the
 * histogram {@code gateway_overhead_seconds} by route. Checked as relations that load cannot
 * break: the upstream's share is at least the delay the emulator was told to take, and the two
 * shares together are no more than the client waited for the headers.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@RunAsClient
class ServerTimingIT extends DeployedGateway {

    private static final Pattern ENTRY = Pattern.compile("(gateway|upstream);dur=([0-9.]+)");

    private final GatewayHttp gateway = new GatewayHttp();

    @Test
    void aStreamedReplySplitsItsTimeToTheHeadersBetweenGatewayAndUpstream() {
        long before = overheadCount("/api/v1/completions");
        long sent = System.nanoTime();
        try (GatewayHttp.Streamed reply = gateway.stream(gateway.completion(
                "Timing " + GatewayHttp.nonce() + " [[emulator ttftMs=300 tokens=3 tokensPerSecond=50]]", "text/event-stream").build())) {
            double waitedMs = (System.nanoTime() - sent) / 1e6;
            assertEquals(200, reply.status());
            String header = reply.response().headers().firstValue("Server-Timing").orElseThrow(() -> new AssertionError("no Server-Timing"));
            double gatewayMs = entry(header, "gateway");
            double upstreamMs = entry(header, "upstream");
            assertTrue(upstreamMs >= 300, "the upstream's share holds its 300 ms to the first token: " + header);
            assertTrue(gatewayMs >= 0 && gatewayMs + upstreamMs <= waitedMs + 1,
                    "both shares fit in the " + waitedMs + " ms the client waited for the headers: " + header);
            assertEquals("done", reply.restSse().stream().reduce((a, b) -> b).orElseThrow().name());
        }
        assertTrue(GatewayHttp.eventually(java.time.Duration.ofSeconds(5), () -> overheadCount("/api/v1/completions") > before),
                "the reply's overhead is in the histogram");
    }

    @Test
    void aCollectedReplyCountsTheWholeUpstreamCallAsTheUpstreams() {
        long sent = System.nanoTime();
        // 300 ms to the first token, then 10 tokens at 20/s: about 750 ms of upstream in all
        HttpResponse<String> reply = gateway.complete("Collected " + GatewayHttp.nonce() + " [[emulator ttftMs=300 tokens=10 tokensPerSecond=20]]",
                "application/json");
        double waitedMs = (System.nanoTime() - sent) / 1e6;
        assertEquals(200, reply.statusCode(), reply.body());
        String header = reply.headers().firstValue("Server-Timing").orElseThrow(() -> new AssertionError("no Server-Timing"));
        assertTrue(entry(header, "upstream") >= 700, "the upstream's share runs to its last chunk: " + header);
        assertTrue(entry(header, "gateway") + entry(header, "upstream") <= waitedMs + 1, header + " within " + waitedMs + " ms");
    }

    @Test
    void aReplyWithoutAModelCallIsAllTheGatewaysTime() {
        long before = overheadCount("/api/v1/templates/{id}");
        long sent = System.nanoTime();
        HttpResponse<String> template = gateway.get("/api/v1/templates/assistant", GatewayHttp.USER_KEY);
        double waitedMs = (System.nanoTime() - sent) / 1e6;
        assertEquals(200, template.statusCode(), template.body());
        String header = template.headers().firstValue("Server-Timing").orElseThrow(() -> new AssertionError("no Server-Timing"));
        assertFalse(header.contains("upstream"), header);
        assertTrue(entry(header, "gateway") <= waitedMs + 1, header + " within " + waitedMs + " ms");
        assertTrue(overheadCount("/api/v1/templates/{id}") > before, "counted under its route template");

        HttpResponse<String> missing = gateway.get("/api/v1/templates/no-such-" + GatewayHttp.nonce(), GatewayHttp.USER_KEY);
        assertEquals(404, missing.statusCode());
        assertTrue(missing.headers().firstValue("Server-Timing").orElse("").startsWith("gateway;dur="), "a 4xx carries it too");
    }

    private static double entry(String header, String name) {
        Matcher matcher = ENTRY.matcher(header);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new AssertionError("no " + name + " entry in " + header);
    }

    private long overheadCount(String route) {
        String prefix = "gateway_overhead_seconds_count{";
        return gateway.get("/metrics", null).body().lines()
                .filter(line -> line.startsWith(prefix) && line.contains("route=\"" + route + "\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
