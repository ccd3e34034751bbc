package com.voicegateway.templates.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.cache.ICache;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.voicegateway.DeployedGateway;
import com.voicegateway.GatewayHttp;
import com.voicegateway.templates.entity.Template;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The template cache: hit and miss accounting through the admin API, a cluster-wide clear, and
 * invalidation seen by a second Hazelcast member started in this JVM that joins the server's
 * cluster (same cluster name and port range, as a second Liberty node would).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@RunAsClient
class TemplateCacheIT extends DeployedGateway {

    private final GatewayHttp gateway = new GatewayHttp();

    private HttpResponse<String> send(String method, String path, String key, String body) {
        return gateway.send(gateway.request(path).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private void put(String id, String text) {
        HttpResponse<String> response = send("PUT", "/api/v1/templates/" + id, GatewayHttp.ADMIN_KEY,
                Json.createObjectBuilder().add("text", text).add("description", "cache test").build().toString());
        assertTrue(response.statusCode() == 200 || response.statusCode() == 201, response.body());
    }

    private JsonObject templatesCache() {
        HttpResponse<String> response = gateway.get("/api/v1/admin/caches", GatewayHttp.ADMIN_KEY);
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new java.io.StringReader(response.body())).readArray().stream()
                .map(v -> v.asJsonObject()).filter(c -> c.getString("name").equals("templates")).findFirst().orElseThrow();
    }

    @Test
    void readinessAndMetricsReportTheCache() {
        put("it-" + GatewayHttp.nonce(), "x");
        JsonObject ready = GatewayHttp.json(gateway.get("/health/ready", null).body());
        JsonObject check = ready.getJsonArray("checks").stream().map(v -> v.asJsonObject())
                .filter(c -> c.getString("name").equals("template-cache")).findFirst().orElseThrow();
        assertEquals("UP", check.getString("status"));
        assertEquals("hazelcast", check.getJsonObject("data").getString("mode"));
        String metrics = gateway.get("/metrics", null).body();
        for (String name : new String[] {"gateway_cache_hits", "gateway_cache_misses", "gateway_cache_evictions"}) {
            assertTrue(metrics.lines().anyMatch(line -> line.startsWith(name + "{") && line.contains("cache=\"templates\"")), name + " in /metrics");
        }
    }

    @Test
    void cacheAdministrationIsForAdminsOnly() {
        assertEquals(403, gateway.get("/api/v1/admin/caches", GatewayHttp.USER_KEY).statusCode());
        assertEquals(403, send("DELETE", "/api/v1/admin/caches/templates", GatewayHttp.USER_KEY, null).statusCode());
        assertEquals(404, send("DELETE", "/api/v1/admin/caches/nope", GatewayHttp.ADMIN_KEY, null).statusCode());
    }

    @Test
    void readsAreCountedAsHitsAndMisses() {
        String id = "it-" + GatewayHttp.nonce();
        put(id, "Cached {{x}}");
        JsonObject before = templatesCache();
        assertEquals(200, gateway.get("/api/v1/templates/" + id, GatewayHttp.USER_KEY).statusCode());
        assertEquals(200, gateway.get("/api/v1/templates/" + id, GatewayHttp.USER_KEY).statusCode());
        assertEquals(404, gateway.get("/api/v1/templates/" + id + "-absent", GatewayHttp.USER_KEY).statusCode());
        JsonObject after = templatesCache();
        assertTrue(after.getJsonNumber("hits").longValue() >= before.getJsonNumber("hits").longValue() + 2, before + " -> " + after);
        assertTrue(after.getJsonNumber("misses").longValue() >= before.getJsonNumber("misses").longValue() + 1, before + " -> " + after);
        assertTrue(after.getJsonNumber("size").longValue() >= 1, after.toString());
        double ratio = after.getJsonNumber("hitRatio").doubleValue();
        assertTrue(ratio > 0 && ratio <= 1, after.toString());

        assertEquals(204, send("DELETE", "/api/v1/admin/caches/templates", GatewayHttp.ADMIN_KEY, null).statusCode());
        assertEquals(0, templatesCache().getJsonNumber("size").longValue());
        // cleared, not lost: the next read loads it from Redis again
        assertEquals(200, gateway.get("/api/v1/templates/" + id, GatewayHttp.USER_KEY).statusCode());
    }

    @Test
    void aSecondMemberSeesEveryWrite() {
        HazelcastInstance second = com.voicegateway.ClusterMember.join();
        try {
            assertTrue(GatewayHttp.eventually(Duration.ofSeconds(30), () -> second.getCluster().getMembers().size() >= 2),
                    "the test member should join the server's cluster");
            String id = "it-" + GatewayHttp.nonce();
            put(id, "First {{x}}");
            ICache<String, Template> cache = templates(second);
            assertEquals(1, cache.get(id).version());

            put(id, "Second {{x}}");
            Template seen = cache.get(id);
            assertEquals(2, seen.version());
            assertEquals("Second {{x}}", seen.text());

            assertEquals(204, send("DELETE", "/api/v1/templates/" + id, GatewayHttp.ADMIN_KEY, null).statusCode());
            assertEquals(null, cache.get(id));
        } finally {
            second.shutdown();
        }
    }

    @SuppressWarnings("unchecked")
    private static ICache<String, Template> templates(HazelcastInstance member) {
        for (DistributedObject object : member.getDistributedObjects()) {
            if (object instanceof ICache<?, ?> cache && object.getName().endsWith("templates")) {
                return (ICache<String, Template>) cache;
            }
        }
        return member.getCacheManager().getCache("templates");
    }
}
