package com.voicegateway.upstream.entity;

/**
 * The upstream refused the request itself (400, 404: a bad model name, an invalid setting);
 * retrying or falling back would fail the same way. Client errors surface as 400, credential
 * problems of the gateway's own upstream key as 502.
 */
public class UpstreamRejectedException extends UpstreamException {

    private static final long serialVersionUID = 1L;

    public UpstreamRejectedException(int upstreamStatus, String detail, Throwable cause) {
        super(upstreamStatus == 401 || upstreamStatus == 403 ? "upstream-credential" : "upstream-rejected",
                upstreamStatus == 401 || upstreamStatus == 403 ? "Upstream refused the gateway's credential"
                        : "Upstream rejected the request",
                upstreamStatus == 401 || upstreamStatus == 403 ? 502 : 400, detail, null, cause);
    }
}
