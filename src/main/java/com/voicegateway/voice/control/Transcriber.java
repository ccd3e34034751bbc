package com.voicegateway.voice.control;

import com.voicegateway.problems.entity.ProblemType;
import com.voicegateway.relay.control.RelayThreads;
import com.voicegateway.relay.control.ReplyRelay;
import com.voicegateway.upstream.control.OpenedStream;
import com.voicegateway.upstream.entity.InlineAudio;
import com.voicegateway.upstream.entity.ModelCall;
import com.voicegateway.upstream.entity.StreamBrokenException;
import com.voicegateway.upstream.entity.Turn;
import com.voicegateway.upstream.entity.UpstreamChunk;
import com.voicegateway.voice.entity.VoiceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the user said, as text: the uploaded audio goes to a model with an instruction to transcribe
 * it, beside (not before) the reply, so it costs the turn no time. The transcript becomes the user
 * message's text in the session history, which is what later turns get as context.
 */
@ApplicationScoped
public class Transcriber {

    static final String INSTRUCTION = "You are a transcription service. Write down exactly what is said in the audio, "
            + "in the language it is spoken in, with punctuation. Reply with the transcript only: no comments, no labels, "
            + "no translation. If nothing is said, reply with an empty text.";

    @Inject
    ReplyRelay relay;

    @Inject
    RelayThreads threads;

    @Inject
    VoiceSettings settings;

    /** Starts transcribing on a relay thread; the future fails with the upstream's failure. */
    public CompletableFuture<String> start(InlineAudio audio, String language) {
        CompletableFuture<String> transcript = new CompletableFuture<>();
        threads.run(() -> {
            try {
                transcript.complete(transcribe(audio, language));
            } catch (RuntimeException | Error failed) {
                transcript.completeExceptionally(failed);
            }
        });
        return transcript;
    }

    String transcribe(InlineAudio audio, String language) {
        String hint = language == null || language.isBlank() ? "" : " The speaker's language is probably " + language + ".";
        ModelCall call = new ModelCall(settings.transcriptionModel(), INSTRUCTION + hint, List.of(Turn.spoken(audio, "Transcribe this audio.")), 0.0, null);
        OpenedStream opened = relay.open(call);
        try {
            StringBuilder text = new StringBuilder();
            for (UpstreamChunk chunk = opened.first(); ; chunk = opened.stream().next()) {
                if (chunk == null) {
                    throw new StreamBrokenException(ProblemType.UPSTREAM_STREAM_CUT, "The transcript broke off before it was complete.", null);
                }
                text.append(chunk.text());
                if (chunk.last()) {
                    return text.toString().strip();
                }
            }
        } finally {
            opened.stream().close();
        }
    }
}
