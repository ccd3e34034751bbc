package com.voicegateway.perf;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The reference of the live-voice frame gap: what this machine, this client and a WebSocket give
 * when a server does nothing but pace frames. A JVM of its own ({@link #main}: JDK only, raw
 * sockets) accepts N WebSockets and sends each "replies" of 120 binary frames of 60 bytes (2.4 s of
 * 20 ms Opus at 24 kbit/s), one frame per 20 ms tick from a two-thread scheduled pool as the
 * gateway's pacer does, then 3.5-5 s of nothing; it reads and drops what the client sends. The
 * client side is the capacity benchmark's own: the same HttpClients, every socket sending a 60-byte
 * frame every 20 ms from one ticker (the callers' microphones), arrival times taken in the
 * listener. Whatever gap this shows is the floor under the gateway's figure in the same run:
 * scheduling, wake-up latency, the JDK WebSocket client's hand-offs and GC on both ends, with no
 * decoding, encoding, JSON or upstream at all.
 */
final class PacingReference {

    static final int FRAME_BYTES = 60;
    static final int REPLY_FRAMES = 120;
    /** Gaps at or above this are between replies, not inside one. */
    private static final long REPLY_BREAK_NANOS = 1_000_000_000L;

    /** What one reference run measured: the in-reply gaps within the window, counted as the callers' are. */
    record Result(int sessions, int connected, LiveCounts counts) {
    }

    private PacingReference() {
    }

    /** Starts the reference server in a JVM of its own, runs N sockets against it as the benchmark's callers, stops it. */
    static Result measure(List<HttpClient> clients, int n, Duration ramp, Duration warmup, Duration measure)
            throws IOException, InterruptedException {
        Process server = startServer();
        try {
            int port = readPort(server);
            return run(clients, URI.create("ws://127.0.0.1:" + port + "/"), n, ramp, warmup, measure);
        } finally {
            server.destroy();
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static Process startServer() throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        String classes;
        try {
            classes = new File(PacingReference.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        return new ProcessBuilder(java, "-Xmx256m", "-cp", classes, PacingReference.class.getName())
                .redirectErrorStream(true).start();
    }

    private static int readPort(Process server) throws IOException {
        StringBuilder line = new StringBuilder();
        InputStream in = server.getInputStream();
        for (int c; (c = in.read()) >= 0 && c != '\n';) {
            line.append((char) c);
        }
        if (!line.toString().startsWith("port ")) {
            throw new IOException("the reference server did not start: " + line);
        }
        return Integer.parseInt(line.substring(5).trim());
    }

    private static Result run(List<HttpClient> clients, URI uri, int n, Duration ramp, Duration warmup, Duration measure)
            throws InterruptedException {
        long origin = System.nanoTime();
        long windowStart = origin + ramp.toNanos() + warmup.toNanos();
        long windowEnd = windowStart + measure.toNanos();
        Receiver[] receivers = new Receiver[n];
        WebSocket[] sockets = new WebSocket[n];
        long stagger = n > 1 ? ramp.toNanos() / n : 0;
        int connected = 0;
        for (int i = 0; i < n; i++) {
            LockSupport.parkNanos(Math.max(0, origin + i * stagger - System.nanoTime()));
            receivers[i] = new Receiver(windowStart, windowEnd);
            try {
                sockets[i] = clients.get(i % clients.size()).newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                        .buildAsync(uri, receivers[i]).get(10, TimeUnit.SECONDS);
                connected++;
            } catch (Exception failed) {
                sockets[i] = null;
            }
        }
        // the callers' microphones: one ticker, a frame from every socket per 20 ms, by absolute time
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ByteBuffer uplink = ByteBuffer.wrap(new byte[FRAME_BYTES]);
        ticker.scheduleAtFixedRate(() -> {
            for (WebSocket socket : sockets) {
                if (socket != null && !socket.isOutputClosed()) {
                    socket.sendBinary(uplink.duplicate(), true);
                }
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        LockSupport.parkNanos(Math.max(0, windowEnd - System.nanoTime()) + 3_000_000_000L); // replies under way end
        ticker.shutdownNow();
        for (WebSocket socket : sockets) {
            if (socket != null) {
                socket.abort();
            }
        }
        LiveCounts total = new LiveCounts();
        for (Receiver receiver : receivers) {
            synchronized (receiver) {
                total.merge(receiver.counts);
            }
        }
        return new Result(n, connected, total);
    }

    /** Arrival times of one socket's frames; a gap counts when the reply it is in began inside the window. */
    private static final class Receiver implements WebSocket.Listener {
        private final long windowStart;
        private final long windowEnd;
        final LiveCounts counts = new LiveCounts();
        private long last;
        private boolean replyCounted;

        Receiver(long windowStart, long windowEnd) {
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public synchronized CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean lastPart) {
            long now = System.nanoTime();
            long gap = now - last;
            if (last == 0 || gap >= REPLY_BREAK_NANOS) {
                replyCounted = now >= windowStart && now < windowEnd;
            } else if (replyCounted) {
                counts.frameGap(gap);
            }
            if (replyCounted) {
                counts.replyFrames++;
            }
            last = now;
            webSocket.request(1);
            return null;
        }
    }

    // --- the server, in its own JVM

    /** Listens on an ephemeral loopback port, prints {@code port <n>}, and paces replies to every socket until killed. */
    public static void main(String[] args) throws IOException {
        ScheduledThreadPoolExecutor pacer = new ScheduledThreadPoolExecutor(2);
        pacer.setRemoveOnCancelPolicy(true);
        try (ServerSocket listening = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress())) {
            System.out.println("port " + listening.getLocalPort());
            System.out.flush();
            while (true) {
                Socket socket = listening.accept();
                socket.setTcpNoDelay(true);
                Thread reader = new Thread(() -> serve(socket, pacer), "reference-" + socket.getPort());
                reader.setDaemon(true);
                reader.start();
            }
        }
    }

    private static void serve(Socket socket, ScheduledThreadPoolExecutor pacer) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String key = null;
            StringBuilder line = new StringBuilder();
            while (true) {
                int c = in.read();
                if (c < 0) {
                    return;
                }
                if (c == '\n') {
                    String header = line.toString().trim();
                    line.setLength(0);
                    if (header.isEmpty()) {
                        break;
                    }
                    if (header.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                        key = header.substring(header.indexOf(':') + 1).trim();
                    }
                } else {
                    line.append((char) c);
                }
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Replies replies = new Replies(out, pacer);
            replies.next(ThreadLocalRandom.current().nextLong(500, 4000));
            byte[] discard = new byte[8192];
            while (in.read(discard) >= 0) {
                // the callers' frames are read and dropped
            }
            replies.stop();
        } catch (IOException | RuntimeException closed) {
            // the client went: nothing to keep
        }
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One socket's replies: 120 frames on the pacer's 20 ms ticks, then 3.5-5 s of nothing, again and again. */
    private static final class Replies {
        private final OutputStream out;
        private final ScheduledThreadPoolExecutor pacer;
        private final byte[] frame = new byte[2 + FRAME_BYTES];
        private volatile java.util.concurrent.ScheduledFuture<?> task;
        private volatile boolean stopped;
        private int sent;

        Replies(OutputStream out, ScheduledThreadPoolExecutor pacer) {
            this.out = out;
            this.pacer = pacer;
            frame[0] = (byte) 0x82;
            frame[1] = (byte) FRAME_BYTES;
        }

        void next(long afterMs) {
            if (!stopped) {
                sent = 0;
                task = pacer.scheduleAtFixedRate(this::tick, afterMs, 20, TimeUnit.MILLISECONDS);
            }
        }

        private synchronized void tick() {
            try {
                out.write(frame);
                out.flush();
            } catch (IOException gone) {
                stop();
                return;
            }
            if (++sent == REPLY_FRAMES) {
                task.cancel(false);
                next(ThreadLocalRandom.current().nextLong(3500, 5000));
            }
        }

        void stop() {
            stopped = true;
            java.util.concurrent.ScheduledFuture<?> running = task;
            if (running != null) {
                running.cancel(false);
            }
        }
    }
}
