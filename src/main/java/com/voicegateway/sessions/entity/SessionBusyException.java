package com.voicegateway.sessions.entity;

import com.voicegateway.problems.entity.ProblemType;
import com.voicegateway.problems.entity.GatewayException;

/** A reply is already being generated for this session: history must not interleave. */
public class SessionBusyException extends GatewayException {

    private static final long serialVersionUID = 1L;

    public SessionBusyException(String id) {
        super(ProblemType.SESSION_BUSY,
                "Session '" + id + "' is already answering a message; send the next one when that reply is done.", null, null);
    }
}
