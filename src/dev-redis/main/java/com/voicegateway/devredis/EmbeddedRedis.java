package com.voicegateway.devredis;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * A real redis-server (shipped inside embedded-redis) on a loopback port, for development runs
 * ({@link DevRedis}) and tests; never part of the production EAR. It behaves like a Redis an
 * operator runs:
 * <ul>
 * <li><b>Persistent</b> when it has a directory: an append-only file ({@code gateway.aof}) with the
 * chosen {@code appendfsync} policy, reloaded by the next redis-server started on that directory.
 * Redis writes the file before it answers, so an acknowledged write survives a SIGKILL of
 * redis-server under any policy ({@code everysec} loses at most a second only if the machine
 * itself goes down; {@code always} not even then).</li>
 * <li><b>Supervised</b>: when the process dies without {@link #close()}, it is logged and started
 * again on the same port and directory, after {@code restartDelayMs}, doubling up to 30 s while
 * starts fail; a server that has run a minute starts the count afresh. Never while the JVM exits, and
 * a JVM that exits without {@link #close()} stops its server: none is left running behind it (one
 * restarted during a long shutdown once held the IT port for the next build).</li>
 * </ul>
 */
public final class EmbeddedRedis implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedRedis.class.getName());
    private static final long MAX_RESTART_DELAY_MS = 30_000;
    private static final long STABLE_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final List<String> FSYNC_POLICIES = List.of("always", "everysec", "no");

    /**
     * How the server keeps its data and is restarted.
     *
     * @param dir null: nothing on disk, the data lives as long as the process
     * @param appendfsync {@code always}, {@code everysec} or {@code no} (Redis' own policies)
     * @param restartDelayMs the wait before the first restart of a server that died
     */
    public record Options(Path dir, String appendfsync, long restartDelayMs) {
        public Options {
            appendfsync = appendfsync.trim().toLowerCase(Locale.ROOT);
            if (!FSYNC_POLICIES.contains(appendfsync)) {
                throw new IllegalArgumentException("appendfsync is always, everysec or no, not " + appendfsync);
            }
            if (restartDelayMs < 0) {
                throw new IllegalArgumentException("the restart delay is 0 ms or more, not " + restartDelayMs);
            }
        }

        public static Options inMemory() {
            return new Options(null, "everysec", 500);
        }
    }

    private final int port;
    private final Options options;
    private final ScheduledExecutorService supervisor;
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile RedisServer server;
    private volatile ProcessHandle process;
    private volatile boolean closed;
    /** Stops the server when the JVM exits without {@link #close()}: no redis-server outlives the JVM that started it. */
    private final Thread stopAtExit;
    private long startedNanos;
    private long nextDelayMs;
    private int failedStarts;

    private EmbeddedRedis(int port, Options options) {
        this.port = port;
        this.options = options;
        this.nextDelayMs = options.restartDelayMs();
        this.stopAtExit = new Thread(this::stopQuietly, "dev-redis-stop-" + port);
        this.supervisor = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "dev-redis-supervisor-" + port);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the server and its supervision; a server that cannot start at all is an exception here. */
    public static EmbeddedRedis start(int requestedPort, Options options) throws IOException {
        int port = requestedPort > 0 ? requestedPort : freePort();
        EmbeddedRedis redis = new EmbeddedRedis(port, options);
        try {
            redis.launch();
        } catch (IOException | RuntimeException failed) {
            redis.supervisor.shutdownNow();
            throw failed;
        }
        Runtime.getRuntime().addShutdownHook(redis.stopAtExit);
        LOG.info(() -> "Embedded redis-server started on 127.0.0.1:" + port + " (pid " + redis.pid() + ", "
                + (options.dir() == null ? "not persistent" : "append-only file in " + options.dir().toAbsolutePath()
                        + ", appendfsync " + options.appendfsync()) + ", restarted if it dies)");
        return redis;
    }

    /** The server's settings: loopback, no RDB snapshots, 256 MB, and the append-only file when there is a directory. */
    static RedisServerBuilder server(int port, Options options) throws IOException {
        RedisServerBuilder server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("maxmemory 256mb")
                .onShutdownForceStop(true);
        if (options.dir() == null) {
            return server.setting("appendonly no");
        }
        Path absolute = Files.createDirectories(options.dir()).toAbsolutePath();
        return server.setting("dir \"" + absolute + "\"")
                .setting("appendonly yes")
                .setting("appendfsync " + options.appendfsync())
                .setting("appendfilename \"gateway.aof\"");
    }

    public int port() {
        return port;
    }

    /** The redis-server process running now (it changes with every restart), or -1 between a death and its restart. */
    public long pid() {
        ProcessHandle running = process;
        return running == null || !running.isAlive() ? -1 : running.pid();
    }

    /** How many times a dead server was started again. */
    public int restarts() {
        return restarts.get();
    }

    /** Stops the server and its supervision: a server stopped here is not restarted. */
    @Override
    public void close() throws IOException {
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // the JVM is running its hooks, this one among them
        }
        supervisor.shutdownNow();
        RedisServer running = server;
        if (running != null) {
            running.stop();
        }
    }

    private synchronized void launch() throws IOException {
        RedisServer started = server(port, options).build();
        started.start();
        server = started;
        startedNanos = System.nanoTime();
        ProcessHandle child = child().orElse(null);
        process = child;
        if (child == null) {
            LOG.warning(() -> "Embedded redis-server on 127.0.0.1:" + port + " started, but its process is not found: "
                    + "it will not be restarted if it dies");
            return;
        }
        child.onExit().thenRun(() -> exited(child));
    }

    private void exited(ProcessHandle dead) {
        if (closed || dead != process || jvmExiting()) {
            return; // stopped on purpose, or by the JVM's exit (embedded-redis' own hook): nothing to restart
        }
        synchronized (this) {
            if (System.nanoTime() - startedNanos > STABLE_NANOS) {
                nextDelayMs = options.restartDelayMs();
                failedStarts = 0;
            }
        }
        LOG.warning(() -> "Embedded redis-server on 127.0.0.1:" + port + " (pid " + dead.pid() + ") died; starting it again in "
                + nextDelayMs + " ms" + (options.dir() == null ? " (not persistent: its data is gone)" : " from its append-only file"));
        schedule();
    }

    private void schedule() {
        if (closed) {
            return;
        }
        try {
            supervisor.schedule(this::restart, nextDelayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // closed meanwhile
        }
    }

    private void restart() {
        if (closed || jvmExiting()) {
            return; // a server started now would outlive the JVM
        }
        try {
            RedisServer old = server;
            if (old != null) {
                old.stop(); // the dead process's streams and flags; never blocks on a process that is gone
            }
            launch();
            restarts.incrementAndGet();
            synchronized (this) {
                failedStarts = 0;
                nextDelayMs = options.restartDelayMs();
            }
            LOG.info(() -> "Embedded redis-server on 127.0.0.1:" + port + " is running again (pid " + pid() + ", restart "
                    + restarts.get() + ")");
        } catch (IOException | RuntimeException failed) {
            synchronized (this) {
                failedStarts++;
                nextDelayMs = Math.min(MAX_RESTART_DELAY_MS, Math.max(100, nextDelayMs * 2));
            }
            LOG.log(Level.WARNING, "Embedded redis-server on 127.0.0.1:{0} did not start again (attempt {1}): {2}; next try in {3} ms",
                    new Object[] {Integer.toString(port), failedStarts, failed.getMessage(), nextDelayMs});
            schedule();
        }
    }

    private void stopQuietly() {
        closed = true;
        supervisor.shutdownNow();
        RedisServer running = server;
        if (running != null) {
            try {
                running.stop();
            } catch (IOException | RuntimeException gone) {
                // exiting anyway
            }
        }
    }

    /** Whether the JVM has begun to exit (no shutdown hook can be added then). */
    private static boolean jvmExiting() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException exiting) {
            return true;
        }
    }

    /** The redis-server this JVM started on our port: its title is "redis-server 127.0.0.1:port", or "--port port" before that. */
    private Optional<ProcessHandle> child() {
        Pattern ourPort = Pattern.compile("(?:[:\\s]|--port\\s+)" + port + "(?:\\s|$)");
        return ProcessHandle.current().children()
                .filter(ProcessHandle::isAlive)
                .filter(child -> {
                    String line = commandLine(child);
                    return line.contains("redis-server") && ourPort.matcher(line).find();
                })
                .findFirst();
    }

    private static String commandLine(ProcessHandle process) {
        try {
            Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
            if (Files.isReadable(cmdline)) {
                return new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ');
            }
        } catch (IOException | RuntimeException gone) {
            // fall back to what the JDK knows
        }
        return process.info().command().orElse("") + " " + String.join(" ", process.info().arguments().orElse(new String[0]));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
