package com.voicegateway.faults;

import com.voicegateway.ItServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The IT server's JVM as the kernel and the JVM see it: threads, open file descriptors, and the live
 * heap after a full collection (the class histogram's total, by jcmd). Read from this machine's
 * /proc, because the IT server runs here.
 */
record ServerResources(int threads, int fds, long liveHeapBytes) {

    static ServerResources now() {
        ProcessHandle server = ItServer.process();
        return new ServerResources(threads(server), fds(server), liveHeap(server));
    }

    /** Whether this is within {@code slack} of {@code before}: what a leak would exceed. */
    String growthOver(ServerResources before, int threadSlack, int fdSlack, long heapSlackBytes) {
        StringBuilder grown = new StringBuilder();
        if (threads > before.threads + threadSlack) {
            grown.append("threads ").append(before.threads).append(" -> ").append(threads).append("; ");
        }
        if (fds > before.fds + fdSlack) {
            grown.append("fds ").append(before.fds).append(" -> ").append(fds).append("; ");
        }
        if (liveHeapBytes > before.liveHeapBytes + heapSlackBytes) {
            grown.append("live heap ").append(before.liveHeapBytes >> 20).append(" -> ").append(liveHeapBytes >> 20).append(" MiB");
        }
        return grown.toString();
    }

    private static int threads(ProcessHandle server) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(server.pid()), "task"))) {
            return (int) tasks.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int fds(ProcessHandle server) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(server.pid()), "fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long liveHeap(ProcessHandle server) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            Process histogram = new ProcessBuilder(jcmd, Long.toString(server.pid()), "GC.class_histogram").redirectErrorStream(true).start();
            String out = new String(histogram.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            histogram.waitFor(60, TimeUnit.SECONDS);
            String total = out.lines().filter(l -> l.startsWith("Total")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no class histogram: " + out));
            String[] cells = total.trim().split("\\s+");
            return Long.parseLong(cells[cells.length - 1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
