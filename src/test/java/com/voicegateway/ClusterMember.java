package com.voicegateway;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;

/** A Hazelcast member in the test JVM that joins the IT server's cluster (it.hazelcast.port, it.hazelcast.cluster-name). */
public final class ClusterMember {

    private ClusterMember() {
    }

    public static HazelcastInstance join() {
        int port = Integer.getInteger("it.hazelcast.port", 15701);
        Config config = new Config();
        config.setClusterName(System.getProperty("it.hazelcast.cluster-name", "voice-gateway"));
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(true);
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        List<String> members = new ArrayList<>();
        for (int p = port; p < port + 5; p++) {
            members.add("127.0.0.1:" + p);
        }
        join.getTcpIpConfig().setEnabled(true).setMembers(members);
        return Hazelcast.newHazelcastInstance(config);
    }
}
