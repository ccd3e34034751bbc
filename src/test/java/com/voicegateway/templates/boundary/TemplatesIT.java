package com.voicegateway.templates.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.DeployedGateway;
import com.voicegateway.GatewayHttp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Templates over HTTP: CRUD, ETags, admin-only writes, rendering, and templates as system instructions. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@RunAsClient
class TemplatesIT extends DeployedGateway {

    private final GatewayHttp gateway = new GatewayHttp();

    private HttpResponse<String> send(String method, String path, String key, String body) {
        HttpRequest.Builder request = gateway.request(path).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return gateway.send(request.build());
    }

    private static String put(String text, String description) {
        return Json.createObjectBuilder().add("text", text).add("description", description).build().toString();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type, String field) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), response.body());
        JsonObject problem = GatewayHttp.json(response.body());
        assertEquals(type, problem.getString("type"));
        if (field != null) {
            assertEquals(field, problem.getJsonArray("invalidParams").getJsonObject(0).getString("name"), response.body());
        }
    }

    @Test
    void theShippedTemplatesAreSeeded() {
        for (String id : new String[] {"assistant", "translator", "summarizer"}) {
            HttpResponse<String> response = gateway.get("/api/v1/templates/" + id, GatewayHttp.USER_KEY);
            assertEquals(200, response.statusCode(), id + ": " + response.body());
            assertFalse(GatewayHttp.json(response.body()).getString("text").isBlank());
        }
        HttpResponse<String> page = gateway.get("/api/v1/templates?limit=1", GatewayHttp.USER_KEY);
        assertEquals(200, page.statusCode(), page.body());
        JsonObject first = GatewayHttp.json(page.body());
        assertEquals(1, first.getJsonArray("items").size());
        String cursor = first.getString("nextCursor");
        JsonObject second = GatewayHttp.json(gateway.get("/api/v1/templates?limit=1&cursor=" + cursor, GatewayHttp.USER_KEY).body());
        assertTrue(second.getJsonArray("items").getJsonObject(0).getString("id").compareTo(cursor) > 0, second.toString());
    }

    @Test
    void crudWithVersionsAndEtags() {
        String id = "it-" + GatewayHttp.nonce();
        String path = "/api/v1/templates/" + id;
        HttpResponse<String> created = send("PUT", path, GatewayHttp.ADMIN_KEY, put("Hello {{name}}", "greeting"));
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(1, GatewayHttp.json(created.body()).getInt("version"));

        HttpResponse<String> updated = send("PUT", path, GatewayHttp.ADMIN_KEY, put("Hi {{name}}", "greeting"));
        assertEquals(200, updated.statusCode(), updated.body());
        assertEquals(2, GatewayHttp.json(updated.body()).getInt("version"));

        HttpResponse<String> read = gateway.get(path, GatewayHttp.USER_KEY);
        assertEquals(200, read.statusCode(), read.body());
        JsonObject template = GatewayHttp.json(read.body());
        assertEquals("Hi {{name}}", template.getString("text"));
        assertEquals("greeting", template.getString("description"));
        assertFalse(template.getString("updatedAt").isBlank());
        String etag = read.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> unchanged = gateway.send(gateway.request(path).header("Authorization", "Bearer " + GatewayHttp.USER_KEY)
                .header("If-None-Match", etag).GET().build());
        assertEquals(304, unchanged.statusCode());
        // If-None-Match compares weakly (RFC 9110): a weak tag of the same value, a list holding it, and * all match
        for (String match : List.of("W/" + etag, "\"other\", W/" + etag, "*")) {
            HttpResponse<String> weak = gateway.send(gateway.request(path).header("Authorization", "Bearer " + GatewayHttp.USER_KEY)
                    .header("If-None-Match", match).GET().build());
            assertEquals(304, weak.statusCode(), match);
        }
        HttpResponse<String> other = gateway.send(gateway.request(path).header("Authorization", "Bearer " + GatewayHttp.USER_KEY)
                .header("If-None-Match", "W/\"other\"").GET().build());
        assertEquals(200, other.statusCode());

        send("PUT", path, GatewayHttp.ADMIN_KEY, put("Hey {{name}}", "greeting"));
        HttpResponse<String> changed = gateway.send(gateway.request(path).header("Authorization", "Bearer " + GatewayHttp.USER_KEY)
                .header("If-None-Match", etag).GET().build());
        assertEquals(200, changed.statusCode());
        assertFalse(etag.equals(changed.headers().firstValue("ETag").orElse(etag)));

        assertEquals(204, send("DELETE", path, GatewayHttp.ADMIN_KEY, null).statusCode());
        assertProblem(gateway.get(path, GatewayHttp.USER_KEY), 404, "/problems/template-not-found", null);
        assertProblem(send("DELETE", path, GatewayHttp.ADMIN_KEY, null), 404, "/problems/template-not-found", null);
    }

    @Test
    void idsWithDotsInsideAreFine() {
        String dotted = "it.v1." + GatewayHttp.nonce();
        assertEquals(201, send("PUT", "/api/v1/templates/" + dotted, GatewayHttp.ADMIN_KEY, put("x", "y")).statusCode());
        assertEquals(200, gateway.get("/api/v1/templates/" + dotted, GatewayHttp.USER_KEY).statusCode());
    }

    @Test
    void onlyAdminsWrite() {
        String path = "/api/v1/templates/it-" + GatewayHttp.nonce();
        assertProblem(send("PUT", path, GatewayHttp.USER_KEY, put("x", "y")), 403, "/problems/forbidden", null);
        assertProblem(send("DELETE", "/api/v1/templates/assistant", GatewayHttp.USER_KEY, null), 403, "/problems/forbidden", null);
        assertEquals(200, gateway.get("/api/v1/templates/assistant", GatewayHttp.USER_KEY).statusCode());
    }

    @Test
    void invalidTextIs400NamingText() {
        String path = "/api/v1/templates/it-" + GatewayHttp.nonce();
        assertProblem(send("PUT", path, GatewayHttp.ADMIN_KEY, put("{{#open}} never closed", "")), 400, "/problems/invalid-request", "text");
        assertProblem(send("PUT", path, GatewayHttp.ADMIN_KEY, "{\"description\":\"no text\"}"), 400, "/problems/invalid-request", "text");
    }

    @Test
    void renderInsertsValuesAsText() {
        String id = "it-" + GatewayHttp.nonce();
        send("PUT", "/api/v1/templates/" + id, GatewayHttp.ADMIN_KEY, put("Translate into {{target}}.", ""));
        HttpResponse<String> rendered = send("POST", "/api/v1/templates/" + id + "/render", GatewayHttp.USER_KEY,
                "{\"variables\":{\"target\":\"{{target}} & <French>\"}}");
        assertEquals(200, rendered.statusCode(), rendered.body());
        JsonObject body = GatewayHttp.json(rendered.body());
        assertEquals("Translate into {{target}} & <French>.", body.getString("text"));
        assertEquals(1, body.getInt("version"));
        assertEquals(id, body.getString("id"));

        assertProblem(send("POST", "/api/v1/templates/" + id + "/render", GatewayHttp.USER_KEY, "{\"variables\":{}}"),
                400, "/problems/invalid-request", "variables.target");
    }

    @Test
    void aCompletionsTemplateBecomesTheSystemInstruction() {
        String nonce = GatewayHttp.nonce();
        String body = Json.createObjectBuilder().add("input", "hi [[emulator ttftMs=1 tokens=1]]").add("templateId", "translator")
                .add("variables", Json.createObjectBuilder().add("target", nonce)).build().toString();
        HttpResponse<String> response = send("POST", "/api/v1/completions", GatewayHttp.USER_KEY, body);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(GatewayHttp.eventually(Duration.ofSeconds(10), () -> gateway.emulatorRequests(nonce, null)[0] == 1));

        String missing = Json.createObjectBuilder().add("input", "hi").add("templateId", "translator").build().toString();
        assertProblem(send("POST", "/api/v1/completions", GatewayHttp.USER_KEY, missing), 400, "/problems/invalid-request", "variables.target");
    }

    @Test
    void aSessionsTemplateBecomesTheSystemInstruction() {
        assertProblem(send("POST", "/api/v1/sessions", GatewayHttp.USER_KEY, "{\"templateId\":\"nope-" + GatewayHttp.nonce() + "\"}"),
                400, "/problems/unknown-template", "templateId");
        assertProblem(send("POST", "/api/v1/sessions", GatewayHttp.USER_KEY, "{\"templateId\":\"translator\"}"),
                400, "/problems/invalid-request", "variables.target");

        String nonce = GatewayHttp.nonce();
        HttpResponse<String> created = send("POST", "/api/v1/sessions", GatewayHttp.USER_KEY,
                "{\"templateId\":\"translator\",\"variables\":{\"target\":\"" + nonce + "\"}}");
        assertEquals(201, created.statusCode(), created.body());
        String id = GatewayHttp.json(created.body()).getString("id");
        HttpResponse<String> reply = send("POST", "/api/v1/sessions/" + id + "/messages", GatewayHttp.USER_KEY,
                "{\"text\":\"hello [[emulator ttftMs=1 tokens=1]]\"}");
        assertEquals(200, reply.statusCode(), reply.body());
        assertTrue(GatewayHttp.eventually(Duration.ofSeconds(10), () -> gateway.emulatorRequests(nonce, null)[0] == 1));
    }
}
