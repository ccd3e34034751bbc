package com.voicegateway;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Test fixture: talks to the integration-test server (started by the build around
 * integration-test) over real HTTP, and reads streamed replies event by event with arrival times.
 */
public final class GatewayHttp {

    public static final String USER_KEY = "dev-user-key";
    public static final String ADMIN_KEY = "dev-admin-key";

    private final URI base = URI.create(System.getProperty("gateway.url", "http://localhost:19080"));
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public static String nonce() {
        return "n" + UUID.randomUUID().toString().replace("-", "");
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path, String key) {
        HttpRequest.Builder request = request(path).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request.build());
    }

    /** POST /api/v1/completions with the user key, asking for {@code accept}. */
    public HttpResponse<String> complete(String input, String accept) {
        return send(completion(input, accept).build());
    }

    public HttpRequest.Builder completion(String input, String accept) {
        return request("/api/v1/completions")
                .header("Authorization", "Bearer " + USER_KEY)
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("input", input).build().toString()));
    }

    /** Opens a streamed reply; the caller reads it event by event and closes it. */
    public Streamed stream(HttpRequest request) {
        try {
            long sent = System.nanoTime();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            return new Streamed(response, sent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the emulator received for requests containing {@code marker}: [count, cancelled]. */
    public long[] emulatorRequests(String marker, String model) {
        HttpResponse<String> response = get("/gemini-emulator/requests?contains=" + marker + (model == null ? "" : "&model=" + model), null);
        JsonObject tally = json(response.body());
        return new long[] {tally.getJsonNumber("count").longValue(), tally.getJsonNumber("cancelled").longValue()};
    }

    public static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** Polls until the condition holds or the deadline passes; returns whether it held. */
    public static boolean eventually(Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    /** The server's audio spool folder (gateway.audio.temp-dir of the test server). */
    public static final java.nio.file.Path AUDIO_SPOOL = java.nio.file.Path.of(System.getProperty("it.audio.temp-dir", "target/it-audio-tmp"));

    /**
     * Whether the server's audio spool folder is empty within a few seconds (a request's files are
     * deleted as it ends, which may be just after the client has its answer).
     */
    public static boolean audioSpoolEmpties() {
        return eventually(Duration.ofSeconds(5), () -> {
            if (!java.nio.file.Files.isDirectory(AUDIO_SPOOL)) {
                // the server creates it with its first upload
                return true;
            }
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(AUDIO_SPOOL)) {
                return files.findAny().isEmpty();
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** One event of a reply: SSE {@code event:}/{@code data:} or an NDJSON line's {@code type}. */
    public record Event(String name, JsonObject data, long millisAfterSend) {
    }

    /** A streamed reply being read. */
    public static final class Streamed implements AutoCloseable {
        private final HttpResponse<InputStream> response;
        private final BufferedReader reader;
        private final long sentNanos;

        Streamed(HttpResponse<InputStream> response, long sentNanos) {
            this.response = response;
            this.reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
            this.sentNanos = sentNanos;
        }

        public int status() {
            return response.statusCode();
        }

        public HttpResponse<InputStream> response() {
            return response;
        }

        /** The next SSE event, or null at the end of the stream. */
        public Event nextSse() {
            String name = "message";
            String data = null;
            try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.isEmpty()) {
                        if (data != null) {
                            return new Event(name, json(data), elapsed());
                        }
                        continue;
                    }
                    if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data = line.substring(5).trim();
                    }
                }
                return data == null ? null : new Event(name, json(data), elapsed());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The next NDJSON line as an event named by its {@code type}, or null at the end. */
        public Event nextNdjson() {
            try {
                String line = reader.readLine();
                if (line == null) {
                    return null;
                }
                JsonObject object = json(line);
                return new Event(object.getString("type"), object, elapsed());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public List<Event> restSse() {
            List<Event> events = new ArrayList<>();
            for (Event event = nextSse(); event != null; event = nextSse()) {
                events.add(event);
            }
            return events;
        }

        public String restText() {
            StringBuilder text = new StringBuilder();
            try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    text.append(line).append('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return text.toString();
        }

        private long elapsed() {
            return (System.nanoTime() - sentNanos) / 1_000_000;
        }

        @Override
        public void close() {
            try {
                response.body().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
