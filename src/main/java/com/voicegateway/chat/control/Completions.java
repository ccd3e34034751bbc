package com.voicegateway.chat.control;

import com.voicegateway.chat.entity.CompletionRequest;
import com.voicegateway.gemini.entity.ModelCall;
import com.voicegateway.gemini.entity.Turn;
import com.voicegateway.problems.entity.GatewayException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Session-less completions: turns a request into an upstream call and hands it to a relay thread. */
@ApplicationScoped
public class Completions {

    @Inject
    ReplyRelay relay;

    @Inject
    RelayThreads threads;

    @Inject
    @ConfigProperty(name = "gateway.gemini.model", defaultValue = "gemini-2.5-flash")
    String defaultModel;

    public void reply(CompletionRequest request, long arrivedNanos, ReplyChannel channel) {
        ModelCall call = callFor(request);
        threads.run(() -> {
            try {
                relay.relay(call, arrivedNanos, channel);
            } catch (RuntimeException refused) {
                // the bulkhead refused before the relay began
                channel.failed(refused);
            }
        });
    }

    ModelCall callFor(CompletionRequest request) {
        if (request.templateId() != null && !request.templateId().isBlank()) {
            throw new GatewayException("unknown-template", "Unknown template", 400,
                    "No template '" + request.templateId() + "' exists; omit templateId or create the template first.",
                    null, List.of(new com.voicegateway.problems.entity.Problem.InvalidParam("templateId", "no such template")), null);
        }
        String model = request.model() == null || request.model().isBlank() ? defaultModel : request.model();
        return new ModelCall(model, null, List.of(Turn.user(request.input())), request.temperature(), request.maxOutputTokens());
    }
}
