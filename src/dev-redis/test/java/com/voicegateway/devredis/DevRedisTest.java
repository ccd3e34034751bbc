package com.voicegateway.devredis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DevRedisTest {

    @Test
    void startsWhenNothingOrItselfIsNamed() {
        assertFalse(DevRedis.namesAnotherRedis(Optional.empty(), Optional.empty(), 6379));
        assertFalse(DevRedis.namesAnotherRedis(Optional.of(" "), Optional.of(""), 6379));
        assertFalse(DevRedis.namesAnotherRedis(Optional.of("redis://127.0.0.1:19379"), Optional.empty(), 19379));
        assertFalse(DevRedis.namesAnotherRedis(Optional.of("redis://localhost:6379/0"), Optional.empty(), 6379));
    }

    @Test
    void standsAsideWhenTheGatewayUsesAnotherRedis() {
        assertTrue(DevRedis.namesAnotherRedis(Optional.of("redis://redis.internal:6379/0"), Optional.empty(), 6379));
        assertTrue(DevRedis.namesAnotherRedis(Optional.of("redis://127.0.0.1:6380"), Optional.empty(), 6379));
        assertTrue(DevRedis.namesAnotherRedis(Optional.of("rediss://127.0.0.1:6379"), Optional.empty(), 6379));
        assertTrue(DevRedis.namesAnotherRedis(Optional.of("redis-sentinel://s1:26379/m"), Optional.empty(), 6379));
        assertTrue(DevRedis.namesAnotherRedis(Optional.empty(), Optional.of("n1:6379,n2:6379"), 6379));
    }
}
