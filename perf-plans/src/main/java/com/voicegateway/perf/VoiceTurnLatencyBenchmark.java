package com.voicegateway.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark P5: the latency a voice turn's trip through the gateway adds, for a real 6.7 s speech
 * recording. Two phases against the same server, one after the other, each {@code --requests}
 * turns after {@code --warmup} discarded ones, by {@code --concurrency} closed-loop clients:
 *
 * <ul>
 * <li>DIRECT: what a client would send Gemini itself, straight to the emulator
 * ({@code :streamGenerateContent?alt=sse} with the recording as inlineData and the same text);
 * measured: time to the first SSE event.</li>
 * <li>GATEWAY: {@code POST /api/v1/sessions/{id}/utterances} with the recording as the body (a fresh
 * session per turn, created outside the timing); measured: time to the first {@code delta} event,
 * and, for information, to the {@code audio} event (the spoken reply can be fetched) and to
 * {@code done}.</li>
 * </ul>
 *
 * Both ask the emulator for the same reply ({@code --reply}), so gateway pXX minus direct pXX is
 * what the gateway adds to the time until the user gets the first words of the answer: receiving
 * and checking the upload, compressing a WAV to Opus, the session and its history in Redis, the
 * template, the SDK. Percentiles are nearest-rank.
 *
 * <p>Run (the gateway started with {@code mvn -DskipTests liberty:run}):
 * <pre>
 * mvn -f perf-plans/pom.xml -q compile exec:java -Dperf.main=com.voicegateway.perf.VoiceTurnLatencyBenchmark \
 *     -Dexec.args="--base http://localhost:9080 --audio src/test/resources/audio/speech1_16k.wav --requests 100"
 * </pre>
 */
public final class VoiceTurnLatencyBenchmark {

    static final String TARGET = "P5 target: added p95 <= 50 ms for the 7 s speech sample";
    private static final Pattern SESSION_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final URI base;
    private final byte[] audio;
    private final String mimeType;
    private final String reply;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private VoiceTurnLatencyBenchmark(URI base, byte[] audio, String mimeType, String reply) {
        this.base = base;
        this.audio = audio;
        this.mimeType = mimeType;
        this.reply = reply;
    }

    public static void main(String[] args) throws Exception {
        String base = "http://localhost:9080";
        String file = "src/test/resources/audio/speech1_16k.wav";
        String reply = "ttftMs=200 tokens=6 tokensPerSecond=50";
        int requests = 100;
        int warmup = 20;
        int concurrency = 1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--base" -> base = args[i + 1];
                case "--audio" -> file = args[i + 1];
                case "--reply" -> reply = args[i + 1];
                case "--requests" -> requests = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --base --audio --reply --requests --warmup --concurrency");
            }
        }
        if (!reply.matches("[A-Za-z0-9=._ -]+")) {
            throw new IllegalArgumentException("--reply takes letters, digits, '=', '.', '_', '-' and spaces");
        }
        if (requests < 1 || warmup < 0 || concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("--requests >= 1, --warmup >= 0, 1 <= --concurrency <= 64");
        }
        byte[] audio = Files.readAllBytes(Path.of(file));
        String mimeType = file.endsWith(".wav") ? "audio/wav" : "audio/ogg";
        VoiceTurnLatencyBenchmark benchmark = new VoiceTurnLatencyBenchmark(Options.loopbackBase("--base", base), audio, mimeType, reply);
        System.out.printf(Locale.ROOT, "%s%nVoice turn latency, %s, %s (%d bytes), reply [[emulator %s]], %d clients, %d warm-up + %d measured turns per phase, %d cores%n",
                TARGET, LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME), file, audio.length, reply, concurrency, warmup, requests,
                Runtime.getRuntime().availableProcessors());
        List<long[]> direct = benchmark.phase("direct", warmup, requests, concurrency);
        List<long[]> gateway = benchmark.phase("gateway", warmup, requests, concurrency);
        double d95 = percentile(direct, 0, 95);
        double g95 = percentile(gateway, 0, 95);
        System.out.printf(Locale.ROOT, "%-34s %9s %9s %9s %9s%n", "", "p50 ms", "p95 ms", "p99 ms", "max ms");
        row("DIRECT   first event", direct, 0);
        row("GATEWAY  first delta", gateway, 0);
        row("GATEWAY  audio event (speech URL)", gateway, 1);
        row("GATEWAY  done", gateway, 2);
        System.out.printf(Locale.ROOT, "ADDED    first words: p50 %+.2f ms, p95 %+.2f ms, p99 %+.2f ms%n",
                percentile(gateway, 0, 50) - percentile(direct, 0, 50), g95 - d95, percentile(gateway, 0, 99) - percentile(direct, 0, 99));
        System.out.printf(Locale.ROOT, "%s: %s (added p95 %.2f ms)%n", TARGET, g95 - d95 <= 50 ? "MET" : "NOT MET", g95 - d95);
    }

    private static void row(String name, List<long[]> samples, int column) {
        System.out.printf(Locale.ROOT, "%-34s %9.2f %9.2f %9.2f %9.2f%n", name, percentile(samples, column, 50),
                percentile(samples, column, 95), percentile(samples, column, 99), percentile(samples, column, 100));
    }

    /** Nearest-rank percentile of one column, in milliseconds. */
    static double percentile(List<long[]> samples, int column, double p) {
        List<Long> values = new ArrayList<>(samples.size());
        samples.forEach(s -> values.add(s[column]));
        Collections.sort(values);
        int rank = (int) Math.ceil(p / 100.0 * values.size());
        return values.get(Math.max(0, Math.min(values.size() - 1, rank - 1))) / 1_000_000.0;
    }

    /** Runs warm-up then measured turns; returns per measured turn [first, audio, done] in nanoseconds. */
    private List<long[]> phase(String name, int warmup, int requests, int concurrency) throws InterruptedException {
        AtomicInteger left = new AtomicInteger(warmup + requests);
        List<long[]> samples = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            Thread client = new Thread(() -> {
                for (int n = left.getAndDecrement(); n > 0; n = left.getAndDecrement()) {
                    try {
                        long[] sample = "direct".equals(name) ? direct() : gateway();
                        if (n <= requests) {
                            samples.add(sample);
                        }
                    } catch (IOException | RuntimeException e) {
                        failures.add(e.toString());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "p5-" + name + "-" + c);
            client.start();
            clients.add(client);
        }
        for (Thread client : clients) {
            client.join();
        }
        if (!failures.isEmpty()) {
            System.out.printf("%s: %d failed turns, first: %s%n", name, failures.size(), failures.get(0));
        }
        if (samples.isEmpty()) {
            throw new IllegalStateException(name + ": no turn succeeded");
        }
        return samples;
    }

    private long[] direct() throws IOException, InterruptedException {
        String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"inlineData\":{\"mimeType\":\"" + mimeType + "\",\"data\":\""
                + Base64.getEncoder().encodeToString(audio) + "\"}},{\"text\":\"[[emulator " + reply + "]]\"}]}]}";
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/gemini-emulator/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"))
                .header("Content-Type", "application/json").header("x-goog-api-key", "benchmark")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                throw new IOException("direct: HTTP " + response.statusCode());
            }
            long first = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (first == 0 && line.startsWith("data:")) {
                    first = System.nanoTime() - start;
                }
            }
            long end = System.nanoTime() - start;
            return new long[] {first, end, end};
        }
    }

    private long[] gateway() throws IOException, InterruptedException {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/sessions"))
                .header("Authorization", "Bearer dev-user-key").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"templateId\":\"assistant\"}")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = SESSION_ID.matcher(created.body());
        if (created.statusCode() != 201 || !id.find()) {
            throw new IOException("session not created: HTTP " + created.statusCode());
        }
        String text = URLEncoder.encode("[[emulator " + reply + "]]", StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/sessions/" + id.group(1) + "/utterances?text=" + text))
                .header("Authorization", "Bearer dev-user-key").header("Content-Type", mimeType).header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(audio)).timeout(Duration.ofSeconds(60)).build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                throw new IOException("gateway: HTTP " + response.statusCode());
            }
            long first = 0;
            long audioEvent = 0;
            String last = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event:")) {
                    last = line.substring(6).trim();
                    if (first == 0 && "delta".equals(last)) {
                        first = System.nanoTime() - start;
                    } else if ("audio".equals(last)) {
                        audioEvent = System.nanoTime() - start;
                    }
                }
            }
            if (!"done".equals(last) || first == 0) {
                throw new IOException("gateway: the turn ended with " + last);
            }
            return new long[] {first, audioEvent, System.nanoTime() - start};
        }
    }
}
