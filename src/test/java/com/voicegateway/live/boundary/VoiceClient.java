package com.voicegateway.live.boundary;

import com.voicegateway.GatewayHttp;
import com.voicegateway.audio.control.OpusEncoderStream;
import com.voicegateway.audio.entity.OpusSettings;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An independent live voice client for the tests: the JDK's WebSocket, real Opus (Concentus) made
 * from the test recordings, sent at real-time pace, and everything the gateway sends kept in
 * arrival order with its arrival time.
 */
final class VoiceClient implements AutoCloseable {

    /** What arrived: a text frame (JSON) or a binary one (an Opus packet), with when. */
    record Received(JsonObject json, byte[] opus, long nanos) {
        boolean audio() {
            return opus != null;
        }

        String type() {
            return json == null ? "audio" : json.getString("type");
        }
    }

    record Closed(int code, String reason) {
    }

    static final int RATE = 16_000;

    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final WebSocket socket;
    private final int rate;
    private final OpusEncoderStream encoder;
    private final boolean reading;

    private VoiceClient(URI uri, String key, boolean reading, int rate) {
        this.reading = reading;
        this.rate = rate;
        this.encoder = new OpusEncoderStream(rate, OpusSettings.voice().withFrameMillis(20));
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        socket = builder.buildAsync(uri, new Listener()).join();
    }

    static URI uri(String session) {
        String base = System.getProperty("gateway.url", "http://localhost:19080").replaceFirst("^http", "ws");
        return URI.create(base + "/ws/v1/sessions/" + session + "/voice");
    }

    static VoiceClient connect(String session, String key) {
        return new VoiceClient(uri(session), key, true, RATE);
    }

    /** A client that never reads what the gateway sends after the first frames. */
    static VoiceClient notReading(String session, String key) {
        return new VoiceClient(uri(session), key, false, RATE);
    }

    /** Connects, sends {@code start} and waits for {@code ready}. */
    static VoiceClient started(String session) throws Exception {
        return started(session, RATE);
    }

    /** Connects, declares the client's sample rate (16 or 48 kHz) in {@code start} and waits for {@code ready}. */
    static VoiceClient started(String session, int rate) throws Exception {
        VoiceClient client = new VoiceClient(uri(session), GatewayHttp.USER_KEY, true, rate);
        client.text("{\"type\":\"start\",\"sampleRate\":" + rate + "}");
        JsonObject ready = client.nextText(Duration.ofSeconds(10));
        if (!"ready".equals(ready.getString("type"))) {
            throw new AssertionError("expected ready, got " + ready);
        }
        client.ready = ready;
        return client;
    }

    JsonObject ready;

    void text(String json) {
        socket.sendText(json, true).join();
    }

    void binary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    /** Sends the PCM (at the client's rate) as 20 ms Opus packets, one every 20 ms (by absolute time, so the pace does not drift). */
    void speak(short[] pcm) throws InterruptedException {
        int frame = rate / 50;
        long start = System.nanoTime();
        int frames = pcm.length / frame;
        for (int i = 0; i < frames; i++) {
            long due = start + i * 20_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            for (byte[] packet : encoder.encode(pcm, i * frame, frame)) {
                binary(packet);
            }
        }
    }

    /** Speech, then enough silence for the end of speech to be heard. */
    void sayAndPause(short[] speech, int silenceMs) throws InterruptedException {
        speak(speech);
        speak(new short[rate * silenceMs / 1000]);
    }

    /** The next text frame, skipping audio; fails after {@code within}. */
    JsonObject nextText(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Received next = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("no text frame within " + within + (closed.isDone() ? "; closed " + closed.join() : ""));
            }
            if (!next.audio()) {
                return next.json();
            }
        }
    }

    /** Everything up to and including the first text frame of {@code type}; fails after {@code within}. */
    List<Received> until(String type, Duration within) throws InterruptedException {
        List<Received> seen = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Received next = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("no " + type + " within " + within + " after " + summary(seen)
                        + (closed.isDone() ? "; closed " + closed.join() : ""));
            }
            seen.add(next);
            if (type.equals(next.type())) {
                return seen;
            }
        }
    }

    /** What arrives within {@code window}. */
    List<Received> during(Duration window) throws InterruptedException {
        List<Received> seen = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return seen;
            }
            Received next = received.poll(left, TimeUnit.NANOSECONDS);
            if (next != null) {
                seen.add(next);
            }
        }
    }

    Closed awaitClose(Duration within) throws Exception {
        return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    static String summary(List<Received> frames) {
        StringBuilder text = new StringBuilder();
        int audio = 0;
        for (Received frame : frames) {
            if (frame.audio()) {
                audio++;
            } else {
                if (audio > 0) {
                    text.append('[').append(audio).append(" audio] ");
                    audio = 0;
                }
                text.append(frame.json()).append(' ');
            }
        }
        return audio > 0 ? text + "[" + audio + " audio]" : text.toString();
    }

    /** The emulator's voice: the 24 kHz recording it speaks from, whole. */
    static short[] recording24k() {
        return read("speech1_24k.wav", 0, Integer.MAX_VALUE, 24_000);
    }

    static short[] recording(String name, int fromMs, int toMs) {
        return read(name, fromMs, toMs, RATE);
    }

    /** A recording made at {@code rate}, {@code fromMs} to {@code toMs}. */
    static short[] recording(String name, int fromMs, int toMs, int rate) {
        return read(name, fromMs, toMs, rate);
    }

    /** A mono PCM16 recording from the test resources, {@code fromMs} to {@code toMs}. */
    private static short[] read(String name, int fromMs, int toMs, int rate) {
        try (InputStream in = VoiceClient.class.getResourceAsStream("/audio/" + name)) {
            byte[] wav = in.readAllBytes();
            int data = 12;
            while (!new String(wav, data, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("data")) {
                data += 8 + ByteBuffer.wrap(wav, data + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            }
            short[] all = new short[(wav.length - data - 8) / 2];
            ByteBuffer.wrap(wav, data + 8, all.length * 2).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(all);
            int from = (int) ((long) fromMs * rate / 1000);
            int to = (int) Math.min(all.length, (long) toMs * rate / 1000);
            return Arrays.copyOfRange(all, from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(failed -> null);
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private StringBuilder text = new StringBuilder();
        private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
        private int requested;

        @Override
        public void onOpen(WebSocket webSocket) {
            more(webSocket);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(new Received(GatewayHttp.json(text.toString()), null, System.nanoTime()));
                text = new StringBuilder();
            }
            more(webSocket);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                received.add(new Received(null, binary.toByteArray(), System.nanoTime()));
                binary = new java.io.ByteArrayOutputStream();
            }
            more(webSocket);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(1006, String.valueOf(error)));
        }

        private void more(WebSocket webSocket) {
            if (reading || requested++ < 3) {
                webSocket.request(1);
            }
        }
    }
}
