package com.voicegateway.devredis;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * A real redis-server (shipped inside embedded-redis) on a loopback port, for development runs
 * ({@link DevRedis}) and tests; never part of the production EAR. Without a directory it keeps nothing on disk: data lives
 * as long as the process. With one ({@code redis.embedded.dir}) it writes an append-only file
 * fsynced on every write, so everything it acknowledged survives even a SIGKILL and is reloaded
 * by the next redis-server started on that directory.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedRedis.class.getName());

    private final RedisServer server;
    private final int port;

    private EmbeddedRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** {@code dir} null: not persistent. */
    public static EmbeddedRedis start(int requestedPort, Path dir) throws IOException {
        int port = requestedPort > 0 ? requestedPort : freePort();
        RedisServer server = server(port, dir).build();
        server.start();
        LOG.info(() -> "Embedded redis-server started on 127.0.0.1:" + port
                + (dir == null ? " (not persistent)" : " (append-only file in " + dir.toAbsolutePath() + ")"));
        return new EmbeddedRedis(server, port);
    }

    /**
     * The server's settings, so that a test can start an identical server on the same port
     * and directory (after killing this one) and have it reload the same append-only file.
     */
    public static RedisServerBuilder server(int port, Path dir) throws IOException {
        RedisServerBuilder server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("maxmemory 256mb")
                .onShutdownForceStop(true);
        if (dir == null) {
            return server.setting("appendonly no");
        }
        Path absolute = Files.createDirectories(dir).toAbsolutePath();
        // appendfsync always: a write is on disk before Redis answers it, so an acknowledged write survives a crash
        return server.setting("dir \"" + absolute + "\"")
                .setting("appendonly yes")
                .setting("appendfsync always")
                .setting("appendfilename \"gateway.aof\"");
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException {
        server.stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
