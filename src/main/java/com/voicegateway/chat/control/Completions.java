package com.voicegateway.chat.control;

import com.voicegateway.relay.control.ReplyChannel;

import com.voicegateway.chat.entity.CompletionRequest;
import com.voicegateway.upstream.entity.GeminiSettings;
import com.voicegateway.upstream.entity.ModelCall;
import com.voicegateway.upstream.entity.Turn;
import com.voicegateway.responses.control.CachedReplies;
import com.voicegateway.responses.entity.CachePolicy;
import com.voicegateway.templates.control.Templates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Session-less completions: a request becomes an upstream call, served through the response cache. */
@ApplicationScoped
public class Completions {

    @Inject
    CachedReplies replies;

    @Inject
    Templates templates;

    @Inject
    GeminiSettings gemini;

    /** {@code policy} is what the request's Cache-Control lets the response cache do. */
    public void reply(CompletionRequest request, CachePolicy policy, long arrivedNanos, ReplyChannel channel) {
        replies.reply(callFor(request), policy, arrivedNanos, channel);
    }

    ModelCall callFor(CompletionRequest request) {
        String instruction = request.templateId() == null || request.templateId().isBlank()
                ? null
                : templates.instruction(request.templateId(), request.variables());
        String model = request.model() == null || request.model().isBlank() ? gemini.model() : request.model();
        return new ModelCall(model, instruction, List.of(Turn.user(request.input())), request.temperature(), request.maxOutputTokens());
    }
}
