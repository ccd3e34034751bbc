package com.voicegateway.devredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The development Redis as a real redis-server process: persistence across a SIGKILL and a restart, and supervision. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedRedisTest {

    @TempDir
    Path dir;

    @Test
    void aKilledServerIsStartedAgainAfterItsDelayWithEveryAcknowledgedWrite() throws Exception {
        try (EmbeddedRedis redis = EmbeddedRedis.start(0, new EmbeddedRedis.Options(dir, "everysec", 300))) {
            for (int i = 0; i < 100; i++) {
                assertEquals("+OK", command(redis.port(), "SET", "key" + i, "value" + i));
            }
            long pid = redis.pid();
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
            assertTrue(process.destroyForcibly());
            process.onExit().get(10, TimeUnit.SECONDS);

            assertTrue(eventually(Duration.ofSeconds(20), () -> redis.restarts() == 1), "restarted once");
            assertNotEquals(pid, redis.pid(), "a new process");
            for (int i = 0; i < 100; i++) {
                assertEquals("value" + i, command(redis.port(), "GET", "key" + i), "acknowledged write " + i);
            }
        }
    }

    @Test
    void aServerStoppedAndStartedOnItsDirectoryKeepsItsData() throws Exception {
        int port;
        try (EmbeddedRedis redis = EmbeddedRedis.start(0, new EmbeddedRedis.Options(dir, "everysec", 300))) {
            port = redis.port();
            assertEquals("+OK", command(port, "SET", "kept", "across a restart of the gateway"));
        }
        try (EmbeddedRedis again = EmbeddedRedis.start(port, new EmbeddedRedis.Options(dir, "everysec", 300))) {
            assertEquals("across a restart of the gateway", command(port, "GET", "kept"));
        }
    }

    @Test
    void aClosedServerIsNotRestarted() throws Exception {
        EmbeddedRedis redis = EmbeddedRedis.start(0, new EmbeddedRedis.Options(null, "everysec", 0));
        ProcessHandle process = ProcessHandle.of(redis.pid()).orElseThrow();
        redis.close();
        process.onExit().get(10, TimeUnit.SECONDS);
        Thread.sleep(500);
        assertEquals(0, redis.restarts());
        assertTrue(ProcessHandle.current().children().noneMatch(child -> child.isAlive()
                && child.info().command().orElse("").contains("redis-server") && child.pid() == process.pid()));
        assertThrows(IOException.class, () -> command(redis.port(), "PING"), "nothing listens any more");
    }

    @Test
    void settingsDefaultToAPersistentServerInTheUsersHomeOnePerPort() {
        EmbeddedRedis.Options defaults = DevRedis.options(name -> Optional.empty(), 6379);
        assertEquals(Path.of(System.getProperty("user.home"), ".voice-gateway", "redis-6379"), defaults.dir());
        assertEquals("everysec", defaults.appendfsync());
        assertEquals(500, defaults.restartDelayMs());

        Map<String, String> set = Map.of("redis.embedded.dir", "redis-data", "redis.embedded.appendfsync", "ALWAYS",
                "redis.embedded.restart-delay-ms", "8000");
        EmbeddedRedis.Options configured = DevRedis.options(name -> Optional.ofNullable(set.get(name)), 19379);
        assertEquals(Path.of("redis-data"), configured.dir());
        assertEquals("always", configured.appendfsync());
        assertEquals(8000, configured.restartDelayMs());

        assertNull(DevRedis.options(name -> "redis.embedded.persistent".equals(name) ? Optional.of("false") : Optional.empty(), 6379).dir());
        assertThrows(IllegalArgumentException.class,
                () -> DevRedis.options(name -> "redis.embedded.appendfsync".equals(name) ? Optional.of("sometimes") : Optional.empty(), 1));
        assertThrows(IllegalArgumentException.class,
                () -> DevRedis.options(name -> "redis.embedded.persistent".equals(name) ? Optional.of("yes") : Optional.empty(), 1));
        assertThrows(IllegalArgumentException.class,
                () -> DevRedis.options(name -> "redis.embedded.restart-delay-ms".equals(name) ? Optional.of("soon") : Optional.empty(), 1));
    }

    /** One RESP command on a fresh connection; the reply's first line ("+OK"), or the bulk string's value. */
    private static String command(int port, String... words) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
            for (String word : words) {
                request.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String first = in.readLine();
            if (first == null) {
                throw new IOException("no reply");
            }
            if (first.startsWith("$")) {
                return Integer.parseInt(first.substring(1)) < 0 ? null : in.readLine();
            }
            return first;
        }
    }

    private static boolean eventually(Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }
}
