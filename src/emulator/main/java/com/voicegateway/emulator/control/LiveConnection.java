package com.voicegateway.emulator.control;

import com.voicegateway.emulator.entity.Directives;
import com.voicegateway.emulator.entity.LiveConversation;
import com.voicegateway.emulator.entity.LiveSettings;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Gemini Live connection ({@code BidiGenerateContent}) as a protocol state machine, without a
 * container: client messages go in through {@link #receive}, server messages and the close come out
 * through a {@link LiveOutput}, and time comes from a {@link LiveScheduler}.
 *
 * <p>The protocol as Gemini speaks it: {@code setup} must come first and is answered by
 * {@code setupComplete}. Client audio ({@code realtimeInput.audio} or the older {@code mediaChunks},
 * PCM16) is cut into turns by its energy ({@link SpeechDetector}) or, with
 * {@code automaticActivityDetection.disabled}, by {@code activityStart}/{@code activityEnd};
 * {@code audioStreamEnd} ends a pending turn, {@code clientContent} with {@code turnComplete} is a
 * text turn. A reply is {@code inputTranscription}, then 24 kHz speech in chunks of about 240 ms sent
 * in bursts with {@code outputTranscription} pieces, {@code generationComplete}, and
 * {@code turnComplete} once the audio would have finished playing. User speech during a reply stops
 * it with {@code interrupted}. With {@code sessionResumption} in the setup, each finished turn gives a
 * new handle ({@code resumable:false} while generating); a connection that resumes one continues the
 * conversation with the next turn. {@code goAway} comes before the connection cap, then close 1011.
 *
 * <p>Every method is synchronized: the socket's thread and the scheduler's threads both drive it.
 */
public final class LiveConnection {

    public static final int CLOSE_INVALID = 1007;
    public static final int CLOSE_INTERNAL = 1011;
    static final String RESUME_REFUSED = "Session resumption failed: session not found.";
    static final String CAP_REACHED = "The connection reached its maximum duration.";

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    private static final Pattern RATE = Pattern.compile("rate=(\\d+)");
    private static final long MS_PER_WORD = 400;
    private static final int AUDIO_TOKENS_PER_SECOND = 25;

    private final LiveSettings settings;
    private final LiveScheduler scheduler;
    private final SpeechRecording recording;
    private final LiveHandles handles;
    private final RequestLog log;
    private final LiveOutput out;
    private final List<LiveScheduler.Scheduled> timers = new ArrayList<>();

    private boolean setUp;
    private boolean closed;
    private String model = "";
    private volatile String systemText = "";
    private Directives connectionDirectives = Directives.NONE;
    private Directives nextTurnDirectives = Directives.NONE;
    private boolean resumption;
    private boolean manualActivity;
    private boolean interruptible = true;
    private boolean transcribeInput;
    private boolean transcribeOutput;
    private boolean textReplies;
    private boolean muted;
    private boolean activityOpen;
    private SpeechDetector detector;
    private LiveConversation conversation;
    private double userAudioMs;
    private Reply reply;

    public LiveConnection(LiveSettings settings, LiveScheduler scheduler, SpeechRecording recording, LiveHandles handles,
                          RequestLog log, LiveOutput out) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.recording = recording;
        this.handles = handles;
        this.log = log;
        this.out = out;
    }

    /** One client message, from a text frame or the UTF-8 of a binary one. */
    public synchronized void receive(String frame) {
        if (closed) {
            return;
        }
        JsonObject message;
        try (JsonReader reader = READERS.createReader(new StringReader(frame))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                close(CLOSE_INVALID, "Invalid JSON payload received. Expected an object.");
                return;
            }
            message = value.asJsonObject();
        } catch (JsonException e) {
            close(CLOSE_INVALID, "Invalid JSON payload received.");
            return;
        }
        try {
            dispatch(message);
        } catch (InvalidArgumentException | ClassCastException e) {
            close(CLOSE_INVALID, e instanceof InvalidArgumentException ? e.getMessage() : "Invalid JSON payload received.");
        }
    }

    /** The socket went away (closed by the client or failed): stop everything, send nothing. */
    /** The system instruction of the setup ("" before it): what tests find a connection by. */
    public String systemText() {
        return systemText;
    }

    public synchronized void closed() {
        if (!closed) {
            closed = true;
            stopTimers();
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    private void dispatch(JsonObject message) {
        if (!setUp) {
            JsonValue setup = message.get("setup");
            if (setup == null || setup.getValueType() != JsonValue.ValueType.OBJECT) {
                close(CLOSE_INVALID, "The first message must be setup.");
                return;
            }
            setup(setup.asJsonObject());
            return;
        }
        for (Map.Entry<String, JsonValue> field : message.entrySet()) {
            switch (field.getKey()) {
                case "realtimeInput", "realtime_input" -> realtimeInput(field.getValue().asJsonObject());
                case "clientContent", "client_content" -> clientContent(field.getValue().asJsonObject());
                case "toolResponse", "tool_response" -> {
                    // the emulator declares no tools
                }
                case "setup" -> throw new InvalidArgumentException("setup must only be the first message.");
                default -> throw new InvalidArgumentException(
                        "Invalid JSON payload received. Unknown name \"" + field.getKey() + "\": Cannot find field.");
            }
            if (closed) {
                return;
            }
        }
    }

    // --- setup

    private void setup(JsonObject setup) {
        model = string(setup, "model", "model", "");
        if (model.isBlank()) {
            close(CLOSE_INVALID, "setup.model is required.");
            return;
        }
        systemText = text(field(setup, "systemInstruction", "system_instruction"));
        connectionDirectives = Directives.parse(systemText);
        JsonObject generation = object(setup, "generationConfig", "generation_config");
        textReplies = generation != null && onlyText(field(generation, "responseModalities", "response_modalities"));
        long endOfSpeechMs = settings.endOfSpeechMs();
        JsonObject input = object(setup, "realtimeInputConfig", "realtime_input_config");
        if (input != null) {
            JsonObject detection = object(input, "automaticActivityDetection", "automatic_activity_detection");
            if (detection != null) {
                manualActivity = bool(detection, "disabled", "disabled");
                endOfSpeechMs = number(detection, "silenceDurationMs", "silence_duration_ms", endOfSpeechMs);
            }
            interruptible = !"NO_INTERRUPTION".equals(string(input, "activityHandling", "activity_handling", ""));
        }
        transcribeInput = object(setup, "inputAudioTranscription", "input_audio_transcription") != null;
        transcribeOutput = object(setup, "outputAudioTranscription", "output_audio_transcription") != null;
        detector = new SpeechDetector(settings.speechThreshold(), Math.max(SpeechDetector.FRAME_MS, endOfSpeechMs));

        JsonObject resume = object(setup, "sessionResumption", "session_resumption");
        resumption = resume != null;
        String handle = resume == null ? "" : string(resume, "handle", "handle", "");
        if (!handle.isEmpty()) {
            LiveConversation found = handles.find(handle).orElse(null);
            if (found == null || found.refuseResume() || connectionDirectives.flag("refuseResume")) {
                log.record("live resume refused " + handle, bareModel());
                close(CLOSE_INVALID, RESUME_REFUSED);
                return;
            }
            conversation = found;
        } else {
            conversation = new LiveConversation(UUID.randomUUID().toString(), systemText, 0,
                    connectionDirectives.flag("refuseResume"));
        }
        log.record("live setup of " + conversation.id() + (handle.isEmpty() ? "" : " resumed after turn "
                + conversation.turnsAnswered()) + "\n" + setupLogged(setup), bareModel());
        setUp = true;
        if (!send(LiveWire.setupComplete())) {
            return;
        }
        if (resumption) {
            send(LiveWire.resumable(handles.issue(conversation)));
        }
        scheduleGoAway();
        scheduleClose(connectionDirectives);
    }

    private void scheduleGoAway() {
        long timeLeftMs = Math.max(0, connectionDirectives.number("timeLeftMs", settings.goAwayTimeLeftMs()));
        long goAwayAt = connectionDirectives.has("goAwayAfterMs")
                ? Math.max(0, connectionDirectives.number("goAwayAfterMs", 0))
                : Math.max(0, settings.connectionCapMs() - timeLeftMs);
        timers.add(scheduler.after(goAwayAt, () -> goAway(timeLeftMs)));
    }

    private synchronized void goAway(long timeLeftMs) {
        if (closed) {
            return;
        }
        if (!send(LiveWire.goAway(timeLeftMs))) {
            return;
        }
        if (connectionDirectives.flag("muteAfterGoAway")) {
            muted = true;
            if (reply != null) {
                reply.stop();
                reply = null;
            }
        }
        timers.add(scheduler.after(timeLeftMs, () -> closeLater(CLOSE_INTERNAL, CAP_REACHED)));
    }

    /** {@code closeCode=<code> closeAfterMs=<ms>}: the connection fails as Gemini's can, 1007 or 1011. */
    private void scheduleClose(Directives directives) {
        if (!directives.has("closeCode")) {
            return;
        }
        int code = (int) directives.number("closeCode", CLOSE_INTERNAL);
        String reason = code == CLOSE_INVALID ? "Request contains an invalid argument."
                : "Internal error encountered.";
        timers.add(scheduler.after(Math.max(0, directives.number("closeAfterMs", 0)), () -> closeLater(code, reason)));
    }

    private synchronized void closeLater(int code, String reason) {
        close(code, reason);
    }

    // --- client input

    private void realtimeInput(JsonObject input) {
        if (field(input, "activityStart", "activity_start") != null) {
            activityStart();
        }
        JsonObject audio = object(input, "audio", "audio");
        if (audio != null) {
            audio(audio, "realtime_input.audio.data");
        }
        JsonValue chunks = field(input, "mediaChunks", "media_chunks");
        if (chunks instanceof JsonArray array) {
            for (int i = 0; i < array.size() && !closed; i++) {
                audio(array.getJsonObject(i), "realtime_input.media_chunks[" + i + "].data");
            }
        }
        if (closed) {
            return;
        }
        if (field(input, "activityEnd", "activity_end") != null) {
            activityEnd();
        }
        if (bool(input, "audioStreamEnd", "audio_stream_end")) {
            audioStreamEnd();
        }
        String text = string(input, "text", "text", "");
        if (!text.isEmpty()) {
            textTurn(text);
        }
    }

    private void audio(JsonObject blob, String where) {
        String mimeType = string(blob, "mimeType", "mime_type", "audio/pcm;rate=" + LiveSettings.INPUT_RATE);
        if (!mimeType.toLowerCase(Locale.ROOT).startsWith("audio/pcm")) {
            return; // video frames and images: the emulator only listens
        }
        Matcher rateMatch = RATE.matcher(mimeType);
        int rate = rateMatch.find() ? Integer.parseInt(rateMatch.group(1)) : LiveSettings.INPUT_RATE;
        if (rate < 8000 || rate > 48000) {
            throw new InvalidArgumentException("Unsupported audio sample rate " + rate + " in '" + mimeType + "'.");
        }
        byte[] pcm = base64(string(blob, "data", "data", ""), where);
        userAudioMs += pcm.length / 2 * 1000.0 / rate;
        if (manualActivity) {
            return;
        }
        for (SpeechDetector.Event event : detector.feed(pcm, rate)) {
            if (event == SpeechDetector.Event.STARTED) {
                bargeIn();
            } else {
                endTurn(null, Directives.NONE);
            }
            if (closed) {
                return;
            }
        }
    }

    private void activityStart() {
        if (!manualActivity) {
            return;
        }
        activityOpen = true;
        bargeIn();
    }

    private void activityEnd() {
        if (manualActivity && activityOpen) {
            activityOpen = false;
            endTurn(null, Directives.NONE);
        }
    }

    private void audioStreamEnd() {
        if (!manualActivity && detector.speaking()) {
            detector.reset();
            endTurn(null, Directives.NONE);
        }
    }

    /** Turns of text give their directives to the next reply; {@code turnComplete} asks for that reply now. */
    private void clientContent(JsonObject content) {
        StringBuilder text = new StringBuilder();
        JsonValue turns = content.get("turns");
        if (turns instanceof JsonArray array) {
            for (JsonValue turn : array) {
                JsonObject turnObject = turn.asJsonObject();
                if (!"model".equals(turnObject.getString("role", "user"))) {
                    text.append(text(turnObject)).append(' ');
                }
            }
        } else if (turns instanceof JsonObject single) {
            text.append(text(single));
        }
        Directives directives = Directives.parse(text.toString());
        if (!directives.values().isEmpty()) {
            nextTurnDirectives = directives;
        }
        if (bool(content, "turnComplete", "turn_complete")) {
            textTurn(text.toString().trim());
        }
    }

    private void textTurn(String text) {
        bargeIn();
        endTurn(text, nextTurnDirectives);
    }

    private void bargeIn() {
        if (reply != null && interruptible) {
            Reply stopped = reply;
            reply = null;
            stopped.stop();
            log.cancelled(stopped.entry);
            if (!send(LiveWire.interrupted())) {
                return;
            }
            answered(stopped.turn);
        }
    }

    // --- replies

    /** The user's turn is over: {@code text} for a text turn, null for speech. */
    private void endTurn(String text, Directives turnDirectives) {
        if (reply != null || muted) {
            return; // an uninterruptible reply is still playing, or the server went silent after goAway
        }
        nextTurnDirectives = Directives.NONE;
        Directives directives = connectionDirectives.overriddenBy(turnDirectives);
        int turn = conversation.turnsAnswered() + 1;
        long audioMs = Math.round(userAudioMs);
        userAudioMs = 0;
        RequestLog.Entry entry = log.record("live turn " + turn + " of " + conversation.id() + "\n"
                + (text == null ? "<audio " + audioMs + " ms>" : text), bareModel());
        int textTokens = text == null ? 0 : ReplyPlanner.countWords(text);
        int audioTokens = (int) Math.ceil(audioMs * AUDIO_TOKENS_PER_SECOND / 1000.0);
        reply = new Reply(turn, directives, entry, textTokens, audioTokens);
        if (resumption && !send(LiveWire.notResumable())) {
            return;
        }
        if (text == null && transcribeInput && !send(LiveWire.inputTranscription(inputText(turn)))) {
            return;
        }
        scheduleClose(turnDirectives);
        reply.start();
    }

    private void answered(int turn) {
        conversation = conversation.answered(turn);
        if (resumption) {
            send(LiveWire.resumable(handles.issue(conversation)));
        }
    }

    /** What the emulator "heard": a fixed phrase naming the turn, as the recording's words are not known. */
    static String inputText(int turn) {
        return "Hello, this is user turn " + turn + ".";
    }

    /** The words of the reply to {@code turn}: deterministic per conversation and turn, and naming the turn. */
    static String replyText(String seed, int turn, int words) {
        String fingerprint = ReplyPlanner.fingerprint(seed, JsonValue.EMPTY_JSON_OBJECT) + turn;
        return "This answers turn " + turn + ". " + String.join("", ReplyPlanner.tokens(fingerprint, Math.max(1, words)));
    }

    /** One model turn being sent, paced burst by burst. */
    private final class Reply {
        private final int turn;
        private final RequestLog.Entry entry;
        private final int promptTextTokens;
        private final int promptAudioTokens;
        private final long replyMs;
        private final long chunkSamples;
        private final long totalSamples;
        private final int chunks;
        private final double burstIntervalMs;
        private final boolean silent;
        private final boolean empty;
        private final boolean stall;
        private final long interruptAfterTurnMs;
        private final long turnCompleteAfterGenerationMs;
        private final long firstAudioMs;
        private final List<String> pieces;
        private final int responseTokens;
        private LiveScheduler.Scheduled next;
        private long audioStartMs = -1;
        private int sent;

        Reply(int turn, Directives directives, RequestLog.Entry entry, int promptTextTokens, int promptAudioTokens) {
            this.turn = turn;
            this.entry = entry;
            this.promptTextTokens = promptTextTokens;
            this.promptAudioTokens = promptAudioTokens;
            replyMs = Math.max(0, Math.min(LiveSettings.MAX_REPLY_MS, directives.number("replyMs", settings.replyMs())));
            chunkSamples = settings.chunkMs() * LiveSettings.OUTPUT_RATE / 1000;
            totalSamples = replyMs * LiveSettings.OUTPUT_RATE / 1000;
            chunks = (int) ((totalSamples + chunkSamples - 1) / chunkSamples);
            double realtime = Math.max(0.01, directives.decimal("slow", directives.decimal("realtime", settings.realtime())));
            burstIntervalMs = settings.burstChunks() * settings.chunkMs() / realtime;
            silent = directives.flag("silent");
            empty = directives.flag("empty");
            stall = "true".equalsIgnoreCase(directives.values().get("stall"));
            turnCompleteAfterGenerationMs = directives.has("turnCompleteAfterGenerationMs")
                    ? Math.max(0, directives.number("turnCompleteAfterGenerationMs", 0)) : -1;
            interruptAfterTurnMs = directives.has("interruptAfterTurnMs") ? Math.max(0, directives.number("interruptAfterTurnMs", 0)) : -1;
            firstAudioMs = settings.firstAudioMs() + Math.max(0, directives.number("stallMs", 0));
            int words = (int) Math.max(1, replyMs / MS_PER_WORD);
            pieces = pieces(replyText(conversation.seed(), turn, words), Math.max(1, chunks));
            responseTokens = textReplies ? ReplyPlanner.countWords(String.join("", pieces))
                    : (int) Math.ceil(replyMs * AUDIO_TOKENS_PER_SECOND / 1000.0);
        }

        void start() {
            if (stall) {
                return; // never answers; user speech can still interrupt it
            }
            next = scheduler.after(firstAudioMs, () -> burst(this));
        }

        void stop() {
            if (next != null) {
                next.cancel();
            }
        }

        /** Sends the next burst of chunks, each after its piece of transcription; then schedules the rest. */
        void sendBurst() {
            long now = scheduler.nowMs();
            if (audioStartMs < 0) {
                audioStartMs = now;
            }
            if (empty || chunks == 0) {
                generated();
                return;
            }
            int burstEnd = Math.min(chunks, sent + settings.burstChunks());
            while (sent < burstEnd) {
                String piece = pieces.get(sent);
                if (textReplies) {
                    if (!piece.isEmpty() && !send(LiveWire.text(piece))) {
                        return;
                    }
                } else {
                    if (transcribeOutput && !piece.isEmpty() && !send(LiveWire.outputTranscription(piece))) {
                        return;
                    }
                    if (!send(LiveWire.audio(Base64.getEncoder().encodeToString(chunk(sent))))) {
                        return;
                    }
                }
                sent++;
            }
            if (sent == chunks) {
                generated();
            } else {
                long dueAt = audioStartMs + Math.round(sent / settings.burstChunks() * burstIntervalMs);
                next = scheduler.after(dueAt - now, () -> burst(this));
            }
        }

        private byte[] chunk(int index) {
            long first = index * chunkSamples;
            int samples = (int) (Math.min(totalSamples, first + chunkSamples) - first);
            // each turn goes on where the previous one's audio ended, through the looped recording
            return silent ? new byte[samples * 2] : recording.pcm((turn - 1L) * totalSamples + first, samples);
        }

        /** Generation is over; the turn completes when its audio would have finished playing in real time. */
        private void generated() {
            if (!send(LiveWire.generationComplete())) {
                return;
            }
            long playedAt = textReplies || empty ? audioStartMs : audioStartMs + replyMs;
            long delay = turnCompleteAfterGenerationMs >= 0 ? turnCompleteAfterGenerationMs : playedAt - scheduler.nowMs();
            next = scheduler.after(delay, () -> complete(this));
        }
    }

    private synchronized void burst(Reply pending) {
        if (!closed && reply == pending) {
            pending.sendBurst();
        }
    }

    private synchronized void complete(Reply done) {
        if (closed || reply != done) {
            return;
        }
        reply = null;
        if (send(LiveWire.turnComplete(done.promptTextTokens, done.promptAudioTokens, done.responseTokens,
                textReplies ? "TEXT" : "AUDIO"))) {
            answered(done.turn);
            if (done.interruptAfterTurnMs >= 0) {
                // Gemini, hearing the user over playback it has already finished generating, may say so after turnComplete
                timers.add(scheduler.after(done.interruptAfterTurnMs, this::lateInterrupted));
            }
        }
    }

    private synchronized void lateInterrupted() {
        if (!closed) {
            send(LiveWire.interrupted());
        }
    }

    /** The reply's words spread over its chunks, each piece with its leading space as Gemini's transcription has. */
    static List<String> pieces(String text, int count) {
        String[] words = text.split(" ");
        List<String> pieces = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = (int) ((long) i * words.length / count);
            int to = (int) ((long) (i + 1) * words.length / count);
            StringBuilder piece = new StringBuilder();
            for (int w = from; w < to; w++) {
                piece.append(w == 0 ? "" : " ").append(words[w]);
            }
            pieces.add(piece.toString());
        }
        return pieces;
    }

    // --- output

    private boolean send(JsonObject message) {
        if (closed) {
            return false;
        }
        if (!out.send(message)) {
            closed();
            if (reply != null) {
                log.cancelled(reply.entry);
            }
            return false;
        }
        return true;
    }

    private void close(int code, String reason) {
        if (closed) {
            return;
        }
        if (reply != null) {
            log.cancelled(reply.entry);
        }
        closed();
        out.close(code, reason);
    }

    private void stopTimers() {
        timers.forEach(LiveScheduler.Scheduled::cancel);
        timers.clear();
        if (reply != null) {
            reply.stop();
        }
    }

    // --- JSON, camelCase or snake_case

    private String bareModel() {
        return model.startsWith("models/") ? model.substring("models/".length()) : model;
    }

    private static String setupLogged(JsonObject setup) {
        StringBuilder logged = new StringBuilder();
        for (String name : List.of("systemInstruction", "system_instruction", "generationConfig", "generation_config")) {
            if (setup.containsKey(name)) {
                logged.append(setup.get(name)).append('\n');
            }
        }
        return logged.toString();
    }

    private static JsonValue field(JsonObject object, String camel, String snake) {
        JsonValue value = object.get(camel);
        return value != null ? value : object.get(snake);
    }

    private static JsonObject object(JsonObject object, String camel, String snake) {
        JsonValue value = field(object, camel, snake);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidArgumentException("Invalid JSON payload received. '" + camel + "' must be an object.");
        }
        return value.asJsonObject();
    }

    private static String string(JsonObject object, String camel, String snake, String fallback) {
        JsonValue value = field(object, camel, snake);
        return value instanceof JsonString text ? text.getString() : fallback;
    }

    private static boolean bool(JsonObject object, String camel, String snake) {
        return field(object, camel, snake) == JsonValue.TRUE;
    }

    private static long number(JsonObject object, String camel, String snake, long fallback) {
        JsonValue value = field(object, camel, snake);
        if (value instanceof JsonNumber n) {
            return n.longValue();
        }
        if (value instanceof JsonString s) {
            try {
                return Long.parseLong(s.getString()); // protobuf's JSON writes int64 as a string
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    private static boolean onlyText(JsonValue modalities) {
        if (!(modalities instanceof JsonArray array) || array.isEmpty()) {
            return false;
        }
        for (JsonValue modality : array) {
            if (!(modality instanceof JsonString name) || !"TEXT".equalsIgnoreCase(name.getString())) {
                return false;
            }
        }
        return true;
    }

    /** The text of a {@code Content} ({@code parts[].text}) or a plain string. */
    private static String text(JsonValue content) {
        if (content instanceof JsonString plain) {
            return plain.getString();
        }
        if (!(content instanceof JsonObject object) || !(object.get("parts") instanceof JsonArray parts)) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (JsonValue part : parts) {
            if (part instanceof JsonObject partObject && partObject.get("text") instanceof JsonString piece) {
                text.append(piece.getString());
            }
        }
        return text.toString();
    }

    private static byte[] base64(String data, String where) {
        try {
            return data.indexOf('-') >= 0 || data.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(data)
                    : Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("Invalid value at '" + where + "' (TYPE_BYTES), Base64 decoding failed.");
        }
    }
}
