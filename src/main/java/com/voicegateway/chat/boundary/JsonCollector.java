package com.voicegateway.chat.boundary;

import com.voicegateway.chat.control.ReplyWriter;
import com.voicegateway.chat.entity.CompletionReply;
import com.voicegateway.chat.entity.ReplyDone;
import com.voicegateway.problems.entity.Problem;

/** Collects a reply for one {@code application/json} body; a reply that broke off becomes its problem instead. */
final class JsonCollector implements ReplyWriter {

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

    CompletionReply reply() {
        return reply;
    }

    Problem problem() {
        return problem;
    }
}
