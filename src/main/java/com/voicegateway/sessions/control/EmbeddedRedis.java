package com.voicegateway.sessions.control;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.logging.Logger;
import redis.embedded.RedisServer;

/**
 * A real redis-server (shipped inside embedded-redis) on a free loopback port, for development and
 * tests when no {@code REDIS_URL} is configured. Not persistent: data lives as long as the server.
 */
final class EmbeddedRedis implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedRedis.class.getName());

    private final RedisServer server;
    private final int port;

    private EmbeddedRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static EmbeddedRedis start(int requestedPort) throws IOException {
        int port = requestedPort > 0 ? requestedPort : freePort();
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .setting("maxmemory 256mb")
                .onShutdownForceStop(true)
                .build();
        server.start();
        LOG.info(() -> "Embedded redis-server started on 127.0.0.1:" + port + " (set REDIS_URL to use your own Redis)");
        return new EmbeddedRedis(server, port);
    }

    int port() {
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
