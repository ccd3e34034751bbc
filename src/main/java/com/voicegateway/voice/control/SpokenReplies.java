package com.voicegateway.voice.control;

import com.voicegateway.problems.entity.ProblemType;
import com.voicegateway.audio.control.AudioWork;
import com.voicegateway.audio.entity.OpusSettings;
import com.voicegateway.relay.control.ReplyRelay;
import com.voicegateway.upstream.control.OpenedStream;
import com.voicegateway.upstream.entity.GenerationSettings;
import com.voicegateway.upstream.entity.ModelCall;
import com.voicegateway.upstream.entity.StreamBrokenException;
import com.voicegateway.upstream.entity.Turn;
import com.voicegateway.upstream.entity.UpstreamChunk;
import com.voicegateway.upstream.entity.UpstreamException;
import com.voicegateway.monitoring.control.GatewayMetrics;
import com.voicegateway.audio.entity.MessageAudio;
import com.voicegateway.redis.entity.RedisUnavailableException;
import com.voicegateway.voice.entity.VoiceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The spoken replies of voice turns. A reply's text goes to a speech-generation model through the
 * SDK; the PCM it streams back is encoded to Ogg/Opus as it arrives ({@link SpeechEncoder}), and
 * each Ogg page is appended to Redis at once ({@link SpokenReplyStore}). So {@code reply.ogg} can be
 * fetched from any node, while it is still being produced, and nothing of it is held in the
 * gateway's heap beyond one page. A reply whose speech failed midway is still a valid Ogg/Opus
 * file, ended where the audio stopped, and marked failed.
 */
@ApplicationScoped
public class SpokenReplies {

    private static final Logger LOG = Logger.getLogger(SpokenReplies.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private static final Pattern ID = Pattern.compile("u_[0-9a-zA-Z]{22}");

    public static final String OGG = "audio/ogg";

    /** Told once, when the first audio of a reply is stored and its URL can be fetched. */
    @FunctionalInterface
    public interface Started {
        void at(MessageAudio audio) throws IOException;
    }

    @Inject
    SpokenReplyStore store;

    @Inject
    ReplyRelay relay;

    @Inject
    AudioWork work;

    @Inject
    GatewayMetrics metrics;

    @Inject
    VoiceSettings settings;

    public static String newId() {
        char[] id = new char[22];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return "u_" + new String(id);
    }

    /** Also guards Redis keys: nothing but letters and digits after the prefix reaches a key name. */
    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public OpusSettings settings() {
        return OpusSettings.voice().withBitrate(settings.replyBitrate()).withComplexity(settings.replyComplexity());
    }

    /**
     * Speaks {@code text} into the reply {@code utteranceId} of session {@code sessionId}, served at
     * {@code url}. Returns the finished reply's metadata; throws the upstream's failure (the reply is
     * then marked failed) or the {@link IOException} of {@code started} (the client is gone).
     */
    public MessageAudio produce(String sessionId, String utteranceId, String owner, String url, String text, String voice,
            Started started) throws IOException {
        SpokenReplyStore.Writer writer = store.create(sessionId, utteranceId,
                Map.of("state", "producing", "owner", owner, "mimeType", OGG, "createdAt", Long.toString(System.currentTimeMillis())));
        long begun = System.nanoTime();
        String chosenVoice = voice != null && !voice.isBlank() ? voice : settings.voice().filter(v -> !v.isBlank()).orElse(null);
        SpeechEncoder production = new SpeechEncoder(work, metrics, settings(), writer::append);
        boolean complete = false;
        try {
            OpenedStream opened = relay.open(new ModelCall(settings.speechModel(), null, List.of(Turn.user(text)), null, null,
                    GenerationSettings.NONE, new ModelCall.Speech(chosenVoice)));
            try {
                for (UpstreamChunk chunk = opened.first(); ; chunk = next(opened)) {
                    if (chunk.hasAudio()) {
                        boolean first = !production.started();
                        production.add(chunk.audio(), chunk.audioMimeType());
                        if (first) {
                            metrics.speech("first-audio", System.nanoTime() - begun);
                            started.at(new MessageAudio(OGG, null, null, null, url));
                        }
                    }
                    if (chunk.last()) {
                        break;
                    }
                }
            } finally {
                opened.stream().close();
            }
            if (!production.started()) {
                throw new StreamBrokenException(ProblemType.SPEECH_WITHOUT_AUDIO,
                        "The speech model " + settings.speechModel() + " answered without audio.", null);
            }
            production.finish();
            complete = true;
            writer.mark(Map.of("state", "complete", "durationMs", Long.toString(production.durationMillis()),
                    "bytes", Long.toString(production.stored())));
            metrics.speech("complete", System.nanoTime() - begun);
            return new MessageAudio(OGG, production.durationMillis(), production.stored(), null, url);
        } finally {
            if (!complete) {
                production.abandon();
                try {
                    writer.mark(Map.of("state", "failed"));
                } catch (RedisUnavailableException down) {
                    LOG.log(Level.FINE, "Reply {0} not marked failed; it expires by itself", utteranceId);
                }
            }
            writer.close();
        }
    }

    private static UpstreamChunk next(OpenedStream opened) {
        UpstreamChunk chunk;
        try {
            chunk = opened.stream().next();
        } catch (UpstreamException e) {
            throw new StreamBrokenException(ProblemType.UPSTREAM_STREAM_BROKEN, "The spoken reply broke off midway: " + e.getMessage(), e);
        }
        if (chunk == null) {
            throw new StreamBrokenException(ProblemType.UPSTREAM_STREAM_CUT,
                    "The speech model closed the reply before it was complete; the audio so far is kept.", null);
        }
        return chunk;
    }
}
