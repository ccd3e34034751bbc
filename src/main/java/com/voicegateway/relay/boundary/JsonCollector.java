package com.voicegateway.relay.boundary;

import com.voicegateway.relay.entity.CompletionReply;
import com.voicegateway.relay.entity.ReplyDone;
import com.voicegateway.problems.boundary.ProblemMapper;
import com.voicegateway.problems.entity.Problem;
import com.voicegateway.relay.entity.ReplyFormat;
import jakarta.ws.rs.core.Response;

/** Collects a reply for one {@code application/json} body; a reply that broke off becomes its problem instead. */
final class JsonCollector implements ReplyShape.Collector {

    private final StringBuilder text = new StringBuilder();
    private String transcript;
    private CompletionReply reply;
    private Problem problem;

    @Override
    public void delta(String delta) {
        text.append(delta);
    }

    @Override
    public void done(ReplyDone done) {
        reply = new CompletionReply(done.messageId(), done.model(), text.toString(), done.finishReason(), done.usage(), done.ttftMs(),
                transcript, done.audio());
    }

    @Override
    public void transcript(String said) {
        transcript = said;
    }

    @Override
    public void error(Problem failure) {
        problem = failure;
    }

    @Override
    public Response response() {
        return problem != null
                ? Response.status(problem.status()).type(ProblemMapper.PROBLEM_JSON).entity(problem).build()
                : Response.ok(reply, ReplyFormat.JSON.mediaType()).build();
    }
}
