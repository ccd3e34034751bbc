package com.voicegateway.sessions.control;

import com.voicegateway.redis.control.RedisAccess;
import com.voicegateway.redis.control.RedisScript;
import com.voicegateway.redis.entity.RedisUnavailableException;
import com.voicegateway.sessions.entity.SessionBusyException;
import com.voicegateway.sessions.entity.SessionSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import redis.clients.jedis.params.SetParams;

/**
 * One turn at a time per session: a Redis key set with NX and an expiry, released by a script only
 * if it still holds this taker's token, so a lock that expired and was taken by another node is
 * never released by the first.
 */
@ApplicationScoped
public class TurnLocks {

    private static final RedisScript RELEASE = RedisScript.load("lock-release");

    @Inject
    RedisAccess redis;

    @Inject
    SessionSettings settings;

    /** Takes the session's turn lock, or says it is busy: two replies never interleave in one history. */
    public TurnLock lock(String id) {
        String token = SessionKeys.newId();
        String acquired = redis.call("turn-lock", r -> r.set(SessionKeys.lockKey(id), token,
                SetParams.setParams().nx().px(Duration.ofSeconds(settings.turnLockSeconds()).toMillis())));
        if (!"OK".equals(acquired)) {
            throw new SessionBusyException(id);
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            try {
                redis.run(RELEASE, List.of(SessionKeys.lockKey(id)), List.of(token));
            } catch (RedisUnavailableException down) {
                // the lock expires by itself (turn-lock-seconds)
            }
        };
    }

}
