package com.voicegateway.upstream.entity;

import com.voicegateway.problems.entity.ProblemType;

/**
 * The upstream refused the request itself (400, 404: a bad model name, an invalid setting);
 * retrying or falling back would fail the same way. Client errors surface as 400, credential
 * problems of the gateway's own upstream key as 502.
 */
public class UpstreamRejectedException extends UpstreamException {

    private static final long serialVersionUID = 1L;

    public UpstreamRejectedException(int upstreamStatus, String detail, Throwable cause) {
        super(upstreamStatus == 401 || upstreamStatus == 403 ? ProblemType.UPSTREAM_CREDENTIAL : ProblemType.UPSTREAM_REJECTED,
                detail, null, cause);
    }
}
