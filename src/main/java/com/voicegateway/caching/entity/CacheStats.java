package com.voicegateway.caching.entity;

/**
 * One cache's statistics: {@code size} is cluster-wide, the counts are this node's since it started
 * ({@code hitRatio} is 0 before any read). {@code coalesced} (misses that joined an identical call
 * already in flight) is given only for the response cache, null and left out of the JSON otherwise.
 */
public record CacheStats(String name, long size, long hits, long misses, double hitRatio, long evictions, Long coalesced) {
}
