package com.voicegateway.chat.control;

import com.voicegateway.chat.entity.CompletionRequest;
import com.voicegateway.gemini.entity.ModelCall;
import com.voicegateway.gemini.entity.Turn;
import com.voicegateway.templates.control.Templates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Session-less completions: turns a request into an upstream call and hands it to a relay thread. */
@ApplicationScoped
public class Completions {

    @Inject
    RelayThreads threads;

    @Inject
    Templates templates;

    @Inject
    @ConfigProperty(name = "gateway.gemini.model", defaultValue = "gemini-2.5-flash")
    String defaultModel;

    public void reply(CompletionRequest request, long arrivedNanos, ReplyChannel channel) {
        threads.relay(callFor(request), arrivedNanos, channel);
    }

    ModelCall callFor(CompletionRequest request) {
        String instruction = request.templateId() == null || request.templateId().isBlank()
                ? null
                : templates.instruction(request.templateId(), request.variables());
        String model = request.model() == null || request.model().isBlank() ? defaultModel : request.model();
        return new ModelCall(model, instruction, List.of(Turn.user(request.input())), request.temperature(), request.maxOutputTokens());
    }
}
