package com.voicegateway.voice.control;

import com.voicegateway.audio.entity.AudioKind;
import com.voicegateway.audio.entity.CompressedAudio;
import com.voicegateway.chat.control.Conversations;
import com.voicegateway.relay.control.RelayThreads;
import com.voicegateway.relay.control.ReplyChannel;
import com.voicegateway.upstream.entity.InlineAudio;
import com.voicegateway.upstream.entity.ModelCall;
import com.voicegateway.upstream.entity.Turn;
import com.voicegateway.monitoring.control.GatewayMetrics;
import com.voicegateway.sessions.control.SessionStore;
import com.voicegateway.sessions.control.TurnLock;
import com.voicegateway.sessions.control.TurnLocks;
import com.voicegateway.audio.entity.MessageAudio;
import com.voicegateway.sessions.entity.Session;
import com.voicegateway.templates.control.Templates;
import com.voicegateway.voice.entity.SpokenInput;
import com.voicegateway.voice.entity.VoiceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A voice turn over REST: speech in, text and speech out. The session is checked and its turn taken
 * before the upload is read (a busy or foreign session costs no spooling); the audio then goes
 * upstream as Ogg/Opus beside the history, a transcript is made alongside, the text reply streams
 * back, and its spoken version is produced into {@code reply.ogg}. The exchange is recorded with
 * audio metadata before {@code done}.
 */
@ApplicationScoped
public class VoiceTurns {

    @Inject
    SessionStore store;

    @Inject
    TurnLocks locks;

    @Inject
    RelayThreads threads;

    @Inject
    Templates templates;

    @Inject
    Transcriber transcriber;

    @Inject
    SpokenReplies replies;

    @Inject
    GatewayMetrics metrics;

    @Inject
    VoiceSettings settings;

    /**
     * {@code upload} hands over the request's audio (spooled and compressed by the filter) when
     * called; {@code text} is optional text sent with the audio, {@code voice} an optional prebuilt
     * voice for the spoken reply. {@code replyUrl} makes the spoken reply's URL from its utterance id.
     */
    public void reply(String sessionId, String owner, Supplier<CompressedAudio> upload, String text, String voice,
            java.util.function.UnaryOperator<String> replyUrl, long arrivedNanos, ReplyChannel channel) {
        Session session = store.use(sessionId, owner);
        TurnLock turn = locks.lock(sessionId);
        try {
            SpokenInput input = read(upload.get());
            CompletableFuture<String> transcript = settings.transcribe()
                    ? transcriber.start(input.audio(), session.language())
                    : CompletableFuture.completedFuture(null);
            String instruction = templates.sessionInstruction(session.templateId(), session.variables());
            ModelCall call = new ModelCall(session.model(), instruction,
                    Conversations.turns(store.history(sessionId), Turn.spoken(input.audio(), text)), null, null);
            String utteranceId = SpokenReplies.newId();
            VoiceTurn voiceTurn = new VoiceTurn(sessionId, owner, utteranceId, replyUrl.apply(utteranceId), text, voice, input,
                    transcript, settings.transcriptWaitMs());
            threads.relay(call, arrivedNanos, VoiceExchange.channel(channel, voiceTurn, store, replies, metrics, turn));
        } catch (RuntimeException notStarted) {
            turn.close();
            metrics.voiceTurn("refused");
            throw notStarted;
        }
    }

    /** Reads the compressed upload into memory (it goes upstream inline) and deletes its files at once. */
    static SpokenInput read(CompressedAudio compressed) {
        try (compressed) {
            byte[] opus = Files.readAllBytes(compressed.opus());
            String received = compressed.original().kind() == AudioKind.WAV ? "audio/wav" : "audio/ogg";
            return new SpokenInput(new InlineAudio("audio/ogg", opus), MessageAudio.upload(received,
                    compressed.durationMillis(), compressed.original().bytes(), compressed.original().sha256()));
        } catch (IOException e) {
            throw new UncheckedIOException("compressed upload unreadable", e);
        }
    }
}
