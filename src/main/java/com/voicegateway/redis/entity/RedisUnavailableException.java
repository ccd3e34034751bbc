package com.voicegateway.redis.entity;

import com.voicegateway.problems.entity.ProblemType;
import com.voicegateway.problems.entity.GatewayException;
import java.time.Duration;

/** Redis did not answer in time or refused: the request fails fast with 503 and Retry-After. */
public class RedisUnavailableException extends GatewayException {

    private static final long serialVersionUID = 1L;

    public RedisUnavailableException(String detail, Throwable cause) {
        super(ProblemType.STORE_UNAVAILABLE, detail, Duration.ofSeconds(2), cause);
    }
}
