package com.voicegateway.emulator.boundary;

import com.voicegateway.emulator.control.GeminiWire;
import com.voicegateway.emulator.control.InlineDataReader;
import com.voicegateway.emulator.control.InvalidArgumentException;
import com.voicegateway.emulator.control.LiveEmulator;
import com.voicegateway.emulator.control.ReplyPacer;
import com.voicegateway.emulator.control.ReplyPlanner;
import com.voicegateway.emulator.control.RequestLog;
import com.voicegateway.emulator.entity.ReadContents;
import com.voicegateway.emulator.entity.ReplyPlan;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Gemini emulator's HTTP surface: {@code POST /gemini-emulator/v1beta/models/{model}:generateContent},
 * {@code :streamGenerateContent?alt=sse} and {@code :countTokens}, in Gemini's wire format, plus
 * {@code GET /gemini-emulator/requests?contains=...&model=...} for tests to count what reached it;
 * {@code GET /gemini-emulator/live?contains=...} counts the Live connections open now.
 * A servlet rather than a JAX-RS resource because replies are paced from a scheduler, asynchronously.
 */
@WebServlet(urlPatterns = "/*", asyncSupported = true)
public class EmulatorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern MODEL_CALL =
            Pattern.compile("^/(v1beta|v1|v1alpha)/models/([^/:]+):(generateContent|streamGenerateContent|countTokens)$");

    private static final JsonReaderFactory READERS = Json.createReaderFactory(java.util.Map.of());

    @Inject
    transient ReplyPlanner planner;

    @Inject
    transient ReplyPacer pacer;

    @Inject
    transient RequestLog log;

    @Inject
    transient LiveEmulator live;

    @Inject
    @ConfigProperty(name = "emulator.enabled", defaultValue = "true")
    transient boolean enabled;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws jakarta.servlet.ServletException, IOException {
        if (!enabled) {
            response.sendError(404);
            return;
        }
        super.service(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Matcher call = MODEL_CALL.matcher(String.valueOf(request.getPathInfo()));
        if (!call.matches()) {
            error(response, 404, "Method not found: " + request.getPathInfo(), 0);
            return;
        }
        String key = request.getHeader("x-goog-api-key");
        if ((key == null || key.isBlank()) && request.getParameter("key") == null) {
            error(response, 403, "Method doesn't allow unregistered callers. Please use an API key.", 0);
            return;
        }
        JsonObject body;
        try (JsonReader reader = READERS.createReader(request.getInputStream(), java.nio.charset.StandardCharsets.UTF_8)) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                error(response, 400, "Invalid JSON payload: expected an object.", 0);
                return;
            }
            body = value.asJsonObject();
        } catch (JsonException e) {
            error(response, 400, "Invalid JSON payload received.", 0);
            return;
        }
        String model = call.group(2);
        String method = call.group(3);
        JsonObject counted = "countTokens".equals(method) && body.containsKey("generateContentRequest")
                ? body.getJsonObject("generateContentRequest") : body;
        ReadContents read;
        try {
            read = InlineDataReader.read(counted);
        } catch (InvalidArgumentException e) {
            error(response, 400, e.getMessage(), 0);
            return;
        }
        if ("countTokens".equals(method)) {
            write(response, 200, GeminiWire.tokenCount(planner.countTokens(counted, read)).toString());
            return;
        }
        if (!body.containsKey("contents")) {
            error(response, 400, "* GenerateContentRequest.contents: contents is not specified", 0);
            return;
        }
        ReplyPlan plan = planner.plan(model, body, read);
        // the system instruction and generation settings are logged with the contents, so tests can
        // see a rendered template or a client's settings arrive; inline payloads only as their markers
        RequestLog.Entry entry = log.record(read.loggedJson()
                + logged(body, "systemInstruction", "system_instruction")
                + logged(body, "generationConfig", "generation_config")
                + logged(body, "safetySettings", "safety_settings"), model);
        if (plan.fails()) {
            if (plan.retryAfterSeconds() > 0) {
                response.setHeader("Retry-After", Long.toString(plan.retryAfterSeconds()));
            }
            error(response, plan.failStatus(), "Emulated failure " + plan.failStatus() + " as requested.",
                    plan.retryAfterSeconds());
            return;
        }
        AsyncContext async = request.startAsync();
        if (plan.hang()) {
            pacer.hang(plan, async, log, entry);
        } else if ("streamGenerateContent".equals(method)) {
            pacer.stream(plan, async, log, entry);
        } else {
            pacer.unary(plan, async, log, entry);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("/live".equals(request.getPathInfo())) {
            // Live connections open now, all or those whose system instruction contains the marker
            String marker = request.getParameter("contains");
            int count = marker == null || marker.isEmpty() ? live.openConnections() : live.openConnections(marker);
            write(response, 200, Json.createObjectBuilder().add("open", count).build().toString());
            return;
        }
        if (!"/requests".equals(request.getPathInfo())) {
            error(response, 404, "Not found: " + request.getPathInfo(), 0);
            return;
        }
        // several contains= parameters: requests containing all of them
        String[] markers = request.getParameterValues("contains");
        RequestLog.Tally tally = markers == null || markers.length == 0 || markers[0].isEmpty() ? log.all()
                : log.matching(List.of(markers), request.getParameter("model"));
        write(response, 200, GeminiWire.tally(tally.count(), tally.cancelled())
.toString());
    }

    private static String logged(JsonObject body, String name, String snakeName) {
        JsonValue value = body.containsKey(name) ? body.get(name) : body.get(snakeName);
        return value == null ? "" : "\n" + value;
    }

    private static void error(HttpServletResponse response, int status, String message, long retryAfter)
            throws IOException {
        write(response, status, GeminiWire.error(status, message, retryAfter).toString());
    }

    private static void write(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }
}
