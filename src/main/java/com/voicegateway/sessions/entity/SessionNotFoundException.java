package com.voicegateway.sessions.entity;

import com.voicegateway.problems.entity.ProblemType;
import com.voicegateway.problems.entity.GatewayException;

/** No such session for this caller: missing, expired, or someone else's (indistinguishable on purpose). */
public class SessionNotFoundException extends GatewayException {

    private static final long serialVersionUID = 1L;

    public SessionNotFoundException(String id) {
        super(ProblemType.SESSION_NOT_FOUND,
                "No session '" + id + "' exists for this API key (it may have expired).", null, null);
    }
}
