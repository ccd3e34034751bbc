package com.voicegateway.caching.control;

/** A {@link CacheCluster} started by hand, outside a server: for benchmarks and tests that wire beans themselves. */
public final class StartedClusters {

    private StartedClusters() {
    }

    /** A member on {@code port} (or the next free one) in a cluster of its own called {@code clusterName}. */
    public static CacheCluster alone(int port, String clusterName) {
        CacheCluster cluster = new CacheCluster();
        cluster.members = "127.0.0.1";
        cluster.port = port;
        cluster.clusterName = clusterName;
        cluster.start();
        if (!cluster.isUp()) {
            throw new IllegalStateException("the Hazelcast member did not start; see the log above");
        }
        return cluster;
    }

    public static void stop(CacheCluster cluster) {
        cluster.stop();
    }
}
