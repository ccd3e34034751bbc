package com.voicegateway.live.control;

import com.google.genai.types.Blob;
import com.google.genai.types.LiveServerContent;
import com.google.genai.types.LiveServerMessage;
import com.google.genai.types.LiveServerSessionResumptionUpdate;
import com.google.genai.types.Part;
import com.google.genai.types.Transcription;
import com.voicegateway.audio.control.OpusDecoderStream;
import com.voicegateway.audio.entity.MessageAudio;
import com.voicegateway.live.entity.LiveSettings;
import com.voicegateway.live.entity.VoiceControl;
import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.relay.boundary.ReplyJson;
import com.voicegateway.problems.entity.Problem;
import com.voicegateway.problems.entity.ProblemType;
import io.github.jaredmdobson.concentus.OpusPacketInfo;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One live voice conversation: the client's socket on one side, a Gemini Live connection (replaced
 * as often as needed) on the other.
 *
 * <p>Client audio: each Opus packet is checked (a valid 20 ms packet), decoded to 16 kHz PCM, watched
 * for speech ({@link SpeechGate}: barge-in, end of speech) and sent upstream in chunks of
 * {@code upstream-chunk-ms}. Every chunk sent since the newest resumable handle is kept (of silence,
 * only the last second), since the Gemini API has no transparent resumption: a replacement
 * connection gets it replayed.
 *
 * <p>Reply audio: 24 kHz PCM from the upstream is encoded into 20 ms Opus packets as it arrives and
 * played out from a jitter buffer ({@link Playout}) one packet per 20 ms tick; transcripts and turn
 * events go out as JSON text frames in order with the audio ({@code turn_complete} after the last
 * packet). Barge-in (the client's {@code interrupt}, its speech over a reply, the upstream's
 * {@code interrupted}, even after {@code turnComplete}) drops the queued audio at once.
 *
 * <p>Resumption: on {@code goAway} and at the connection cap the relay waits for a point where no
 * reply is being generated (or the deadline before the close), opens a new connection with the
 * newest handle, replays the unacknowledged audio and swaps, while the client's socket stays open;
 * the answer the replay makes the model generate again is dropped, so nobody hears it twice. An
 * unexpected close or a stalled turn does the same at once, announced by {@code reconnecting} and
 * {@code resumed}; attempts are bounded and end in an {@code error}.
 *
 * <p>Every method that touches the state holds this relay's lock; Opus decoding runs on the client's
 * socket thread before it. Nothing here blocks on a socket.
 */
public final class VoiceRelay implements LiveUpstream.Listener, ClientFrames.Failure {

    private static final Logger LOG = Logger.getLogger(VoiceRelay.class.getName());
    static final int INPUT_RATE = 16_000;
    static final int OUTPUT_RATE = 24_000;
    private static final int OUTPUT_FRAME = OUTPUT_RATE / 50;
    private static final long WATCHDOG_MS = 100;
    /** How long queued control frames may take to go out before the client's socket closes anyway. */
    private static final long CLOSE_GRACE_MS = 1_000;
    private static final long CAP_TIME_LEFT_MS = 60_000;
    /** A connection that lived this long had worked: its failure does not count against the attempts before it. */
    private static final long STABLE_MS = 5_000;
    /** The silence kept for a replay while nothing audible was said since the newest handle. */
    private static final long REPLAY_LEAD_IN_MS = 1_000;

    private enum Phase { AWAITING_START, CONNECTING, LIVE, CLOSED }

    private final VoiceRelays home;
    private final LiveSettings settings;
    private final LiveMetrics metrics;
    private final String sessionId;
    private final String owner;
    private final ClientSocket socket;
    private final ClientFrames out;
    private final Playout playout;
    private final SpeechGate gate;
    private final String instruction;

    // client input, on the socket's thread
    private OpusDecoderStream decoder;
    private final byte[] batch;
    private int batched;
    private long batchFirstNanos;

    private Phase phase = Phase.AWAITING_START;
    private Optional<String> voice = Optional.empty();
    private Optional<String> handle = Optional.empty();
    /** Written under the lock; read without it only to choose whether an upstream message's audio is encoded. */
    private volatile LiveUpstream current;
    private LiveUpstream pending;
    private long pendingSinceNanos;
    private int attempts;
    private boolean announced;
    private boolean resumedFromStore;
    private boolean draining;
    /** Completed when the upstream may be read again; null while it is read freely. */
    private CompletableFuture<Void> upstreamHeld;
    private String switchCause;
    private boolean suppressOnPromote;
    private final ArrayDeque<byte[]> unacked = new ArrayDeque<>();
    private long unackedBytes;
    /** Whether anything above silence was sent since the newest handle: until then only a lead-in is kept for a replay. */
    private boolean unackedAudible;
    private boolean batchAudible;
    private boolean answeredSinceHandle;
    private ScheduledFuture<?> ticker;
    private ScheduledFuture<?> watchdog;
    private ScheduledFuture<?> drainDeadline;
    private ScheduledFuture<?> capTimer;

    // the turn
    private final StringBuilder userText = new StringBuilder();
    private final StringBuilder modelText = new StringBuilder();
    private boolean userFinalSent;
    private long userAudioMs;
    private long userAudioBytes;
    private long replySamples;
    private long replyBytes;
    private int replyPeakRms;
    private boolean silentChecked;
    private long awaitingSinceNanos;
    private long speechEndedNanos;
    private boolean firstFrameSent;
    private boolean replyInProgress;
    private boolean turnHasContent;
    private boolean discard;
    private boolean suppress;
    private long suppressSinceNanos;
    private boolean stallRetried;
    /** Used outside the lock, on the upstream's thread; see {@link ReplyEncoder}. */
    private final ReplyEncoder replyEncoder;

    VoiceRelay(VoiceRelays home, String sessionId, String owner, String instruction, ClientSocket socket) {
        this.home = home;
        this.settings = home.settings();
        this.replyEncoder = new ReplyEncoder(OUTPUT_RATE, settings.replyOpus());
        this.metrics = home.metrics();
        this.sessionId = sessionId;
        this.owner = owner;
        this.instruction = instruction;
        this.socket = socket;
        this.out = new ClientFrames(socket, settings.maxQueuedFrames(), settings.maxQueuedBytes(), this, metrics);
        this.playout = new Playout(settings.jitterMs() / 20, settings.maxBufferedFrames(), settings.maxBufferedBytes());
        this.gate = new SpeechGate(settings.speechRms(), settings.bargeInMs(), settings.endOfSpeechMs());
        this.batch = new byte[INPUT_RATE / 1000 * settings.upstreamChunkMs() * 2];
    }

    String sessionId() {
        return sessionId;
    }

    // --- client control

    public synchronized void control(VoiceControl control) {
        if (phase == Phase.CLOSED) {
            return;
        }
        if (control instanceof VoiceControl.Invalid invalid) {
            error(invalid.problem());
        } else if (control instanceof VoiceControl.Start start) {
            start(start);
        } else if (phase == Phase.AWAITING_START) {
            error(notStarted());
        } else if (control instanceof VoiceControl.EndOfTurn) {
            endOfTurn();
        } else if (control instanceof VoiceControl.Interrupt) {
            bargeIn("client");
        } else if (control instanceof VoiceControl.Stop) {
            recordUnfinished();
            close();
            closeBehindErrors(1000, "stopped");
        }
    }

    private void start(VoiceControl.Start start) {
        if (phase != Phase.AWAITING_START) {
            error(GatewayException.badRequest("type", "start was already sent on this socket").problem());
            return;
        }
        decoder = new OpusDecoderStream(start.sampleRate(), INPUT_RATE);
        voice = start.voice().or(settings::voice);
        try {
            handle = home.handles().find(sessionId, Duration.ofSeconds(settings.resumptionWindowSeconds()));
        } catch (RuntimeException unreadable) {
            LOG.log(Level.INFO, "No resumption handle for session {0}: {1}", new Object[] {sessionId, unreadable.toString()});
        }
        resumedFromStore = handle.isPresent();
        phase = Phase.CONNECTING;
        watchdog = home.pacer().scheduleWithFixedDelay(this::watch, WATCHDOG_MS, WATCHDOG_MS, TimeUnit.MILLISECONDS);
        dial();
    }

    private void endOfTurn() {
        flushBatch();
        if (current != null && pending == null) {
            current.send(LiveDialer.audioStreamEnd());
        }
        gate.reset();
        awaitTurn(System.nanoTime());
    }

    // --- client audio

    /** One binary frame: an Opus packet of 20 ms. Decoded here, on the socket's thread, outside the lock. */
    public void audio(byte[] packet, long arrivedNanos) {
        OpusDecoderStream opus;
        synchronized (this) {
            if (phase == Phase.CLOSED) {
                return;
            }
            if (phase == Phase.AWAITING_START) {
                error(notStarted());
                return;
            }
            opus = decoder;
        }
        short[] pcm;
        long began = System.nanoTime();
        try {
            int samples = OpusPacketInfo.getNumSamples(packet, 0, packet.length, 48_000);
            if (samples != 960) {
                throw new IllegalArgumentException(samples < 0 ? "not an Opus packet" : "an Opus packet of " + samples / 48 + " ms");
            }
            OpusPacketInfo.parseOpusPacket(packet, 0, packet.length);
            pcm = opus.decode(packet);
        } catch (Exception notOpus) {
            invalidAudio("A binary frame must be one Opus packet of 20 ms, mono (" + packet.length + " bytes: "
                    + notOpus.getMessage() + ")");
            return;
        }
        metrics.codec("decode", System.nanoTime() - began);
        synchronized (this) {
            if (phase == Phase.CLOSED) {
                return;
            }
            userAudioMs += 20;
            userAudioBytes += packet.length;
            batchAudible |= SpeechGate.rms(pcm, 0, pcm.length) >= settings.silenceRms();
            SpeechGate.Event event = gate.feed(pcm, arrivedNanos);
            if (event == SpeechGate.Event.STARTED) {
                if (playout.active() || replyInProgress) {
                    bargeIn("speech");
                }
            } else if (event == SpeechGate.Event.ENDED) {
                awaitTurn(gate.lastLoudNanos());
            }
            append(pcm, arrivedNanos);
        }
    }

    private void append(short[] pcm, long arrivedNanos) {
        for (short sample : pcm) {
            if (batched == 0) {
                batchFirstNanos = arrivedNanos;
            }
            batch[batched++] = (byte) sample;
            batch[batched++] = (byte) (sample >> 8);
            if (batched == batch.length) {
                flushBatch();
            }
        }
    }

    /** Sends the batched audio upstream (unless a connection is being set up) and keeps it for a replay. */
    private void flushBatch() {
        if (batched == 0) {
            return;
        }
        byte[] chunk = java.util.Arrays.copyOf(batch, batched);
        batched = 0;
        unacked.add(chunk);
        unackedBytes += chunk.length;
        unackedAudible |= batchAudible;
        batchAudible = false;
        long maxBytes = settings.replayMaxMs() * INPUT_RATE / 1000 * 2;
        while (unackedBytes > maxBytes && !unacked.isEmpty()) {
            unackedBytes -= unacked.poll().length;
            metrics.framesDropped("replay-overflow", settings.upstreamChunkMs() / 20);
        }
        // an open microphone in a quiet room: replaying minutes of silence helps nobody, and would hold ~1 MB a session
        long leadInBytes = REPLAY_LEAD_IN_MS * INPUT_RATE / 1000 * 2;
        while (!unackedAudible && unackedBytes > leadInBytes && unacked.size() > 1) {
            unackedBytes -= unacked.poll().length;
        }
        if (current != null && pending == null) {
            current.send(LiveDialer.audio(chunk));
            metrics.upstreamFrameLatency(System.nanoTime() - batchFirstNanos);
        }
    }

    private void invalidAudio(String detail) {
        synchronized (this) {
            if (phase == Phase.CLOSED) {
                return;
            }
            error(new GatewayException(ProblemType.LIVE_AUDIO_INVALID, detail).problem());
            recordUnfinished();
            close();
            closeBehindErrors(1007, "binary frames must be Opus packets of 20 ms");
        }
    }

    // --- upstream connections

    private void dial() {
        pending = home.dialer().open(LiveDialer.setup(settings.model(), instruction, voice, handle), this);
        pendingSinceNanos = System.nanoTime();
    }

    /**
     * An upstream message, on its connection's thread: reply audio is encoded first, outside the
     * lock (see {@link ReplyEncoder}), then the message is handled under it.
     */
    @Override
    public CompletionStage<?> message(LiveUpstream from, LiveServerMessage message, long arrivedNanos) {
        List<ReplyEncoder.Encoded> audio = from == current ? encode(message) : List.of();
        return handle(from, message, arrivedNanos, audio);
    }

    private List<ReplyEncoder.Encoded> encode(LiveServerMessage message) {
        List<Part> parts = message.serverContent().flatMap(LiveServerContent::modelTurn).flatMap(turn -> turn.parts())
                .orElse(List.of());
        List<ReplyEncoder.Encoded> encoded = new ArrayList<>(parts.size());
        for (Part part : parts) {
            part.inlineData().flatMap(Blob::data).ifPresent(data -> encoded.add(replyEncoder.encode(data)));
        }
        return encoded;
    }

    /** Handles the message; returns null to read the next at once, or the stage to wait for (see {@link #holdUpstream()}). */
    private synchronized CompletionStage<?> handle(LiveUpstream from, LiveServerMessage message, long arrivedNanos,
            List<ReplyEncoder.Encoded> audio) {
        if (phase == Phase.CLOSED) {
            return null;
        }
        if (from == pending) {
            if (message.setupComplete().isPresent()) {
                promote();
            }
            return null;
        }
        if (from != current) {
            return null;
        }
        message.sessionResumptionUpdate().ifPresent(this::resumptionUpdate);
        message.goAway().ifPresent(away -> planSwitch("go-away", away.timeLeft().map(Duration::toMillis).orElse(0L)));
        message.serverContent().ifPresent(content -> content(content, arrivedNanos, audio));
        return holdUpstream();
    }

    /**
     * Backpressure: with the jitter buffer full (a reply generated faster than real time), the current
     * upstream is not read again until the playout has made room, so the rest of the reply waits in the
     * upstream's socket rather than in memory, and none of it is dropped. Not while a switch is planned:
     * what the old connection still holds must be read before it goes.
     */
    private CompletionStage<?> holdUpstream() {
        if (draining || phase == Phase.CLOSED || !playout.full()) {
            return null;
        }
        if (upstreamHeld == null) {
            upstreamHeld = new CompletableFuture<>();
            metrics.upstreamHeld();
        }
        return upstreamHeld;
    }

    /** Reading the upstream goes on (the playout has room, it was flushed, a switch is planned, or the relay ends). */
    private void releaseUpstream() {
        CompletableFuture<Void> held = upstreamHeld;
        upstreamHeld = null;
        if (held != null) {
            held.complete(null);
        }
    }

    private void promote() {
        LiveUpstream old = current;
        current = pending;
        pending = null;
        draining = false;
        releaseUpstream();
        cancel(drainDeadline);
        cancel(capTimer);
        capTimer = home.pacer().schedule(() -> capReached(), settings.maxConnectionMs(), TimeUnit.MILLISECONDS);
        if (old != null) {
            old.close();
        }
        if (handle.isPresent()) {
            metrics.resumption("resumed");
        }
        suppress = suppressOnPromote;
        suppressSinceNanos = System.nanoTime();
        suppressOnPromote = false;
        if (phase == Phase.CONNECTING) {
            phase = Phase.LIVE;
            out.text(json("ready").add("sessionId", sessionId).add("sampleRate", OUTPUT_RATE)
                    .add("resumed", resumedFromStore).build().toString());
            if (resumedFromStore) {
                out.text(json("resumed").build().toString());
            }
        } else if (announced) {
            out.text(json("resumed").build().toString());
        }
        announced = false;
        for (byte[] chunk : unacked) {
            current.send(LiveDialer.audio(chunk));
        }
        if (awaitingSinceNanos != 0) {
            awaitingSinceNanos = System.nanoTime();
        }
    }

    private synchronized void capReached() {
        planSwitch("connection-cap", CAP_TIME_LEFT_MS);
    }

    @Override
    public synchronized void closed(LiveUpstream from, int code, String reason) {
        if (phase == Phase.CLOSED) {
            return;
        }
        if (from == pending) {
            pending = null;
            if (code == 1007 && handle.isPresent() && reason != null && reason.toLowerCase().contains("resumption")) {
                // the handle is no good (expired, or from a conversation the upstream forgot): start afresh
                metrics.resumption("refused");
                LOG.log(Level.INFO, "Gemini Live refused the resumption handle of session {0} ({1}); starting a new conversation",
                        new Object[] {sessionId, reason});
                handle = Optional.empty();
                resumedFromStore = false;
                home.storeWork(() -> home.handles().forget(sessionId));
                dial();
                return;
            }
            retry(code, reason);
            return;
        }
        if (from != current) {
            return;
        }
        current = null;
        cancel(capTimer);
        if (System.nanoTime() - from.openedNanos() > TimeUnit.MILLISECONDS.toNanos(STABLE_MS)) {
            attempts = 0; // it had worked for a while: this failure starts a new count
        }
        if (pending != null) {
            return; // a switch is under way: its connection takes over when it is set up
        }
        if (code == 1008) {
            fail(new GatewayException(ProblemType.UPSTREAM_CREDENTIAL, "Gemini Live refused the gateway: " + reason).problem(), 1011);
            return;
        }
        LOG.log(Level.FINE, "Live upstream of session {0} closed {1} {2}", new Object[] {sessionId, code, reason});
        metrics.reconnect(draining ? switchCause : "upstream-closed");
        if (!draining && !announced) {
            announced = true;
            out.text(json("reconnecting").build().toString());
        }
        suppressOnPromote = answeredSinceHandle;
        retry(code, reason);
    }

    private void retry(int code, String reason) {
        attempts++;
        if (attempts > settings.reconnectAttempts()) {
            if (handle.isPresent()) {
                metrics.resumption("failed");
            }
            fail(new GatewayException(ProblemType.UPSTREAM_UNAVAILABLE, "Gemini Live could not be reached after "
                    + settings.reconnectAttempts() + " attempts; the last closed with " + code + " " + reason).problem(),
                    phase == Phase.CONNECTING ? 1013 : 1011);
            return;
        }
        long delay = attempts == 1 ? 0 : settings.reconnectBackoffMs() << Math.min(10, attempts - 2);
        home.pacer().schedule(() -> {
            synchronized (this) {
                if (phase != Phase.CLOSED && pending == null && (current == null || draining)) {
                    dial();
                }
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void planSwitch(String cause, long timeLeftMs) {
        if (draining || pending != null || phase != Phase.LIVE) {
            return;
        }
        draining = true;
        releaseUpstream();
        switchCause = cause;
        drainDeadline = home.pacer().schedule(this::switchAtDeadline, Math.max(0, timeLeftMs - settings.goAwayMarginMs()),
                TimeUnit.MILLISECONDS);
        switchIfIdle();
    }

    /**
     * A clean point to switch: no reply being generated, no question waiting, and everything answered
     * is covered by the newest handle (it comes right after {@code turnComplete}), so the replay holds
     * no question the model has answered.
     */
    private void switchIfIdle() {
        if (draining && !replyInProgress && awaitingSinceNanos == 0 && !answeredSinceHandle) {
            switchNow();
        }
    }

    private synchronized void switchAtDeadline() {
        switchNow();
    }

    /** Make before break: the new connection is set up while the old one still plays; audio waits for it. */
    private void switchNow() {
        if (phase != Phase.LIVE || pending != null || current == null) {
            return;
        }
        metrics.reconnect(switchCause);
        // at the deadline, the replay may make the model answer again what it has answered (or begun to): that answer is dropped
        suppressOnPromote = answeredSinceHandle || replyInProgress && turnHasContent;
        if (replyInProgress) {
            upstreamDone();
        }
        flushBatch();
        dial();
    }

    private void resumptionUpdate(LiveServerSessionResumptionUpdate update) {
        String newHandle = update.newHandle().orElse("");
        if (!update.resumable().orElse(false) || newHandle.isEmpty()) {
            return;
        }
        handle = Optional.of(newHandle);
        unacked.clear();
        unackedBytes = 0;
        unackedAudible = false;
        answeredSinceHandle = false;
        home.storeWork(() -> home.handles().save(sessionId, owner, newHandle));
        switchIfIdle();
    }

    // --- upstream content

    private void content(LiveServerContent content, long arrivedNanos, List<ReplyEncoder.Encoded> audio) {
        if (content.interrupted().orElse(false)) {
            upstreamInterrupted();
        }
        boolean dropping = suppress || discard;
        content.inputTranscription().flatMap(Transcription::text).filter(text -> !text.isEmpty() && !dropping).ifPresent(text -> {
            userText.append(text);
            out.text(transcript("user", text, false));
        });
        replyAudio(audio, arrivedNanos);
        content.outputTranscription().flatMap(Transcription::text).filter(text -> !text.isEmpty() && !(suppress || discard))
                .ifPresent(text -> {
                    modelText.append(text);
                    out.text(transcript("model", text, false));
                });
        if (content.generationComplete().orElse(false) && !suppress && !discard) {
            upstreamDone();
        }
        if (content.turnComplete().orElse(false)) {
            turnComplete();
        }
        switchIfIdle();
    }

    private void replyAudio(List<ReplyEncoder.Encoded> audio, long arrivedNanos) {
        for (ReplyEncoder.Encoded part : audio) {
            if (suppress || discard) {
                replyEncoder.reset(); // audio nobody hears: the next reply must not continue from it
                continue;
            }
            if (!turnHasContent) {
                turnHasContent = true;
                awaitingSinceNanos = 0;
                stallRetried = false;
                if (userText.length() > 0 && !userFinalSent) {
                    userFinalSent = true;
                    out.text(transcript("user", userText.toString(), true));
                }
            }
            replyInProgress = true;
            watchSilence(part.samples(), part.rms());
            if (!part.packets().isEmpty()) {
                metrics.codec("encode", part.nanos() / part.packets().size());
            }
            for (byte[] packet : part.packets()) {
                playout.add(packet, arrivedNanos);
            }
            startTicker();
        }
    }

    private void watchSilence(int samples, int rms) {
        replyPeakRms = Math.max(replyPeakRms, rms);
        replySamples += samples;
        if (!silentChecked && replySamples >= settings.silentReplyMs() * OUTPUT_RATE / 1000) {
            silentChecked = true;
            if (replyPeakRms < settings.silenceRms()) {
                metrics.watchdog("silent");
                error(new GatewayException(ProblemType.UPSTREAM_SILENT_REPLY, "The first " + settings.silentReplyMs()
                        + " ms of the reply are near-silent (RMS " + replyPeakRms + " < " + settings.silenceRms()
                        + "); the upstream voice failed. Ask again.").problem());
            }
        }
    }

    /** All of the reply's audio has come: the encoder's last partial frame is padded out and played. */
    private void upstreamDone() {
        if (!replyInProgress) {
            return;
        }
        replyInProgress = false;
        answeredSinceHandle = true;
        for (byte[] packet : replyEncoder.finish(OUTPUT_FRAME)) {
            playout.add(packet, System.nanoTime());
        }
        playout.complete();
        startTicker();
    }

    private void turnComplete() {
        if (suppress) {
            suppress = false;
            return;
        }
        if (discard) {
            discard = false;
            return;
        }
        if (!turnHasContent) {
            if (awaitingSinceNanos != 0) {
                metrics.watchdog("empty");
                awaitingSinceNanos = 0;
                error(new GatewayException(ProblemType.UPSTREAM_EMPTY_REPLY,
                        "The upstream ended the turn without a reply. Ask again.").problem());
            }
            return;
        }
        upstreamDone();
        if (!playout.active()) {
            finishTurn();
        }
    }

    private void upstreamInterrupted() {
        suppress = false;
        if (discard) {
            discard = false;
            return;
        }
        if (playout.active() || replyInProgress) {
            bargeIn("upstream");
        }
        discard = false;
    }

    /** Drops the reply's queued audio at once and tells the client; the rest of a reply still coming is dropped too. */
    private void bargeIn(String cause) {
        if (!playout.active() && !replyInProgress) {
            return;
        }
        int dropped = playout.flush() + out.dropAudio();
        releaseUpstream();
        if (dropped > 0) {
            metrics.framesDropped("barge-in", dropped);
        }
        discard = replyInProgress && !"upstream".equals(cause);
        replyInProgress = false;
        replyEncoder.reset();
        LOG.log(Level.FINE, "Barge-in ({0}) on session {1}: {2} frames dropped", new Object[] {cause, sessionId, dropped});
        out.text(json("interrupted").build().toString());
        record(false);
        resetTurn();
    }

    private void awaitTurn(long speechEnded) {
        if (awaitingSinceNanos == 0 && !replyInProgress) {
            awaitingSinceNanos = System.nanoTime();
            speechEndedNanos = speechEnded;
            firstFrameSent = false;
        }
    }

    // --- playout

    private void startTicker() {
        if (ticker == null && phase != Phase.CLOSED) {
            ticker = home.pacer().scheduleAtFixedRate(this::tick, 0, 20, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void tick() {
        if (phase == Phase.CLOSED) {
            stopTicker();
            return;
        }
        Playout.Tick tick = playout.tick();
        switch (tick) {
            case SENT -> {
                metrics.depth(playout.depth());
                byte[] packet = playout.sent();
                replyBytes += packet.length;
                out.audio(packet, playout.sentArrivedNanos());
                if (upstreamHeld != null && playout.room()) {
                    releaseUpstream();
                }
                if (!firstFrameSent) {
                    firstFrameSent = true;
                    if (speechEndedNanos != 0) {
                        metrics.replyLatency(System.nanoTime() - speechEndedNanos);
                        speechEndedNanos = 0;
                    }
                }
            }
            case UNDERRUN -> metrics.late();
            case DRAINED -> {
                stopTicker();
                if (!replyInProgress) {
                    finishTurn();
                }
            }
            case IDLE -> stopTicker();
            case WAITING -> {
            }
        }
    }

    private void stopTicker() {
        cancel(ticker);
        ticker = null;
    }

    private void finishTurn() {
        if (modelText.length() > 0) {
            out.text(transcript("model", modelText.toString(), true));
        }
        out.text(json("turn_complete").build().toString());
        record(true);
        resetTurn();
    }

    private void resetTurn() {
        userText.setLength(0);
        modelText.setLength(0);
        userFinalSent = false;
        userAudioMs = 0;
        userAudioBytes = 0;
        replySamples = 0;
        replyBytes = 0;
        replyPeakRms = 0;
        silentChecked = false;
        turnHasContent = false;
    }

    /** The turn into the session's history, off the audio threads: REST and live share one conversation. */
    private void record(boolean complete) {
        if (userText.length() == 0 && modelText.length() == 0 && replyBytes == 0) {
            return;
        }
        String user = userText.toString().trim();
        String model = modelText.toString().trim();
        MessageAudio userAudio = new MessageAudio("audio/opus", userAudioMs, userAudioBytes, null, null);
        MessageAudio replyAudio = replySamples == 0 ? null
                : new MessageAudio("audio/opus", replySamples * 1000 / OUTPUT_RATE, replyBytes, null, null);
        home.storeWork(() -> home.store().append(sessionId, owner, user, userAudio, model, replyAudio, complete));
    }

    private void recordUnfinished() {
        if (turnHasContent || replyInProgress) {
            record(false);
            resetTurn();
        }
    }

    // --- watchdogs

    private synchronized void watch() {
        if (phase == Phase.CLOSED) {
            return;
        }
        long now = System.nanoTime();
        long stalledSince = out.stalledSinceNanos();
        if (stalledSince != 0 && now - stalledSince > TimeUnit.MILLISECONDS.toNanos(settings.sendTimeoutMs())) {
            metrics.watchdog("client-stalled");
            clientFailed("a frame was not taken within " + settings.sendTimeoutMs() + " ms");
            return;
        }
        if (pending != null && now - pendingSinceNanos > TimeUnit.MILLISECONDS.toNanos(settings.setupTimeoutMs())) {
            pending.fail("no setupComplete within " + settings.setupTimeoutMs() + " ms");
            return;
        }
        if (suppress && now - suppressSinceNanos > TimeUnit.MILLISECONDS.toNanos(settings.replyTimeoutMs())) {
            suppress = false;
        }
        if (awaitingSinceNanos != 0 && !turnHasContent && pending == null && current != null
                && now - awaitingSinceNanos > TimeUnit.MILLISECONDS.toNanos(settings.replyTimeoutMs())) {
            metrics.watchdog("stall");
            if (!stallRetried) {
                // the turn is retried on a new connection: the replay carries the question again
                stallRetried = true;
                awaitingSinceNanos = now;
                metrics.reconnect("stall");
                suppressOnPromote = false;
                switchCause = "stall";
                draining = true;
                flushBatch();
                dial();
            } else {
                stallRetried = false;
                awaitingSinceNanos = 0;
                error(new GatewayException(ProblemType.UPSTREAM_TIMEOUT, "No reply from Gemini Live within "
                        + settings.replyTimeoutMs() + " ms of the end of your speech, twice. Ask again.").problem());
            }
        }
    }

    // --- ends

    @Override
    public void clientFailed(String why) {
        synchronized (this) {
            if (phase == Phase.CLOSED) {
                return;
            }
            LOG.log(Level.INFO, "Live voice client of session {0} dropped: {1}", new Object[] {sessionId, why});
            recordUnfinished();
            close();
        }
        socket.close(1008, "client did not read frames in time");
    }

    /** Ends with an error frame and a close code the client can act on. */
    private void fail(Problem problem, int code) {
        error(problem);
        recordUnfinished();
        close();
        closeBehindErrors(code, problem.title());
    }

    /** The client's socket closes once the frames queued before (an error, the last transcript) are out. */
    private void closeBehindErrors(int code, String reason) {
        out.closeBehind(code, reason, home.pacer(), CLOSE_GRACE_MS);
    }

    /** The gateway is shutting down: the client hears why, and may reconnect elsewhere to resume. */
    synchronized void shutdown() {
        if (phase == Phase.CLOSED) {
            return;
        }
        error(new GatewayException(ProblemType.SHUTTING_DOWN,
                "This gateway node is shutting down; reconnect to resume the conversation.").problem());
    }

    void closeClient(int code, String reason) {
        socket.close(code, reason);
    }

    boolean drained() {
        return out.queuedFrames() == 0 && out.stalledSinceNanos() == 0;
    }

    /** The client socket is gone, or the relay ends: the upstream is closed at once, nothing is left running. Idempotent. */
    public synchronized void close() {
        if (phase == Phase.CLOSED) {
            return;
        }
        recordUnfinished();
        phase = Phase.CLOSED;
        stopTicker();
        cancel(watchdog);
        cancel(drainDeadline);
        cancel(capTimer);
        playout.flush();
        releaseUpstream();
        unacked.clear();
        if (current != null) {
            current.close();
        }
        if (pending != null) {
            pending.close();
        }
        current = null;
        pending = null;
        home.closed(this);
        // queued control frames (an error) still go out; the socket closes behind them
        home.pacer().schedule(out::close, CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    /** {@code {"type": "error", "problemType", "title", "status", "detail"}}: the chat socket's error frame. */
    private void error(Problem problem) {
        out.text(ReplyJson.event("error", ReplyJson.problem(problem)).toString());
    }

    private static Problem notStarted() {
        return GatewayException.badRequest("type", "send {\"type\": \"start\", \"sampleRate\": 16000} before audio or other control frames")
                .problem();
    }

    private static JsonObjectBuilder json(String type) {
        return Json.createObjectBuilder().add("type", type);
    }

    private static String transcript(String role, String text, boolean last) {
        return json("transcript").add("role", role).add("text", text).add("final", last).build().toString();
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
