package com.voicegateway.monitoring.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ServerTimingTest {

    @Test
    void aHeaderNamesTheGatewayAndTheUpstreamInMilliseconds() {
        assertEquals("gateway;dur=1.23, upstream;dur=456.79", ServerTiming.of(1_234_000, 456_789_000));
        assertEquals("gateway;dur=0.50", ServerTiming.of(500_000, 0), "no upstream entry without an upstream call");
    }

    @Test
    void theGatewaysShareIsReadBackFromAHeader() {
        assertEquals(1_230_000, ServerTiming.gatewayNanos(ServerTiming.of(1_234_000, 456_789_000)));
        assertEquals(500_000, ServerTiming.gatewayNanos("gateway;dur=0.50"));
        assertEquals(-1, ServerTiming.gatewayNanos("db;dur=3"));
        assertEquals(-1, ServerTiming.gatewayNanos("gateway;dur=abc"));
    }
}
