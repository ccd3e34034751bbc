package com.voicegateway.geminiapi.boundary;

import com.voicegateway.relay.boundary.ReplyShape;
import com.voicegateway.relay.entity.ReplyDone;
import com.voicegateway.problems.entity.Problem;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Collects a reply for one {@code generateContent} body; a reply that broke off becomes its error instead. */
final class GeminiCollector implements ReplyShape.Collector {

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

    @Override
    public Response response() {
        return problem != null
                ? Response.status(problem.status()).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(GeminiJson.error(problem, 0).toString()).build()
                : Response.ok(response.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
