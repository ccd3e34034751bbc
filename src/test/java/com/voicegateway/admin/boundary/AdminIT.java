package com.voicegateway.admin.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.DeployedGateway;
import com.voicegateway.GatewayHttp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** GET /api/v1/admin/memory on the real server: who may read it, its figures, and that metrics and health agree. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@RunAsClient
class AdminIT extends DeployedGateway {

    private static final Pattern GC_TOTAL = Pattern.compile("(?m)^gc_total\\{[^}]*name=\"([^\"]+)\"[^}]*} ([0-9.E+-]+)$");

    private final GatewayHttp gateway = new GatewayHttp();

    private JsonObject memory() {
        HttpResponse<String> response = gateway.get("/api/v1/admin/memory", GatewayHttp.ADMIN_KEY);
        assertEquals(200, response.statusCode(), response.body());
        return GatewayHttp.json(response.body());
    }

    private static Map<String, Long> collections(JsonObject memory) {
        Map<String, Long> counts = new HashMap<>();
        for (JsonValue collector : memory.getJsonArray("collectors")) {
            counts.put(collector.asJsonObject().getString("name"), collector.asJsonObject().getJsonNumber("count").longValue());
        }
        return counts;
    }

    @Test
    void onlyAnAdminKeyReadsTheMemory() {
        HttpResponse<String> user = gateway.get("/api/v1/admin/memory", GatewayHttp.USER_KEY);
        assertEquals(403, user.statusCode(), user.body());
        assertTrue(user.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(GatewayHttp.json(user.body()).getString("type").endsWith("forbidden"), user.body());
        assertEquals(401, gateway.get("/api/v1/admin/memory", null).statusCode());
        assertEquals(405, gateway.send(gateway.request("/api/v1/admin/memory").header("Authorization", "Bearer " + GatewayHttp.ADMIN_KEY)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build()).statusCode(), "there is nothing to post: no forced GC");
    }

    @Test
    void theReportHasTheHeapTheTrendTheCollectorsAndAVerdict() {
        JsonObject memory = memory();
        JsonObject heap = memory.getJsonObject("heap");
        long used = heap.getJsonNumber("usedBytes").longValue();
        long committed = heap.getJsonNumber("committedBytes").longValue();
        long max = heap.getJsonNumber("maxBytes").longValue();
        assertTrue(used > 0 && used <= committed && committed <= max, memory.toString());
        assertEquals(512L * 1024 * 1024, max, "the test server's -Xmx512m");
        JsonObject afterGc = memory.getJsonObject("afterGc");
        assertFalse(afterGc.getJsonArray("samples").isEmpty(), "Liberty's start collected at least once: " + memory);
        long newest = afterGc.getJsonArray("samples").getJsonObject(afterGc.getJsonArray("samples").size() - 1).getJsonNumber("bytes").longValue();
        assertEquals(newest, afterGc.getJsonNumber("bytes").longValue(), "bytes is the newest sample");
        assertTrue(newest > 0 && newest <= max, memory.toString());
        // Liberty, Hazelcast and the gateway keep far more than 32 MiB alive; the heap pools' collection usage
        // alone (0 for G1's old generation until a full GC) would show little more than the survivor space
        assertTrue(newest > 32L * 1024 * 1024, "the post-GC heap includes the old generation: " + afterGc);
        assertNotNull(afterGc.getJsonNumber("growthBytesPerMinute"));
        assertEquals(30, afterGc.getInt("sampleSeconds"));
        assertFalse(memory.getJsonArray("collectors").isEmpty());
        assertFalse(memory.getString("reason").isBlank(), "a reason either way");
        assertNotNull(memory.get("leakSuspected"));
    }

    @Test
    void theCollectorCountsAreTheJvmsAsMetricsShowThem() {
        Map<String, Long> before = collections(memory());
        String metrics = gateway.get("/metrics", null).body();
        Map<String, Long> after = collections(memory());
        Map<String, Long> scraped = new HashMap<>();
        Matcher gc = GC_TOTAL.matcher(metrics);
        while (gc.find()) {
            scraped.put(gc.group(1), (long) Double.parseDouble(gc.group(2)));
        }
        assertEquals(before.keySet(), scraped.keySet(), "the same collectors: " + scraped);
        for (String name : before.keySet()) {
            long count = scraped.get(name);
            assertTrue(before.get(name) <= count && count <= after.get(name),
                    name + ": " + before.get(name) + " <= " + count + " <= " + after.get(name));
            assertTrue(after.get(name) >= before.get(name), "counts never go back");
        }
        Matcher suspected = Pattern.compile("(?m)^gateway_memory_leak_suspected\\{[^}]*} ([0-9.]+)$").matcher(metrics);
        assertTrue(suspected.find(), "the leak gauge is served");
        assertTrue(ZERO_OR_ONE.contains(suspected.group(1)), suspected.group(1));
        Matcher afterGc = Pattern.compile("(?m)^gateway_memory_heap_after_gc_bytes\\{[^}]*} ([0-9.E+-]+)$").matcher(metrics);
        assertTrue(afterGc.find(), "the post-GC heap gauge is served");
        assertTrue(Double.parseDouble(afterGc.group(1)) > 0);
    }

    private static final java.util.Set<String> ZERO_OR_ONE = java.util.Set.of("0.0", "1.0");

    @Test
    void livenessCarriesTheMemoryVerdictWithoutFailingOnIt() {
        HttpResponse<String> live = gateway.get("/health/live", null);
        assertEquals(200, live.statusCode(), live.body());
        JsonObject memoryCheck = null;
        for (JsonValue check : GatewayHttp.json(live.body()).getJsonArray("checks")) {
            if ("memory".equals(check.asJsonObject().getString("name"))) {
                memoryCheck = check.asJsonObject();
            }
        }
        assertNotNull(memoryCheck, live.body());
        assertEquals("UP", memoryCheck.getString("status"), "gateway.memory.leak-fails-liveness is off");
        JsonObject data = memoryCheck.getJsonObject("data");
        assertTrue(data.containsKey("leakSuspected") && data.containsKey("reason") && data.getJsonNumber("afterGcBytes").longValue() > 0, data.toString());
    }
}
