package com.voicegateway.caching.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.caching.entity.HazelcastSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The member's start off the deployment path, with a real Hazelcast member: what asked for the
 * member before it was up runs once the start has been attempted (and sees it up), what asks later
 * runs at once, and {@link CacheCluster#starting()} is true exactly until then.
 */
class CacheClusterStartTest {

    private static CacheCluster cluster(String name) {
        // as liberty-config/jvm.options sets for the server: the JCache provider in member mode
        System.setProperty("hazelcast.jcache.provider.type", "member");
        CacheCluster cluster = new CacheCluster();
        cluster.settings = HazelcastSettings.of(Map.of("gateway.hazelcast.port", "25911",
                "gateway.hazelcast.cluster-name", name + "-" + ProcessHandle.current().pid()));
        return cluster;
    }

    @Test
    void cachesThatAskedBeforeTheStartOpenWhenItEnds() {
        CacheCluster cluster = cluster("vg-start-test");
        List<String> ran = new ArrayList<>();
        try {
            cluster.afterStart(() -> ran.add("early, member " + (cluster.isUp() ? "up" : "down") + ", starting " + cluster.starting()));
            assertEquals(List.of(), ran, "nothing runs before the start");
            assertTrue(cluster.starting());

            cluster.join();

            assertFalse(cluster.starting());
            assertTrue(cluster.open(CacheCluster.expiring("start-test", 5)).isPresent());
            cluster.afterStart(() -> ran.add("late"));
            assertEquals(List.of("early, member up, starting true", "late"), ran);
        } finally {
            cluster.stop();
        }
    }

    @Test
    void anApplicationStoppedDuringTheStartLeavesNoMemberAndOpensNothing() {
        CacheCluster cluster = cluster("vg-stop-test");
        List<String> ran = new ArrayList<>();
        cluster.afterStart(() -> ran.add("opened"));
        cluster.stop();

        cluster.join();

        assertEquals(List.of(), ran);
        assertFalse(cluster.isUp(), "the member that came up after the stop was shut down");
        assertFalse(cluster.starting());
        assertEquals(0, cluster.members());
    }
}
