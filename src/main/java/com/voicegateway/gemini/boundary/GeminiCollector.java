package com.voicegateway.gemini.boundary;

import com.voicegateway.chat.control.ReplyWriter;
import com.voicegateway.chat.entity.ReplyDone;
import com.voicegateway.problems.entity.Problem;
import jakarta.json.JsonObject;

/** Collects a reply for one {@code generateContent} body; a reply that broke off becomes its error instead. */
final class GeminiCollector implements ReplyWriter {

    private final String responseId;
    private final StringBuilder text = new StringBuilder();
    private JsonObject response;
    private Problem problem;

    GeminiCollector(String responseId) {
        this.responseId = responseId;
    }

    @Override
    public void delta(String delta) {
        text.append(delta);
    }

    @Override
    public void done(ReplyDone done) {
        response = GeminiJson.last(text.toString(), done, responseId);
    }

    @Override
    public void error(Problem failure) {
        problem = failure;
    }

    JsonObject response() {
        return response;
    }

    Problem problem() {
        return problem;
    }
}
