package com.voicegateway.upstream.control;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.ClientOptions;
import com.google.genai.types.CountTokensConfig;
import com.google.genai.types.CountTokensResponse;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.voicegateway.upstream.entity.GeminiSettings;
import com.voicegateway.upstream.entity.ModelCall;
import com.voicegateway.upstream.entity.Turn;
import com.voicegateway.upstream.entity.UpstreamSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The Google GenAI SDK client, built once. The gateway owns its OkHttp client so that timeouts are
 * on (connect, read = longest silence, call = whole reply), the SDK's own retries are off (MP Fault
 * Tolerance owns retries; the two would multiply), and streamed chunks arrive without the SDK's
 * one-event look-ahead delay. Points at the Gemini emulator (deployed beside the gateway on development and test servers only) unless {@code GEMINI_API_KEY} is set.
 * This class owns the client's life and its calls; the mapping between the gateway's calls and the
 * SDK's types is {@link SdkRequests} and {@link SdkResponses}, failures are {@link SdkFailures}.
 */
@ApplicationScoped
public class GeminiClient {

    private static final Logger LOG = Logger.getLogger(GeminiClient.class.getName());

    @Inject
    GeminiSettings gemini;

    @Inject
    UpstreamSettings upstream;

    @Resource
    ManagedThreadFactory threads;

    private UpstreamWatchdog watchdog;

    private Client client;
    private OkHttpClient http;
    private String target;

    @PostConstruct
    void open() {
        // No OkHttp read/write timeouts: okio would arm them on every socket read under one global
        // lock. The watchdog enforces time to first chunk and the longest silence instead.
        watchdog = new UpstreamWatchdog(upstream.ttftTimeoutMs(), upstream.ttftTimeoutMs(), threads);
        http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofMillis(upstream.connectTimeoutMs()))
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .callTimeout(Duration.ofMillis(upstream.totalTimeoutMs()))
                .connectionPool(new ConnectionPool(upstream.maxIdleConnections(), 5, TimeUnit.MINUTES))
                .retryOnConnectionFailure(false)
                .socketFactory(new NoDelaySockets())
                .addInterceptor(new UpstreamInterceptor(watchdog))
                .build();
        boolean real = gemini.apiKey().filter(key -> !key.isBlank()).isPresent();
        HttpOptions.Builder options = HttpOptions.builder()
                .apiVersion(gemini.apiVersion())
                // attempts(1) alone still sleeps once after a final 429/5xx; no status codes turns that off too.
                .retryOptions(HttpRetryOptions.builder().attempts(1).httpStatusCodes(List.of()).build());
        Optional<String> url = gemini.baseUrl().filter(value -> !value.isBlank());
        if (url.isPresent()) {
            options.baseUrl(url.get());
        } else if (!real) {
            options.baseUrl("http://localhost:" + gemini.httpPort() + "/gemini-emulator");
        }
        target = url.orElse(real ? "Google Gemini API" : "http://localhost:" + gemini.httpPort() + "/gemini-emulator");
        client = Client.builder()
                .apiKey(real ? gemini.apiKey().get().trim() : "emulator-key")
                .vertexAI(false)
                .httpOptions(options.build())
                .clientOptions(ClientOptions.builder().customHttpClient(http).build())
                .build();
        LOG.info(() -> "Gemini upstream: " + target + (real ? "" : " (the Gemini emulator, which only development and test servers deploy; set GEMINI_API_KEY for Gemini)"));
    }

    /**
     * Loads the SDK's request and response paths (Jackson, converters) at start-up instead of on the
     * first user's request, which otherwise pays about a second. No network call: safe against Gemini.
     */
    void warmUp(@Observes @Initialized(ApplicationScoped.class) Object started) {
        ModelCall sample = new ModelCall("warm-up", "system", List.of(Turn.user("hello")), 0.5, 8);
        SdkRequests.contents(sample);
        SdkRequests.config(sample).toJson();
        SdkResponses.chunk(GenerateContentResponse.fromJson("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"hi\"}],"
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
                    client.models.generateContentStream(call.model(), SdkRequests.contents(call), SdkRequests.config(call));
            return new UpstreamStream(responses, UpstreamInterceptor.takeCall());
        } catch (RuntimeException e) {
            UpstreamWatchdog.Watch watch = UpstreamInterceptor.takeCall();
            if (watch != null) {
                watch.close();
            }
            throw SdkFailures.translate(e);
        }
    }

    /**
     * Counts the tokens of a call's turns upstream ({@code models.countTokens}), one request. The
     * Gemini API counts contents only: the SDK refuses a system instruction there.
     */
    public int countTokens(ModelCall call) {
        try {
            CountTokensResponse counted = client.models.countTokens(call.model(), SdkRequests.contents(call), CountTokensConfig.builder().build());
            return counted.totalTokens().orElse(0);
        } catch (RuntimeException e) {
            throw SdkFailures.translate(e);
        } finally {
            UpstreamWatchdog.Watch watch = UpstreamInterceptor.takeCall();
            if (watch != null) {
                watch.close();
            }
        }
    }

}
