package com.voicegateway.perf;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusPacketInfo;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One emulated caller on the gateway's live-voice WebSocket: creates a session, sends {@code start}, waits for
 * {@code ready}, then is handed one 20 ms packet per tick by the benchmark's single ticker (speech, then 3.5-5 s of
 * silence, repeated), and times what comes back.
 *
 * <p>Threads: {@link #tick()} runs on the ticker thread only; the listener callbacks run on the HttpClient's
 * threads, one at a time per socket. What both touch (the end of the user's speech, the reply in progress, the
 * counts) is guarded by {@code this}.
 */
final class LiveSession implements WebSocket.Listener {

    static final long FRAME_NANOS = 20_000_000L;
    static final long GAP_LIMIT_NANOS = 25_000_000L;
    /** A gap above this lost at least one 20 ms frame: (gap / 20 ms) - 1, rounded, frames are counted as underrun. */
    static final long UNDERRUN_NANOS = 30_000_000L;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern SESSION_ID = Pattern.compile("\"id\"\\s*:\\s*\"([A-Za-z0-9._~-]+)\"");
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([A-Za-z_]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*(\\d+)");
    private static final Pattern TITLE = Pattern.compile("\"title\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.){0,80})");
    /** Output room for the longest Opus packet (120 ms) at 48 kHz. */
    private static final int MAX_DECODED_SAMPLES = 5760;
    /** Concentus 1.0.2 decodes hybrid packets to silence below 48 kHz output. */
    private static final int DECODE_RATE = 48_000;
    private static final int SAMPLES_PER_FRAME_48K = DECODE_RATE / 50;

    enum State { IDLE, OPENING, STREAMING, STOPPING, DONE }

    private final int index;
    private final List<LiveSpeech.Turn> turns;
    private final Random random;
    private final long windowStart;
    private final long windowEnd;
    private final OpusDecoder decoder;
    private final short[] decoded;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    // ticker thread only (read by others only after the ticker has terminated)
    private int turnIndex;
    private LiveSpeech.Turn turn;
    private int position;
    private int silenceFrames;
    private long sendBacklog;

    private volatile State state = State.IDLE;
    private volatile WebSocket socket;
    private volatile CompletableFuture<WebSocket> sendTail;

    // listener threads only, one at a time
    private final ByteArrayOutputStream binaryParts = new ByteArrayOutputStream();
    private final StringBuilder textParts = new StringBuilder();

    // guarded by this
    private final LiveCounts counts = new LiveCounts();
    private long pendingEndOfSpeech;
    private boolean pendingCounted;
    private boolean inReply;
    private boolean replyCounted;
    private long lastFrame;
    private boolean sawErrorFrame;

    LiveSession(int index, List<LiveSpeech.Turn> turns, long windowStart, long windowEnd, boolean decode) {
        this.index = index;
        this.turns = turns;
        this.random = new Random(index);
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.decoder = decode ? newDecoder() : null;
        this.decoded = decode ? new short[MAX_DECODED_SAMPLES] : null;
        // Sessions start at different utterances so that the server does not hear 200 identical callers in step.
        this.turnIndex = index % turns.size();
        startTurn();
    }

    private static OpusDecoder newDecoder() {
        try {
            return new OpusDecoder(DECODE_RATE, 1);
        } catch (OpusException e) {
            throw new IllegalStateException("Opus decoder: " + e.getMessage(), e);
        }
    }

    /** Creates the session over HTTP and opens its socket; {@code ready} then arrives in {@link #onText}. */
    void open(HttpClient http, URI base, String key, String template) {
        state = State.OPENING;
        HttpRequest create = HttpRequest.newBuilder(base.resolve("/api/v1/sessions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .header("Accept", "application/json").timeout(CONNECT_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString("{\"templateId\": \"" + template + "\"}")).build();
        http.sendAsync(create, HttpResponse.BodyHandlers.ofString())
                .thenCompose(response -> {
                    Matcher id = SESSION_ID.matcher(response.body());
                    if (response.statusCode() != 201 || !id.find()) {
                        throw new CompletionException(new OpenFailure("create session: HTTP " + response.statusCode()
                                + title(response.body())));
                    }
                    URI voice = URI.create("ws://" + base.getRawAuthority() + "/ws/v1/sessions/" + id.group(1) + "/voice");
                    return http.newWebSocketBuilder().header("Authorization", "Bearer " + key)
                            .connectTimeout(CONNECT_TIMEOUT).buildAsync(voice, this);
                })
                .whenComplete((webSocket, failure) -> {
                    if (failure != null) {
                        fail(openFailure(failure));
                    }
                });
    }

    /** Gives up on a session still waiting for {@code ready}. */
    void readyDeadline(Duration waited) {
        if (state == State.OPENING) {
            fail("no 'ready' within " + waited.toSeconds() + " s of opening");
        }
    }

    boolean streaming() {
        return state == State.STREAMING;
    }

    synchronized boolean measuredReplyInProgress() {
        return inReply && replyCounted && state == State.STREAMING;
    }

    /** The next 20 ms packet of this caller, if it is streaming. Ticker thread only. */
    void tick() {
        if (state != State.STREAMING) {
            return;
        }
        CompletableFuture<WebSocket> tail = sendTail;
        if (tail.isCompletedExceptionally()) {
            fail("send failed: " + describe(tail.handle((ws, e) -> e).join()));
            return;
        }
        if (!tail.isDone()) {
            sendBacklog++;
        }
        byte[][] speech = turn.speech();
        byte[] packet;
        boolean lastSpeech = false;
        if (position < speech.length) {
            packet = speech[position];
            lastSpeech = position == speech.length - 1;
        } else {
            packet = turn.silence()[position - speech.length];
        }
        position++;
        if (position == speech.length + silenceFrames) {
            turnIndex = (turnIndex + 1) % turns.size();
            startTurn();
        }
        boolean endsSpeech = lastSpeech;
        sendTail = tail.thenCompose(ws -> {
            if (endsSpeech) {
                endOfSpeech(System.nanoTime());
            }
            // Read-only: the packets are shared by every session.
            return ws.sendBinary(ByteBuffer.wrap(packet).asReadOnlyBuffer(), true);
        });
    }

    private void startTurn() {
        turn = turns.get(turnIndex);
        position = 0;
        silenceFrames = LiveSpeech.MIN_SILENCE_FRAMES
                + random.nextInt(LiveSpeech.MAX_SILENCE_FRAMES - LiveSpeech.MIN_SILENCE_FRAMES + 1);
    }

    /** Sends {@code stop}, then a 1000 close; completes when the server has closed too (or the socket failed). */
    CompletableFuture<Void> stop() {
        WebSocket ws;
        synchronized (this) {
            if (state == State.DONE || state == State.STOPPING) {
                return closed;
            }
            ws = socket;
            if (ws == null) {
                fail("still opening when the run ended");
                return closed;
            }
            state = State.STOPPING;
        }
        CompletableFuture<WebSocket> tail = sendTail == null ? CompletableFuture.completedFuture(ws) : sendTail;
        tail.exceptionally(e -> ws)
                .thenCompose(w -> w.sendText("{\"type\":\"stop\"}", true))
                .thenCompose(w -> w.sendClose(WebSocket.NORMAL_CLOSURE, "benchmark done"))
                .whenComplete((w, e) -> {
                    if (e != null) {
                        ws.abort();
                        closed.complete(null);
                    }
                });
        return closed;
    }

    /** Drops the connection at once (a stop that got no answer). */
    void abort() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        synchronized (this) {
            state = State.DONE;
        }
        closed.complete(null);
    }

    /** A bug of the benchmark itself while handling this session: counted as a failed session, never hidden. */
    void clientFailure(RuntimeException e) {
        fail("client error: " + describe(e));
    }

    /** This session's counts, the unfinished reply included; call after it has been stopped. */
    synchronized LiveCounts counts() {
        if (inReply && replyCounted) {
            counts.repliesUnfinished++;
            inReply = false;
        }
        counts.sendBacklog = sendBacklog;
        counts.sessionsWithErrorFrames = sawErrorFrame ? 1 : 0;
        return counts;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        boolean abandoned;
        synchronized (this) {
            socket = webSocket;
            abandoned = state == State.DONE;
        }
        if (abandoned) {
            // Given up on (no 'ready' in time, or the run ended) while the handshake was still under way.
            webSocket.abort();
            return;
        }
        sendTail = webSocket.sendText("{\"type\":\"start\",\"sampleRate\":" + LiveSpeech.SAMPLE_RATE + "}", true);
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        textParts.append(data);
        if (last) {
            String message = textParts.toString();
            textParts.setLength(0);
            control(message, System.nanoTime());
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        long now = System.nanoTime();
        byte[] packet;
        if (last && binaryParts.size() == 0) {
            packet = new byte[data.remaining()];
            data.get(packet);
        } else {
            byte[] part = new byte[data.remaining()];
            data.get(part);
            binaryParts.writeBytes(part);
            packet = null;
            if (last) {
                packet = binaryParts.toByteArray();
                binaryParts.reset();
            }
        }
        if (packet != null) {
            replyFrame(packet, now);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        boolean early;
        synchronized (this) {
            early = state != State.STOPPING;
            if (!early) {
                if (statusCode != WebSocket.NORMAL_CLOSURE) {
                    counts.problem("closed after stop with " + closeCode(statusCode) + " (not a failure)");
                }
                state = State.DONE;
            }
        }
        if (early) {
            fail("closed early by the server: " + closeCode(statusCode));
        }
        closed.complete(null);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        fail("WebSocket error: " + describe(error));
        closed.complete(null);
    }

    private void control(String message, long now) {
        Matcher type = TYPE.matcher(message);
        String kind = type.find() ? type.group(1) : "";
        synchronized (this) {
            switch (kind) {
                case "ready" -> {
                    if (state == State.OPENING) {
                        state = State.STREAMING;
                        counts.sessionsReady++;
                    }
                }
                case "turn_complete" -> endReply(false);
                case "interrupted" -> endReply(true);
                case "reconnecting" -> counts.reconnecting++;
                case "resumed" -> counts.resumed++;
                case "error" -> {
                    Matcher status = STATUS.matcher(message);
                    sawErrorFrame = true;
                    counts.problem("error frame: " + (status.find() ? status.group(1) : "?") + title(message));
                }
                case "transcript" -> {
                    // Text only; the benchmark times audio.
                }
                default -> counts.problem("unknown text frame type '" + kind + "'");
            }
        }
    }

    private synchronized void endOfSpeech(long now) {
        if (pendingEndOfSpeech != 0 && !inReply && pendingCounted) {
            counts.turnsWithoutAudio++;
        }
        pendingEndOfSpeech = now;
        pendingCounted = inWindow(now);
        if (pendingCounted) {
            counts.userTurns++;
        }
    }

    private void endReply(boolean interruption) {
        if (inReply) {
            if (replyCounted) {
                if (interruption) {
                    counts.interrupted++;
                } else {
                    counts.turnCompletes++;
                }
            }
            inReply = false;
        } else if (pendingEndOfSpeech != 0) {
            if (pendingCounted) {
                counts.turnsWithoutAudio++;
            }
            pendingEndOfSpeech = 0;
        }
    }

    private void replyFrame(byte[] packet, long now) {
        boolean counted;
        synchronized (this) {
            if (!inReply) {
                inReply = true;
                replyCounted = inWindow(now);
                if (replyCounted) {
                    counts.replies++;
                    if (pendingEndOfSpeech != 0) {
                        counts.replyLatency.add(now - pendingEndOfSpeech);
                    } else {
                        counts.repliesWithoutTurn++;
                    }
                }
                pendingEndOfSpeech = 0;
            } else if (replyCounted) {
                counts.frameGap(now - lastFrame);
            }
            lastFrame = now;
            counted = replyCounted;
            if (counted) {
                counts.replyFrames++;
            }
        }
        check(packet, counted);
    }

    /** Parses every packet (cheap) and, in decoding sessions, decodes it; the decoder's state needs every packet. */
    private void check(byte[] packet, boolean counted) {
        boolean malformed = false;
        boolean notTwentyMs = false;
        try {
            int samples = OpusPacketInfo.getNumSamples(packet, 0, packet.length, DECODE_RATE);
            malformed = samples <= 0;
            notTwentyMs = !malformed && samples != SAMPLES_PER_FRAME_48K;
        } catch (RuntimeException e) {
            malformed = true;
        }
        boolean decodeFailed = false;
        double squares = 0;
        int samples = 0;
        if (decoder != null) {
            try {
                samples = decoder.decode(packet, 0, packet.length, decoded, 0, MAX_DECODED_SAMPLES, false);
                for (int i = 0; i < samples; i++) {
                    squares += (double) decoded[i] * decoded[i];
                }
            } catch (OpusException | RuntimeException e) {
                decodeFailed = true;
            }
        }
        if (!counted) {
            return;
        }
        synchronized (this) {
            if (malformed) {
                counts.malformedPackets++;
            }
            if (notTwentyMs) {
                counts.notTwentyMsPackets++;
            }
            if (decodeFailed) {
                counts.decodeFailures++;
            }
            if (malformed || decodeFailed) {
                counts.badPackets++;
            }
            if (decoder != null && !decodeFailed) {
                counts.decodedPackets++;
                counts.decodedSquares += squares;
                counts.decodedSamples += samples;
            }
        }
    }

    private boolean inWindow(long nanos) {
        return nanos >= windowStart && nanos < windowEnd;
    }

    /** Ends the session as a failure, once; a session already stopping or done is left alone. */
    private void fail(String kind) {
        WebSocket ws;
        synchronized (this) {
            if (state == State.DONE || state == State.STOPPING) {
                return;
            }
            state = State.DONE;
            counts.sessionsFailed++;
            counts.problem(kind);
            ws = socket;
        }
        if (ws != null) {
            ws.abort();
        }
        closed.complete(null);
    }

    private static String openFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof OpenFailure) {
            return cause.getMessage();
        }
        if (cause instanceof WebSocketHandshakeException handshake) {
            HttpResponse<?> response = handshake.getResponse();
            return "WebSocket handshake: HTTP " + response.statusCode()
                    + (response.body() instanceof String body ? title(body) : "")
                    + (response.statusCode() == 101 ? " refused by the client: "
                            + describe(handshake.getCause() == null ? handshake : handshake.getCause()) : "");
        }
        return "open: " + describe(cause);
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    private static String title(String body) {
        Matcher title = TITLE.matcher(body == null ? "" : body);
        return title.find() ? " " + title.group(1) : "";
    }

    static String closeCode(int code) {
        return code + switch (code) {
            case 1000 -> " normal";
            case 1001 -> " going away";
            case 1006 -> " abnormal (no close frame)";
            case 1007 -> " bad audio";
            case 1008 -> " policy/auth";
            case 1009 -> " too big";
            case 1011 -> " internal error";
            default -> "";
        };
    }

    @Override
    public String toString() {
        return "live session " + index + " (" + state + ")";
    }

    /** The server refused to create the session: reported as it is, without a stack trace. */
    private static final class OpenFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OpenFailure(String message) {
            super(message, null, false, false);
        }
    }
}
