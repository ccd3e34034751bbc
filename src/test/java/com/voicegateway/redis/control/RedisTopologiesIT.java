package com.voicegateway.redis.control;

import com.voicegateway.DeployedGateway;
import com.voicegateway.monitoring.control.GatewayMetrics;
import com.voicegateway.sessions.control.SessionStore;
import com.voicegateway.sessions.entity.Message;
import com.voicegateway.sessions.entity.Session;
import com.voicegateway.sessions.entity.SessionNotFoundException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.embedded.Redis;
import redis.embedded.RedisSentinel;
import redis.embedded.RedisServer;
import static com.voicegateway.GatewayHttp.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RedisAccess} in Cluster and Sentinel mode, with {@link SessionStore} on top, against real
 * redis-server processes (the binary embedded-redis ships; it runs as a Sentinel with
 * {@code --sentinel}). No Liberty: the beans are built by hand, as in the benchmark.
 *
 * <p>Exercised: connecting through a seed node / a Sentinel, slot routing (each session's keys
 * share a hash tag; the owner index and live set sit on other slots), the Lua scripts, pool
 * gauges summed over nodes, PING for readiness. Not exercised: Sentinel failover, cluster
 * resharding or node failure, TLS, authentication.
 */
@RunAsClient
class RedisTopologiesIT extends DeployedGateway {

    private static final String OWNER = "topology-user";

    @TempDir
    Path dir;

    @Test
    void sessionsWorkOnAThreeNodeCluster() throws Exception {
        List<Integer> ports = clusterPorts(3);
        List<Redis> nodes = new ArrayList<>();
        try {
            for (int port : ports) {
                Path nodeDir = Files.createDirectories(dir.resolve("node-" + port));
                RedisServer node = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                        .setting("cluster-enabled yes")
                        .setting("cluster-config-file nodes.conf")
                        .setting("cluster-node-timeout 5000")
                        .setting("dir \"" + nodeDir + "\"")
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .onShutdownForceStop(true)
                        .build();
                node.start();
                nodes.add(node);
            }
            formCluster(ports);

            RedisAccess access = access("redis-cluster://127.0.0.1:" + ports.get(0));
            try {
                assertTrue(access.target().startsWith("cluster 127.0.0.1:" + ports.get(0)), access.target());
                assertTrue(access.ping());
                exerciseSessions(access);
                // the connections the exercise used are back in the pools (-1 would mean the pools are not visible)
                assertTrue(access.poolIdle() >= 1, "the cluster's pools are summed over its nodes: " + access.poolIdle() + " idle");
                assertEquals(0, access.poolActive(), "nothing borrowed once the exercise is over");
            } finally {
                access.close();
            }
        } finally {
            stopAll(nodes);
        }
    }

    @Test
    void sessionsWorkThroughASentinel() throws Exception {
        int masterPort = freePort();
        int sentinelPort = freePort();
        List<Redis> processes = new ArrayList<>();
        try {
            RedisServer master = RedisServer.newRedisServer().port(masterPort).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").onShutdownForceStop(true).build();
            master.start();
            processes.add(master);
            RedisSentinel sentinel = RedisSentinel.newRedisSentinel().bind("127.0.0.1").port(sentinelPort)
                    .masterPort(masterPort).masterName("vgmaster").quorumSize(1).onShutdownForceStop(true).build();
            sentinel.start();
            processes.add(sentinel);
            try (Jedis asker = new Jedis("127.0.0.1", sentinelPort)) {
                assertTrue(eventually(Duration.ofSeconds(10),
                        () -> List.of("127.0.0.1", Integer.toString(masterPort)).equals(asker.sentinelGetMasterAddrByName("vgmaster"))),
                        "the Sentinel should know the master");
            }

            RedisAccess access = access("redis-sentinel://127.0.0.1:" + sentinelPort + "/vgmaster");
            try {
                assertEquals("sentinel 127.0.0.1:" + sentinelPort + " master vgmaster", access.target());
                assertTrue(access.ping());
                exerciseSessions(access);
                assertTrue(access.poolIdle() >= 1, "the master's pool is visible through the Sentinel client: " + access.poolIdle() + " idle");
                assertEquals(0, access.poolActive(), "nothing borrowed once the exercise is over");
            } finally {
                access.close();
            }
        } finally {
            stopAll(processes);
        }
    }

    private static SessionStore store(RedisAccess access) {
        return com.voicegateway.sessions.control.SessionWiring.store(access, 600);
    }

    private static void exerciseSessions(RedisAccess access) {
        SessionStore store = store(access);

        Session created = store.create(OWNER, "greeting", "gemini-2.5-flash", "en", Map.of("name", "Ada"), null);
        assertEquals(created.id(), store.use(created.id(), OWNER).id());
        long first = store.append(created.id(), OWNER, "hello", "hi there", true);
        long second = store.append(created.id(), OWNER, "and now?", "still here", false);
        assertEquals(first + 2, second);
        List<Message> history = store.history(created.id());
        assertEquals(List.of("hello", "hi there", "and now?"), history.stream().map(Message::text).toList(),
                "history holds the complete messages");
        assertEquals(4, store.messages(created.id(), OWNER, 50, null).items().size());
        assertEquals(4, store.use(created.id(), OWNER).messageCount());
        assertTrue(store.list(OWNER, 10, null).items().stream().anyMatch(s -> s.id().equals(created.id())));
        com.voicegateway.sessions.control.TurnLocks locks = com.voicegateway.sessions.control.SessionWiring.locks(access, 30);
        try (com.voicegateway.sessions.control.TurnLock turn = locks.lock(created.id())) {
            assertThrows(com.voicegateway.sessions.entity.SessionBusyException.class, () -> locks.lock(created.id()));
        }
        assertThrows(SessionNotFoundException.class, () -> store.use(created.id(), "someone-else"));
        store.delete(created.id(), OWNER);
        assertThrows(SessionNotFoundException.class, () -> store.use(created.id(), OWNER));
    }

    /** Splits the 16384 slots over the nodes, introduces them to each other and waits for cluster_state:ok everywhere. */
    private static void formCluster(List<Integer> ports) {
        int slotsPerNode = 16384 / ports.size();
        for (int n = 0; n < ports.size(); n++) {
            int from = n * slotsPerNode;
            int to = n == ports.size() - 1 ? 16384 : from + slotsPerNode;
            try (Jedis node = new Jedis("127.0.0.1", ports.get(n))) {
                node.clusterAddSlots(IntStream.range(from, to).toArray());
                for (int other : ports) {
                    if (other != ports.get(n)) {
                        node.clusterMeet("127.0.0.1", other);
                    }
                }
            }
        }
        for (int port : ports) {
            try (Jedis node = new Jedis("127.0.0.1", port)) {
                assertTrue(eventually(Duration.ofSeconds(20), () -> node.clusterInfo().contains("cluster_state:ok")),
                        "cluster should form on node " + port + ": " + node.clusterInfo());
            }
        }
    }

    /** A RedisAccess on {@code url}, opened, built by hand (no CDI here). */
    private static RedisAccess access(String url) {
        RedisAccess access = HandWiring.access(url, 8, 1, false, HandWiring.noOpMetrics());
        access.open();
        return access;
    }

    private static void stopAll(List<Redis> processes) throws IOException {
        for (Redis process : processes) {
            process.stop();
        }
    }

    /** Free ports whose cluster bus port (+10000) is free as well. */
    private static List<Integer> clusterPorts(int count) throws IOException {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < count) {
            int port = freePort();
            if (port + 10000 <= 65535 && !ports.contains(port) && free(port + 10000)) {
                ports.add(port);
            }
        }
        return ports;
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
