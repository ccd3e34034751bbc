package com.voicegateway.responses.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CachePolicyTest {

    @Test
    void noHeaderUsesTheCache() {
        assertEquals(CachePolicy.USE, CachePolicy.of(null));
        assertEquals(CachePolicy.USE, CachePolicy.of(" "));
        assertEquals(CachePolicy.USE, CachePolicy.of("max-age=60, private"));
    }

    @Test
    void noCacheAndMaxAgeZeroAskForAFreshReply() {
        assertEquals(CachePolicy.REFRESH, CachePolicy.of("no-cache"));
        assertEquals(CachePolicy.REFRESH, CachePolicy.of("No-Cache"));
        assertEquals(CachePolicy.REFRESH, CachePolicy.of("private, max-age=0"));
    }

    @Test
    void noStoreWinsWhereverItStands() {
        assertEquals(CachePolicy.BYPASS, CachePolicy.of("no-store"));
        assertEquals(CachePolicy.BYPASS, CachePolicy.of("no-cache, no-store"));
        assertEquals(CachePolicy.BYPASS, CachePolicy.of("NO-STORE,no-cache"));
    }

    @Test
    void onlyUseReadsAndOnlyBypassDoesNotStore() {
        assertEquals(true, CachePolicy.USE.reads());
        assertEquals(false, CachePolicy.REFRESH.reads());
        assertEquals(true, CachePolicy.REFRESH.stores());
        assertEquals(false, CachePolicy.BYPASS.stores());
    }
}
