package com.voicegateway.chat.entity;

import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.problems.entity.Problem;

/**
 * One text frame from a chat socket's client, decoded: a message to answer, or the 400 problem
 * saying why the frame is not one. A bad frame is an answer, not a failure, so that the
 * connection stays open and the client can correct itself.
 */
public sealed interface ChatFrame {

    /** {@code {"type": "message", "text": "..."}}. */
    record Message(String text) implements ChatFrame {
        public Message {
            if (text == null || text.isBlank()) {
                throw GatewayException.badRequest("text", "text is required: the user's message, a non-blank string");
            }
        }
    }

    record Invalid(Problem problem) implements ChatFrame {
        public Invalid {
            if (problem == null || problem.status() != 400) {
                throw new IllegalArgumentException("an invalid frame carries a 400 problem");
            }
        }
    }
}
