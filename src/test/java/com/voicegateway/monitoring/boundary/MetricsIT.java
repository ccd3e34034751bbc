package com.voicegateway.monitoring.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.DeployedGateway;
import com.voicegateway.GatewayHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * /metrics of the real server is valid Prometheus exposition (by the strict reader
 * {@link PrometheusExposition}), its latency families are histograms with the configured buckets
 * and no quantiles, the compression ratio is split by direction, and every gateway family it
 * serves is in docs/metrics.md.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@RunAsClient
class MetricsIT extends DeployedGateway {

    private static final String MODEL = "gemini-2.5-flash";

    private final GatewayHttp gateway = new GatewayHttp();

    private PrometheusExposition scrape() {
        HttpResponse<String> metrics = gateway.get("/metrics", null);
        assertEquals(200, metrics.statusCode());
        try {
            // kept for a look with promtool (`promtool check metrics < target/metrics-exposition.txt`) where it is installed
            java.nio.file.Files.writeString(java.nio.file.Path.of("target/metrics-exposition.txt"), metrics.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PrometheusExposition.read(metrics.body(), name -> name.startsWith("ft_"));
    }

    private static byte[] audio(String name) {
        try (InputStream in = MetricsIT.class.getResourceAsStream("/audio/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void exercise() {
        assertEquals(200, gateway.complete("Metrics " + GatewayHttp.nonce() + " [[emulator ttftMs=5 tokens=4]]", "text/event-stream").statusCode());
        HttpResponse<String> session = gateway.send(gateway.request("/api/v1/sessions")
                .header("Authorization", "Bearer " + GatewayHttp.USER_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"templateId\":\"assistant\"}")).build());
        assertEquals(201, session.statusCode(), session.body());
        HttpResponse<byte[]> compressed = compress();
        assertEquals(200, compressed.statusCode());
    }

    private HttpResponse<byte[]> compress() {
        try {
            return java.net.http.HttpClient.newHttpClient().send(gateway.request("/api/v1/audio/compress")
                    .header("Authorization", "Bearer " + GatewayHttp.USER_KEY).header("Accept", "audio/ogg")
                    .header("Content-Type", "audio/wav").POST(HttpRequest.BodyPublishers.ofByteArray(audio("speech1_16k.wav"))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theExpositionIsValid() {
        exercise();
        // the first scrape registers what gauges register when read (Redis' sessions-count timer, on Liberty's thread)
        scrape();
        PrometheusExposition exposition = scrape();
        assertEquals(List.of(), exposition.problems());
        assertTrue(exposition.families().size() > 50, "the whole registry was read: " + exposition.families().size());
    }

    @Test
    void latencyFamiliesAreHistogramsWithTheConfiguredBucketsAndNoQuantiles() {
        exercise();
        scrape();
        PrometheusExposition exposition = scrape();
        for (String family : new String[] {"gateway_ttft_seconds", "gateway_request_duration_seconds", "gateway_upstream_duration_seconds",
            "gateway_redis_duration_seconds", "gateway_audio_codec_seconds"}) {
            PrometheusExposition.Family histogram = exposition.families().get(family);
            assertNotNull(histogram, family + " is served");
            assertEquals("histogram", histogram.type(), family);
            assertTrue(histogram.samples().stream().noneMatch(sample -> sample.labels().containsKey("quantile")), family + " has no quantiles");
        }
        assertNotNull(exposition.value("gateway_ttft_seconds_bucket", Map.of("model", MODEL, "le", "0.025")), "the first TTFT bound, 25 ms");
        assertNotNull(exposition.value("gateway_ttft_seconds_bucket", Map.of("model", MODEL, "le", "15.0")), "the last TTFT bound, 15 s");
        assertNotNull(exposition.value("gateway_redis_duration_seconds_bucket", Map.of("operation", "sessions-count", "le", "0.001")),
                "a timer first used on Liberty's /metrics thread has the gateway's buckets too");
        assertNotNull(exposition.value("gateway_audio_codec_seconds_bucket", Map.of("operation", "encode", "le", "5.0")));
    }

    @Test
    void aCompletionIsCountedInTheTtftAndRequestHistograms() {
        exercise();
        PrometheusExposition before = scrape();
        assertEquals(200, gateway.complete("Counted " + GatewayHttp.nonce() + " [[emulator ttftMs=5 tokens=3]]", "text/event-stream").statusCode());
        PrometheusExposition after = scrape();
        Map<String, String> ttft = Map.of("model", MODEL, "le", "+Inf");
        assertTrue(after.value("gateway_ttft_seconds_bucket", ttft) >= before.value("gateway_ttft_seconds_bucket", ttft) + 1,
                "one more time to first token");
        Map<String, String> request = Map.of("route", "completions", "format", "sse");
        assertTrue(after.value("gateway_request_duration_seconds_count", request) >= before.value("gateway_request_duration_seconds_count", request) + 1,
                "one more completion request");
    }

    @Test
    void theCompressionRatioIsSplitByDirection() {
        assertEquals(200, compress().statusCode());
        PrometheusExposition exposition = scrape();
        double encode = exposition.value("gateway_audio_compression_ratio", Map.of("direction", "encode"));
        assertNotNull(exposition.value("gateway_audio_compression_ratio", Map.of("direction", "decode")), "the decode series exists");
        assertTrue(encode > 0 && encode < 0.5, "Opus is far smaller than the WAV it came from: " + encode);
        double before = 0;
        double after = 0;
        for (String operation : new String[] {"encode", "reply-encode"}) {
            Double in = exposition.value("gateway_audio_bytes_before_bytes_total", Map.of("operation", operation));
            Double out = exposition.value("gateway_audio_bytes_after_bytes_total", Map.of("operation", operation));
            before += in == null ? 0 : in;
            after += out == null ? 0 : out;
        }
        assertEquals(after / before, encode, 1e-9, "the encode ratio is the encoders' bytes out over in, validation and decoding left out");
    }

    @Test
    void everyGatewayFamilyServedIsCatalogued() throws IOException {
        exercise();
        scrape();
        Set<String> catalogued = MetricsCatalogueTest.catalogued();
        Set<String> missing = new TreeSet<>();
        for (PrometheusExposition.Family family : scrape().families().values()) {
            String name = family.name();
            if (!name.startsWith("gateway_")) {
                continue;
            }
            String base = name.endsWith("_max") ? name.substring(0, name.length() - 4) : name;
            if (!catalogued.contains(name) && !(catalogued.contains(base) && "gauge".equals(family.type()))) {
                missing.add(name);
            }
        }
        assertEquals(Set.of(), missing, "served by /metrics but not in docs/metrics.md");
    }
}
