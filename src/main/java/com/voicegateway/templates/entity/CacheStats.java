package com.voicegateway.templates.entity;

/** One cache's statistics as this member counted them; {@code hitRatio} is 0 before any get. */
public record CacheStats(String name, long size, long hits, long misses, double hitRatio, long evictions) {
}
