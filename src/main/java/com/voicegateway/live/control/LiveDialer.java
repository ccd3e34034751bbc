package com.voicegateway.live.control;

import com.google.genai.types.AudioTranscriptionConfig;
import com.google.genai.types.Blob;
import com.google.genai.types.Content;
import com.google.genai.types.GenerationConfig;
import com.google.genai.types.LiveClientMessage;
import com.google.genai.types.LiveClientRealtimeInput;
import com.google.genai.types.LiveClientSetup;
import com.google.genai.types.Modality;
import com.google.genai.types.Part;
import com.google.genai.types.PrebuiltVoiceConfig;
import com.google.genai.types.SessionResumptionConfig;
import com.google.genai.types.SpeechConfig;
import com.google.genai.types.VoiceConfig;
import com.voicegateway.upstream.entity.GeminiSettings;
import com.voicegateway.upstream.entity.UpstreamSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Opens Gemini Live connections: where ({@code gateway.gemini.base-url}, or Gemini with
 * {@code GEMINI_API_KEY}, or the emulator beside the gateway), with which key, and what the setup
 * says (model, the session's instruction, the voice, transcription both ways, session resumption
 * with the newest handle). One JDK HttpClient serves every connection; its few threads read and
 * write all sockets, none is held per session.
 */
@ApplicationScoped
public class LiveDialer {

    private static final Logger LOG = Logger.getLogger(LiveDialer.class.getName());
    static final String INPUT_MIME_TYPE = "audio/pcm;rate=16000";

    @Inject
    GeminiSettings gemini;

    @Inject
    UpstreamSettings upstream;

    private final AtomicInteger connections = new AtomicInteger();
    private ExecutorService threads;
    private HttpClient http;
    private URI endpoint;
    private String key;

    @PostConstruct
    void open() {
        boolean real = gemini.apiKey().filter(value -> !value.isBlank()).isPresent();
        key = real ? gemini.apiKey().get().trim() : "emulator-key";
        endpoint = endpoint(gemini.baseUrl().filter(value -> !value.isBlank())
                .orElse(real ? "https://generativelanguage.googleapis.com" : "http://localhost:" + gemini.httpPort() + "/gemini-emulator"),
                gemini.apiVersion());
        AtomicInteger named = new AtomicInteger();
        threads = Executors.newFixedThreadPool(2, work -> {
            Thread thread = new Thread(work, "live-upstream-" + named.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        http = HttpClient.newBuilder().executor(threads).connectTimeout(Duration.ofMillis(upstream.connectTimeoutMs())).build();
        LOG.info(() -> "Gemini Live upstream: " + endpoint);
    }

    @PreDestroy
    void close() {
        threads.shutdownNow();
    }

    /** The Live method's WebSocket URL under a REST base URL, as the SDK derives it (but keeping ws for http). */
    static URI endpoint(String baseUrl, String apiVersion) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String socket = base.startsWith("https://") ? "wss://" + base.substring(8)
                : base.startsWith("http://") ? "ws://" + base.substring(7) : base;
        return URI.create(socket + "/ws/google.ai.generativelanguage." + apiVersion + ".GenerativeService.BidiGenerateContent");
    }

    /**
     * Dials a connection and sends its setup; the listener hears {@code setupComplete} or the close.
     * Never throws: a connection that cannot be opened is reported to the listener as a 1006 close.
     */
    LiveUpstream open(String setupJson, LiveUpstream.Listener listener) {
        LiveUpstream connection = new LiveUpstream(connections.incrementAndGet(), listener, threads);
        try {
            http.newWebSocketBuilder()
                    .header("x-goog-api-key", key)
                    .connectTimeout(Duration.ofMillis(upstream.connectTimeoutMs()))
                    .buildAsync(endpoint, connection.socketListener())
                    .whenComplete((socket, failed) -> {
                        if (failed != null) {
                            connection.fail("cannot connect to " + endpoint + ": " + failed.getMessage());
                        } else {
                            connection.opened(socket);
                            connection.send(setupJson);
                        }
                    });
        } catch (RuntimeException refused) {
            connection.fail("cannot connect to " + endpoint + ": " + refused.getMessage());
        }
        return connection;
    }

    /** The setup message, in the SDK's types and JSON mapping. */
    static String setup(String model, String instruction, Optional<String> voice, Optional<String> handle) {
        GenerationConfig.Builder generation = GenerationConfig.builder().responseModalities(new Modality(Modality.Known.AUDIO));
        voice.ifPresent(name -> generation.speechConfig(SpeechConfig.builder().voiceConfig(VoiceConfig.builder()
                .prebuiltVoiceConfig(PrebuiltVoiceConfig.builder().voiceName(name)))));
        SessionResumptionConfig.Builder resumption = SessionResumptionConfig.builder();
        handle.ifPresent(resumption::handle);
        LiveClientSetup.Builder setup = LiveClientSetup.builder()
                .model(model.startsWith("models/") ? model : "models/" + model)
                .generationConfig(generation.build())
                .inputAudioTranscription(AudioTranscriptionConfig.builder().build())
                .outputAudioTranscription(AudioTranscriptionConfig.builder().build())
                .sessionResumption(resumption.build());
        if (instruction != null && !instruction.isBlank()) {
            setup.systemInstruction(Content.builder().parts(Part.fromText(instruction)).build());
        }
        return LiveClientMessage.builder().setup(setup.build()).build().toJson();
    }

    /** 16 kHz PCM16 little-endian audio as a {@code realtimeInput} message. */
    static String audio(byte[] pcm) {
        return LiveClientMessage.builder().realtimeInput(LiveClientRealtimeInput.builder()
                .audio(Blob.builder().mimeType(INPUT_MIME_TYPE).data(pcm).build()).build()).build().toJson();
    }

    /** The user has finished: answer what was said so far. */
    static String audioStreamEnd() {
        return LiveClientMessage.builder().realtimeInput(LiveClientRealtimeInput.builder().audioStreamEnd(true).build())
                .build().toJson();
    }
}
