package com.voicegateway.caching.control;

import com.voicegateway.caching.entity.HazelcastSettings;
import java.util.Map;

/** A {@link CacheCluster} started by hand, outside a server: for benchmarks and tests that wire beans themselves. */
public final class StartedClusters {

    private StartedClusters() {
    }

    /** A member on {@code port} (or the next free one) in a cluster of its own called {@code clusterName}. */
    public static CacheCluster alone(int port, String clusterName) {
        CacheCluster cluster = new CacheCluster();
        cluster.settings = HazelcastSettings.of(Map.of("gateway.hazelcast.port", Integer.toString(port),
                "gateway.hazelcast.cluster-name", clusterName));
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
