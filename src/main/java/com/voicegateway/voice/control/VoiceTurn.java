package com.voicegateway.voice.control;

import com.voicegateway.voice.entity.SpokenInput;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One voice turn in flight: who, which reply it produces, what was said and the transcript being made. */
record VoiceTurn(String sessionId, String owner, String utteranceId, String replyUrl, String text, String voice,
        SpokenInput input, CompletableFuture<String> transcript, long transcriptWaitMs) {

    private static final Logger LOG = Logger.getLogger(VoiceTurn.class.getName());

    /** The transcript if it is ready now, else null. */
    String transcriptIfReady() {
        return transcript.isDone() && !transcript.isCompletedExceptionally() && !transcript.isCancelled() ? transcript.join() : null;
    }

    /** The transcript, waiting for it at most {@code transcriptWaitMs}; null if it failed or took too long. */
    String awaitTranscript() {
        try {
            return transcript.get(transcriptWaitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException | java.util.concurrent.CancellationException none) {
            LOG.log(Level.FINE, "Voice turn {0} goes on without a transcript: {1}", new Object[] {utteranceId, none.toString()});
            return null;
        }
    }

    /**
     * The user message's text in the history: the transcript, then the text sent with the audio,
     * either possibly absent (Conversations stands in a note for an untranscribed spoken message).
     */
    String userText(String transcriptText) {
        String said = transcriptText == null ? "" : transcriptText;
        if (text == null || text.isBlank()) {
            return said;
        }
        return said.isEmpty() ? text : said + "\n" + text;
    }
}
