package com.voicegateway.upstream.control;

import com.google.genai.types.Candidate;
import com.google.genai.types.Content;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.Part;
import com.voicegateway.upstream.entity.UpstreamChunk;
import java.util.Optional;

/** A GenAI SDK response as the gateway's {@link UpstreamChunk}: text and inline audio, finish reason, token counts. */
final class SdkResponses {

    private SdkResponses() {
    }

    /** The reply chunk in a response, or null for a response that carries nothing (our flush filler). */
    static UpstreamChunk chunk(GenerateContentResponse response) {
        Optional<Candidate> candidate = response.candidates().filter(list -> !list.isEmpty()).map(list -> list.get(0));
        Optional<GenerateContentResponseUsageMetadata> usage = response.usageMetadata();
        if (candidate.isEmpty() && usage.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        java.io.ByteArrayOutputStream audio = new java.io.ByteArrayOutputStream(0);
        String[] audioType = new String[1];
        candidate.flatMap(Candidate::content).flatMap(Content::parts).ifPresent(parts -> {
            for (Part part : parts) {
                if (part.thought().orElse(false)) {
                    continue;
                }
                part.text().ifPresent(text::append);
                part.inlineData().ifPresent(blob -> {
                    blob.data().ifPresent(audio::writeBytes);
                    audioType[0] = blob.mimeType().orElse(audioType[0]);
                });
            }
        });
        String finish = candidate.flatMap(Candidate::finishReason).map(Object::toString).orElse(null);
        return new UpstreamChunk(text.toString(), finish,
                usage.flatMap(GenerateContentResponseUsageMetadata::promptTokenCount).orElse(0),
                usage.flatMap(GenerateContentResponseUsageMetadata::candidatesTokenCount).orElse(0),
                audio.size() == 0 ? null : audio.toByteArray(), audio.size() == 0 ? null : audioType[0]);
    }
}
