package com.voicegateway.redis.control;

import java.util.Map;
import com.voicegateway.redis.entity.RedisSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.redis.control.RedisEndpoint.Mode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

class RedisEndpointTest {

    @Test
    void standaloneWithDefaults() {
        RedisEndpoint endpoint = RedisEndpoint.parse("redis://cache.internal");
        assertEquals(Mode.STANDALONE, endpoint.mode());
        assertEquals(List.of(new HostAndPort("cache.internal", 6379)), endpoint.nodes());
        assertNull(endpoint.user());
        assertNull(endpoint.password());
        assertEquals(0, endpoint.database());
        assertFalse(endpoint.ssl());
    }

    @Test
    void standaloneWithUserPasswordDatabaseAndTls() {
        RedisEndpoint endpoint = RedisEndpoint.parse("rediss://gateway:s%40cr%3At+x@10.0.0.5:6380/3");
        assertEquals(Mode.STANDALONE, endpoint.mode());
        assertEquals(List.of(new HostAndPort("10.0.0.5", 6380)), endpoint.nodes());
        assertEquals("gateway", endpoint.user());
        assertEquals("s@cr:t+x", endpoint.password(), "percent-decoded, and '+' is not a space in user info");
        assertEquals(3, endpoint.database());
        assertTrue(endpoint.ssl());
    }

    @Test
    void passwordWithoutUserInBothSpellings() {
        assertEquals("secret", RedisEndpoint.parse("redis://:secret@host:6379/0").password());
        assertNull(RedisEndpoint.parse("redis://:secret@host:6379/0").user());
        assertEquals("secret", RedisEndpoint.parse("redis://secret@host").password());
        assertNull(RedisEndpoint.parse("redis://secret@host").user());
    }

    @Test
    void ipv6Host() {
        assertEquals(List.of(new HostAndPort("::1", 7000)), RedisEndpoint.parse("redis://[::1]:7000").nodes());
        assertEquals(List.of(new HostAndPort("fe80::2", 6379)), RedisEndpoint.parse("redis://[fe80::2]").nodes());
    }

    @Test
    void sentinelWithSeveralSentinelsMasterAndDatabase() {
        RedisEndpoint endpoint = RedisEndpoint.parse("redis-sentinel://:pw@s1:26380,s2,s3:26381/mymaster/2");
        assertEquals(Mode.SENTINEL, endpoint.mode());
        assertEquals(List.of(new HostAndPort("s1", 26380), new HostAndPort("s2", 26379), new HostAndPort("s3", 26381)),
                endpoint.nodes());
        assertEquals("mymaster", endpoint.master());
        assertEquals("pw", endpoint.password());
        assertEquals(2, endpoint.database());
        assertFalse(endpoint.ssl());
        assertTrue(RedisEndpoint.parse("rediss-sentinel://s1/m").ssl());
    }

    @Test
    void clusterWithSeveralNodes() {
        RedisEndpoint endpoint = RedisEndpoint.parse("rediss-cluster://u:p@n1:7000,n2:7001,n3");
        assertEquals(Mode.CLUSTER, endpoint.mode());
        assertEquals(List.of(new HostAndPort("n1", 7000), new HostAndPort("n2", 7001), new HostAndPort("n3", 6379)),
                endpoint.nodes());
        assertEquals("u", endpoint.user());
        assertTrue(endpoint.ssl());
    }

    @Test
    void settingsOverrideTheUrl() {
        RedisEndpoint endpoint = RedisEndpoint.parse("redis://old:1/1")
                .with(Optional.of("sentinel"), Optional.of("a:26379, b:26380"), Optional.of("primary"),
                        Optional.of("svc"), Optional.of("from-secret"));
        assertEquals(Mode.SENTINEL, endpoint.mode());
        assertEquals(List.of(new HostAndPort("a", 26379), new HostAndPort("b", 26380)), endpoint.nodes());
        assertEquals("primary", endpoint.master());
        assertEquals("svc", endpoint.user());
        assertEquals("from-secret", endpoint.password());
        assertEquals(1, endpoint.database());
    }

    @Test
    void blankSettingsLeaveTheUrlAlone() {
        RedisEndpoint url = RedisEndpoint.parse("redis://u:p@h:1/2");
        assertEquals(url, url.with(Optional.of(" "), Optional.empty(), Optional.of(""), Optional.empty(), Optional.of("")));
    }

    @Test
    void wrongAddressesSayWhatIsWrong() {
        assertMessage("scheme must be", () -> RedisEndpoint.parse("http://host"));
        assertMessage("no scheme", () -> RedisEndpoint.parse("host:6379"));
        assertMessage("not a port number", () -> RedisEndpoint.parse("redis://host:port"));
        assertMessage("out of range", () -> RedisEndpoint.parse("redis://host:70000"));
        assertMessage("not a database number", () -> RedisEndpoint.parse("redis://host/zero"));
        assertMessage("takes one host", () -> RedisEndpoint.parse("redis://a,b"));
        assertMessage("master's name", () -> RedisEndpoint.parse("redis-sentinel://s1:26379"));
        assertMessage("only database 0", () -> RedisEndpoint.parse("redis-cluster://n1/1"));
        assertMessage("names no host", () -> RedisEndpoint.parse("redis://"));
        assertMessage("query parameters", () -> RedisEndpoint.parse("redis://h?ssl=true"));
        assertMessage("standalone, sentinel or cluster", () -> RedisEndpoint.parse("redis://h").with(Optional.of("ring"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void theTargetAndErrorsNeverShowThePassword() {
        RedisEndpoint endpoint = RedisEndpoint.parse("rediss-sentinel://u:hunter2@s1,s2/m/1");
        assertEquals("sentinel s1:26379,s2:26379 master m/1 (TLS)", endpoint.target());
        assertFalse(endpoint.toString().contains("hunter2"));
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> RedisEndpoint.parse("redis://u:hunter2@h:nope"));
        assertFalse(wrong.getMessage().contains("hunter2"), wrong.getMessage());
        assertEquals("cluster n1:7000 (TLS)", RedisEndpoint.parse("rediss-cluster://n1:7000").target());
        assertEquals("h:6379/4", RedisEndpoint.parse("redis://h/4").target());
    }

    @Test
    void accessResolvesUrlSettingsAndNodesWithoutConnecting() {
        RedisAccess access = access();
        assertEquals("127.0.0.1:6379", access.endpoint().target(), "nothing configured: the local default, where the development Redis runs");

        access.settings = RedisSettings.of(Map.of("redis.nodes", "n1:7000,n2:7001", "redis.mode", "cluster", "redis.ssl", "true"));
        RedisEndpoint nodesOnly = access.endpoint();
        assertEquals(Mode.CLUSTER, nodesOnly.mode());
        assertEquals(2, nodesOnly.nodes().size());
        assertTrue(nodesOnly.ssl());

        access = access();
        access.settings = RedisSettings.of(Map.of("redis.url", "redis://h:6380/5", "redis.password", "from-env"));
        RedisEndpoint url = access.endpoint();
        assertEquals("from-env", url.password());
        assertEquals(5, url.database());

        access.settings = RedisSettings.of(Map.of("redis.url", "redis://h:6380/5", "redis.password", "from-env",
                "redis.timeout-ms", "1234", "redis.connect-timeout-ms", "321"));
        JedisClientConfig data = access.clientConfig(url, true);
        assertEquals(1234, data.getSocketTimeoutMillis());
        assertEquals(321, data.getConnectionTimeoutMillis());
        assertEquals("from-env", data.getPassword());
        assertEquals(5, data.getDatabase());
        JedisClientConfig sentinels = access.clientConfig(url, false);
        assertNull(sentinels.getPassword(), "Sentinels do not get the data nodes' password");
        assertEquals(0, sentinels.getDatabase());
    }

    private static RedisAccess access() {
        RedisAccess access = new RedisAccess();
        access.settings = RedisSettings.defaults();
        return access;
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable parse) {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, parse);
        assertTrue(wrong.getMessage().contains(expected), () -> "'" + wrong.getMessage() + "' should say '" + expected + "'");
    }
}
