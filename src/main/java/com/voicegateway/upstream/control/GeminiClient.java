package com.voicegateway.upstream.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ApiException;
import com.google.genai.errors.GenAiIOException;
import com.google.genai.types.Candidate;
import com.google.genai.types.ClientOptions;
import com.google.genai.types.Content;
import com.google.genai.types.CountTokensConfig;
import com.google.genai.types.CountTokensResponse;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.Part;
import com.google.genai.types.PrebuiltVoiceConfig;
import com.google.genai.types.SpeechConfig;
import com.google.genai.types.VoiceConfig;
import com.google.genai.types.SafetySetting;
import com.google.genai.types.Schema;
import com.google.genai.types.ThinkingConfig;
import com.voicegateway.upstream.entity.GenerationSettings;
import com.voicegateway.upstream.entity.ModelCall;
import com.voicegateway.upstream.entity.StreamBrokenException;
import com.voicegateway.upstream.entity.Turn;
import com.voicegateway.upstream.entity.UpstreamChunk;
import com.voicegateway.upstream.entity.UpstreamException;
import com.voicegateway.upstream.entity.UpstreamRejectedException;
import com.voicegateway.upstream.entity.UpstreamUnavailableException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Google GenAI SDK client, built once. The gateway owns its OkHttp client so that timeouts are
 * on (connect, read = longest silence, call = whole reply), the SDK's own retries are off (MP Fault
 * Tolerance owns retries; the two would multiply), and streamed chunks arrive without the SDK's
 * one-event look-ahead delay. Points at the built-in emulator unless {@code GEMINI_API_KEY} is set.
 */
@ApplicationScoped
public class GeminiClient {

    private static final Logger LOG = Logger.getLogger(GeminiClient.class.getName());
    private static final ObjectMapper JSON_TREES = new ObjectMapper();

    @Inject
    @ConfigProperty(name = "gemini.api-key")
    Optional<String> apiKey;

    @Inject
    @ConfigProperty(name = "gateway.gemini.base-url")
    Optional<String> baseUrl;

    @Inject
    @ConfigProperty(name = "http.port", defaultValue = "9080")
    int httpPort;

    @Inject
    @ConfigProperty(name = "gateway.gemini.api-version", defaultValue = "v1beta")
    String apiVersion;

    @Inject
    @ConfigProperty(name = "gateway.upstream.connect-timeout-ms", defaultValue = "5000")
    long connectTimeoutMs;

    @Inject
    @ConfigProperty(name = "gateway.upstream.ttft-timeout-ms", defaultValue = "15000")
    long readTimeoutMs;

    @Inject
    @ConfigProperty(name = "gateway.upstream.total-timeout-ms", defaultValue = "120000")
    long totalTimeoutMs;

    @Resource
    ManagedThreadFactory threads;

    private UpstreamWatchdog watchdog;

    @Inject
    @ConfigProperty(name = "gateway.upstream.max-idle-connections", defaultValue = "256")
    int maxIdleConnections;

    private Client client;
    private OkHttpClient http;
    private String target;

    @PostConstruct
    void open() {
        // No OkHttp read/write timeouts: okio would arm them on every socket read under one global
        // lock. The watchdog enforces time to first chunk and the longest silence instead.
        watchdog = new UpstreamWatchdog(readTimeoutMs, readTimeoutMs, threads);
        http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofMillis(connectTimeoutMs))
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .callTimeout(Duration.ofMillis(totalTimeoutMs))
                .connectionPool(new ConnectionPool(maxIdleConnections, 5, TimeUnit.MINUTES))
                .retryOnConnectionFailure(false)
                .socketFactory(new NoDelaySockets())
                .addInterceptor(new UpstreamInterceptor(watchdog))
                .build();
        boolean real = apiKey.filter(key -> !key.isBlank()).isPresent();
        HttpOptions.Builder options = HttpOptions.builder()
                .apiVersion(apiVersion)
                // attempts(1) alone still sleeps once after a final 429/5xx; no status codes turns that off too.
                .retryOptions(HttpRetryOptions.builder().attempts(1).httpStatusCodes(List.of()).build());
        Optional<String> url = baseUrl.filter(value -> !value.isBlank());
        if (url.isPresent()) {
            options.baseUrl(url.get());
        } else if (!real) {
            options.baseUrl("http://localhost:" + httpPort + "/gemini-emulator");
        }
        target = url.orElse(real ? "Google Gemini API" : "http://localhost:" + httpPort + "/gemini-emulator");
        client = Client.builder()
                .apiKey(real ? apiKey.get().trim() : "emulator-key")
                .vertexAI(false)
                .httpOptions(options.build())
                .clientOptions(ClientOptions.builder().customHttpClient(http).build())
                .build();
        LOG.info(() -> "Gemini upstream: " + target + (real ? "" : " (built-in emulator; set GEMINI_API_KEY for Gemini)"));
    }

    /**
     * Loads the SDK's request and response paths (Jackson, converters) at start-up instead of on the
     * first user's request, which otherwise pays about a second. No network call: safe against Gemini.
     */
    void warmUp(@Observes @Initialized(ApplicationScoped.class) Object started) {
        ModelCall sample = new ModelCall("warm-up", "system", List.of(Turn.user("hello")), 0.5, 8);
        contents(sample);
        config(sample).toJson();
        chunk(GenerateContentResponse.fromJson("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"hi\"}],"
                + "\"role\":\"model\"},\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":1}}"));
    }

    @PreDestroy
    void close() {
        client.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        watchdog.close();
    }

    public String target() {
        return target;
    }

    /** Opens a streamed generation; returns once the upstream has answered with headers. */
    public UpstreamStream stream(ModelCall call) {
        try {
            ResponseStream<GenerateContentResponse> responses =
                    client.models.generateContentStream(call.model(), contents(call), config(call));
            return new UpstreamStream(responses, UpstreamInterceptor.takeCall());
        } catch (RuntimeException e) {
            UpstreamWatchdog.Watch watch = UpstreamInterceptor.takeCall();
            if (watch != null) {
                watch.close();
            }
            throw translate(e);
        }
    }

    static List<Content> contents(ModelCall call) {
        List<Content> contents = new ArrayList<>(call.turns().size());
        for (Turn turn : call.turns()) {
            List<Part> parts = new ArrayList<>(2);
            if (turn.audio() != null) {
                parts.add(Part.fromBytes(turn.audio().data(), turn.audio().mimeType()));
            }
            if (turn.audio() == null || !turn.text().isEmpty()) {
                parts.add(Part.fromText(turn.text()));
            }
            contents.add(Content.builder()
                    .role(turn.speaker() == Turn.Speaker.USER ? "user" : "model")
                    .parts(parts)
                    .build());
        }
        return contents;
    }

    public static GenerateContentConfig config(ModelCall call) {
        GenerateContentConfig.Builder config = GenerateContentConfig.builder();
        if (call.systemInstruction() != null && !call.systemInstruction().isBlank()) {
            config.systemInstruction(Content.fromParts(Part.fromText(call.systemInstruction())));
        }
        if (call.temperature() != null) {
            config.temperature(call.temperature().floatValue());
        }
        if (call.maxOutputTokens() != null) {
            config.maxOutputTokens(call.maxOutputTokens());
        }
        settings(call.settings(), config);
        if (call.speech() != null) {
            config.responseModalities("AUDIO");
            if (call.speech().voice() != null && !call.speech().voice().isBlank()) {
                config.speechConfig(SpeechConfig.builder().voiceConfig(VoiceConfig.builder()
                        .prebuiltVoiceConfig(PrebuiltVoiceConfig.builder().voiceName(call.speech().voice()))));
            }
        }
        return config.build();
    }

    /** The settings a Gemini client sent, field for field into the SDK's config. */
    private static void settings(GenerationSettings settings, GenerateContentConfig.Builder config) {
        if (settings.topP() != null) {
            config.topP(settings.topP().floatValue());
        }
        if (settings.topK() != null) {
            config.topK(settings.topK().floatValue());
        }
        if (settings.stopSequences() != null) {
            config.stopSequences(settings.stopSequences());
        }
        if (settings.presencePenalty() != null) {
            config.presencePenalty(settings.presencePenalty().floatValue());
        }
        if (settings.frequencyPenalty() != null) {
            config.frequencyPenalty(settings.frequencyPenalty().floatValue());
        }
        if (settings.seed() != null) {
            config.seed(settings.seed());
        }
        if (settings.responseMimeType() != null) {
            config.responseMimeType(settings.responseMimeType());
        }
        if (settings.responseSchema() != null) {
            config.responseSchema(Schema.fromJson(settings.responseSchema()));
        }
        if (settings.responseJsonSchema() != null) {
            config.responseJsonSchema(jsonTree(settings.responseJsonSchema()));
        }
        if (settings.thinkingConfig() != null) {
            config.thinkingConfig(ThinkingConfig.fromJson(settings.thinkingConfig()));
        }
        if (settings.safetySettings() != null) {
            List<SafetySetting> safety = new ArrayList<>(settings.safetySettings().size());
            for (GenerationSettings.Safety rule : settings.safetySettings()) {
                safety.add(SafetySetting.builder().category(rule.category()).threshold(rule.threshold()).build());
            }
            config.safetySettings(safety);
        }
    }

    private static JsonNode jsonTree(String json) {
        try {
            return JSON_TREES.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("responseJsonSchema is not JSON", e);
        }
    }

    /**
     * Counts the tokens of a call's turns upstream ({@code models.countTokens}), one request. The
     * Gemini API counts contents only: the SDK refuses a system instruction there.
     */
    public int countTokens(ModelCall call) {
        try {
            CountTokensResponse counted = client.models.countTokens(call.model(), contents(call), CountTokensConfig.builder().build());
            return counted.totalTokens().orElse(0);
        } catch (RuntimeException e) {
            throw translate(e);
        } finally {
            UpstreamWatchdog.Watch watch = UpstreamInterceptor.takeCall();
            if (watch != null) {
                watch.close();
            }
        }
    }

    /** The reply chunk in a response, or null for a response that carries nothing (our flush filler). */
    static UpstreamChunk chunk(GenerateContentResponse response) {
        Optional<Candidate> candidate = response.candidates().filter(list -> !list.isEmpty()).map(list -> list.get(0));
        Optional<GenerateContentResponseUsageMetadata> usage = response.usageMetadata();
        if (candidate.isEmpty() && usage.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        java.io.ByteArrayOutputStream audio = new java.io.ByteArrayOutputStream(0);
        String[] audioType = new String[1];
        candidate.flatMap(Candidate::content).flatMap(Content::parts).ifPresent(parts -> {
            for (Part part : parts) {
                if (part.thought().orElse(false)) {
                    continue;
                }
                part.text().ifPresent(text::append);
                part.inlineData().ifPresent(blob -> {
                    blob.data().ifPresent(audio::writeBytes);
                    audioType[0] = blob.mimeType().orElse(audioType[0]);
                });
            }
        });
        String finish = candidate.flatMap(Candidate::finishReason).map(Object::toString).orElse(null);
        return new UpstreamChunk(text.toString(), finish,
                usage.flatMap(GenerateContentResponseUsageMetadata::promptTokenCount).orElse(0),
                usage.flatMap(GenerateContentResponseUsageMetadata::candidatesTokenCount).orElse(0),
                audio.size() == 0 ? null : audio.toByteArray(), audio.size() == 0 ? null : audioType[0]);
    }

    /** Maps what the SDK throws to the gateway's upstream failures, keeping the upstream's Retry-After. */
    static UpstreamException translate(RuntimeException failure) {
        String retryAfterHeader = UpstreamInterceptor.takeRetryAfter();
        if (failure instanceof UpstreamException upstream) {
            return upstream;
        }
        if (failure instanceof ApiException api) {
            int code = api.code();
            String detail = "Upstream answered " + code + " " + api.status() + ": " + api.message();
            if (code == 408 || code == 429 || code >= 500) {
                return new UpstreamUnavailableException(code, detail, retryAfter(retryAfterHeader), failure);
            }
            // Gemini answers an invalid key with 400 "API key not valid": the gateway's fault, not the client's.
            boolean credential = code == 400 && String.valueOf(api.message()).contains("API key");
            return new UpstreamRejectedException(credential ? 403 : code, detail, failure);
        }
        if (failure instanceof GenAiIOException) {
            Throwable cause = failure.getCause() == null ? failure : failure.getCause();
            return new UpstreamUnavailableException(0, "Upstream I/O failure: " + cause, null, failure);
        }
        return new UpstreamUnavailableException(0, "Upstream call failed: " + failure, null, failure);
    }

    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                long millis = java.time.ZonedDateTime.parse(header.trim(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant().toEpochMilli() - System.currentTimeMillis();
                return Duration.ofMillis(Math.max(0, millis));
            } catch (java.time.format.DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    /** Turns a failure after the first chunk into the one error the client will see. */
    static StreamBrokenException broken(RuntimeException failure) {
        UpstreamException translated = translate(failure);
        return new StreamBrokenException("upstream-stream-broken", 502,
                "The upstream reply broke off midway: " + translated.getMessage(), failure);
    }
}
