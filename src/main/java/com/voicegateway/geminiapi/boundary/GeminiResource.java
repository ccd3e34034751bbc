package com.voicegateway.geminiapi.boundary;

import com.voicegateway.problems.entity.ProblemType;
import com.voicegateway.geminiapi.control.GeminiSurface;
import com.voicegateway.monitoring.control.GatewayMetrics;
import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.relay.boundary.ReplyStreams;
import com.voicegateway.relay.control.ReplyChannel;
import com.voicegateway.responses.entity.CachePolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The Gemini-compatible surface: {@code POST /gemini/v1beta/models/{model}:generateContent},
 * {@code :streamGenerateContent} ({@code ?alt=sse} for Server-Sent Events, else a streamed JSON
 * array) and {@code :countTokens}, in Gemini's own request, response and error formats, so that a
 * Gemini SDK works with its base URL set to {@code http(s)://host:port/gemini}. The key is the
 * gateway's, sent as {@code x-goog-api-key} (see ApiKeyFilter).
 */
@Path("gemini")
@ApplicationScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
public class GeminiResource {

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    @Inject
    GeminiSurface surface;

    @Inject
    GatewayMetrics metrics;

    @Inject
    ReplyStreams streams;

    /**
     * JAX-RS cannot put a template right before a literal colon reliably, so the last segment
     * ({@code gemini-2.5-flash:generateContent}) is one parameter, split here. {@code version} is
     * declared only so that the OpenAPI document names the path's parameters (it was invalid without).
     */
    @POST
    @Path("{version: v1beta|v1}/models/{call: [^/]+}")
    @Operation(summary = "Gemini generateContent, streamGenerateContent, countTokens",
            description = "Gemini's own API (models/{model}:generateContent, :streamGenerateContent?alt=sse, :countTokens) "
                    + "with the gateway's key in x-goog-api-key; errors in Gemini's shape.")
    @APIResponse(responseCode = "200", description = "A GenerateContentResponse, a stream of them, or {\"totalTokens\"}")
    @APIResponse(responseCode = "400", description = "INVALID_ARGUMENT: the request, or a field the gateway cannot carry")
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED: missing or unknown gateway key")
    @APIResponse(responseCode = "404", description = "NOT_FOUND: no such method")
    @APIResponse(responseCode = "503", description = "UNAVAILABLE: upstream or gateway capacity; see Retry-After")
    public void call(@Parameter(description = "Gemini API version, v1beta or v1 (both are served alike)")
            @PathParam("version") String version, @PathParam("call") String call, @QueryParam("alt") String alt,
            @HeaderParam(HttpHeaders.CACHE_CONTROL) String cacheControl, InputStream body, @Suspended AsyncResponse async) {
        CachePolicy policy = CachePolicy.of(cacheControl);
        long arrived = System.nanoTime();
        int colon = call.lastIndexOf(':');
        String method = colon < 0 ? "" : call.substring(colon + 1);
        String model = colon < 0 ? call : call.substring(0, colon);
        switch (method) {
            case "generateContent" -> surface.generate(model, object(body), policy, arrived, reply(async, GeminiShape.Format.JSON, arrived));
            case "streamGenerateContent" -> surface.generate(model, object(body), policy, arrived,
                    reply(async, "sse".equals(alt) ? GeminiShape.Format.SSE : GeminiShape.Format.JSON_ARRAY, arrived));
            case "countTokens" -> {
                int tokens = surface.countTokens(model, object(body));
                async.resume(Response.ok(GeminiJson.tokenCount(tokens).toString(), MediaType.APPLICATION_JSON_TYPE).build());
                metrics.request("gemini-count-tokens", "json", System.nanoTime() - arrived);
            }
            default -> throw new GatewayException(ProblemType.NOT_FOUND, "Method not found: models/" + call
                    + ". The gateway serves :generateContent, :streamGenerateContent and :countTokens.", null, null);
        }
    }

    private ReplyChannel reply(AsyncResponse async, GeminiShape.Format format, long arrived) {
        return streams.channel(async, new GeminiShape(format), GeminiShape.ROUTE, arrived);
    }

    /** The body as a JSON object; anything else is the client's 400 (a body over the limit stays 413). */
    private static jakarta.json.JsonObject object(InputStream body) {
        JsonValue value;
        try (JsonReader reader = READERS.createReader(body, StandardCharsets.UTF_8)) {
            value = reader.readValue();
        } catch (JsonException unreadable) {
            GatewayException.among(unreadable).ifPresent(limit -> {
                throw limit;
            });
            String reason = String.valueOf(unreadable.getMessage()).lines().findFirst().orElse("unreadable body");
            throw new GatewayException(ProblemType.MALFORMED_JSON,
                    "Invalid JSON payload received: " + reason, null, null);
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new GatewayException(ProblemType.MALFORMED_JSON,
                    "Invalid JSON payload received: the body must be a JSON object (a GenerateContentRequest).", null, null);
        }
        return value.asJsonObject();
    }
}
