package com.voicegateway.sessions.control;

import com.voicegateway.redis.control.RedisAccess;

/** Builds a SessionStore by hand over a hand-wired RedisAccess, for code that runs outside Liberty. */
public final class SessionWiring {

    private SessionWiring() {
    }

    public static SessionStore store(RedisAccess access, long ttlSeconds, long turnLockSeconds) {
        SessionStore store = new SessionStore();
        store.redis = access;
        store.metrics = com.voicegateway.redis.control.HandWiring.noOpMetrics();
        store.ttlSeconds = ttlSeconds;
        store.maxMessages = 200;
        store.turnLockSeconds = turnLockSeconds;
        return store;
    }
}
