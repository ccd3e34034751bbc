package com.voicegateway.audio.control;

import java.util.Map;
import com.voicegateway.audio.entity.AudioSettings;
import com.voicegateway.audio.entity.AudioKind;
import com.voicegateway.audio.entity.SpooledUpload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Benchmark P8 (not a test): an audio upload streamed through {@link UploadSpool#spool} (to a temp
 * file under /tmp, SHA-256 computed on the way and checked against a matching {@code Repr-Digest},
 * kind sniffed), then closed (file deleted). One operation is one upload of {@code bytes} (50 MB =
 * 52428800 bytes, the default limit, and 1 MB to show the per-upload overhead), one thread. The body
 * is a WAV header followed by pseudo-random non-zero bytes from a small repeated buffer, generated
 * as it is read and never held whole. {@link #main} prints MB/s (MB = 2^20 bytes, so 50 MB / time
 * per operation), then measures single uploads outside JMH: the bytes the spooling thread allocated
 * ({@code com.sun.management.ThreadMXBean}) and the heap growth (used heap just after the upload
 * minus used heap after a GC before it, with the number of GCs in between; see {@link #probe}).
 *
 * <p>Run:
 * <pre>
 * mvn -q -f src/pom.xml test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=com.voicegateway.audio.control.UploadThroughputBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
// in-process: exec:java runs in Maven's JVM, whose class path a forked JVM would not get
@Fork(0)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class UploadThroughputBenchmark {

    private static final long MB = 1024 * 1024;
    private static final long FIFTY_MB = 50 * MB;
    private static final int WAV_HEADER = 44;
    /** Repeated body pattern: small, and a length that does not divide the spool's 64 KiB reads. */
    private static final byte[] PATTERN = pattern(61 * 1024 + 7);

    @Param({"52428800", "1048576"})
    public long bytes;

    private Path folder;
    private UploadSpool spool;
    private String reprDigest;

    @Setup(Level.Trial)
    public void start() throws IOException {
        folder = Files.createTempDirectory(Path.of("/tmp"), "vg-p8-bench-");
        spool = spoolIn(folder);
        reprDigest = reprDigestOf(bytes);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        try (Stream<Path> left = Files.list(folder)) {
            long files = left.count();
            if (files != 0) {
                throw new IllegalStateException(files + " spooled files left in " + folder);
            }
        }
        Files.delete(folder);
    }

    @Benchmark
    public long upload() {
        try (SpooledUpload upload = spool.spool(body(bytes), bytes, reprDigest)) {
            if (upload.bytes() != bytes || upload.kind() != AudioKind.WAV) {
                throw new IllegalStateException("spooled " + upload);
            }
            return upload.bytes();
        }
    }

    static UploadSpool spoolIn(Path folder) {
        UploadSpool spool = new UploadSpool();
        spool.settings = AudioSettings.of(Map.of("gateway.audio.max-upload-bytes", Long.toString(FIFTY_MB),
                "gateway.audio.temp-dir", folder.toString()));
        spool.start();
        return spool;
    }

    /** {@code Repr-Digest: sha-256=:<base64>:} of {@link #body}, computed by streaming it once. */
    static String reprDigestOf(long size) {
        try (InputStream in = body(size)) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
            }
            return "sha-256=:" + Base64.getEncoder().encodeToString(sha256.digest()) + ":";
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 16 kHz mono 16-bit WAV header, then {@code size - 44} bytes of {@link #PATTERN} repeated. */
    static InputStream body(long size) {
        byte[] header = ByteBuffer.allocate(WAV_HEADER).order(ByteOrder.LITTLE_ENDIAN)
                .put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (size - 8))
                .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put("fmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(16_000).putInt(32_000)
                .putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) (size - WAV_HEADER)).array();
        return new InputStream() {
            private long at;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - at);
                int done = 0;
                while (done < n) {
                    int chunk;
                    if (at < WAV_HEADER) {
                        chunk = (int) Math.min(n - done, WAV_HEADER - at);
                        System.arraycopy(header, (int) at, b, off + done, chunk);
                    } else {
                        int p = (int) ((at - WAV_HEADER) % PATTERN.length);
                        chunk = Math.min(n - done, PATTERN.length - p);
                        System.arraycopy(PATTERN, p, b, off + done, chunk);
                    }
                    done += chunk;
                    at += chunk;
                }
                return n;
            }
        };
    }

    private static byte[] pattern(int length) {
        byte[] pattern = new byte[length];
        Random random = new Random(8);
        for (int i = 0; i < length; i++) {
            pattern[i] = (byte) (1 + random.nextInt(255));
        }
        return pattern;
    }

    /**
     * One upload outside JMH: {allocated by this thread, heap growth, GCs during the upload, heap
     * pools' peak growth, used heap after GC, direct memory} in bytes. Heap growth is the used heap
     * (Runtime total - free, which counts G1's current allocation region) just after the upload,
     * before its close, minus the used heap after a GC before it; when no GC ran during the upload
     * (the third figure is 0) that is also the peak. The pools' peak figure is the JMX one: G1 updates
     * its eden figure only per region, so it misses small growths.
     */
    static long[] probe(UploadSpool spool, long size, String reprDigest) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        System.gc();
        long poolsAfterGc = heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long gcs = gcCount();
        long usedAfterGc = runtime.totalMemory() - runtime.freeMemory();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        long usedAfterUpload;
        long spooled;
        try (SpooledUpload upload = spool.spool(body(size), size, reprDigest)) {
            usedAfterUpload = runtime.totalMemory() - runtime.freeMemory();
            spooled = upload.bytes();
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        long gcsDuring = gcCount() - gcs;
        long poolsPeak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        if (spooled != size) {
            throw new IllegalStateException("spooled " + spooled + " of " + size);
        }
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        return new long[] {allocated, usedAfterUpload - usedAfterGc, gcsDuring, poolsPeak - poolsAfterGc, usedAfterGc, direct};
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long[] column(long[][] runs, int i) {
        return Arrays.stream(runs).mapToLong(r -> r[i]).sorted().toArray();
    }

    private static String load() {
        double[] load = new double[3];
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            for (int i = 0; i < 3; i++) {
                load[i] = Double.parseDouble(fields[i]);
            }
            return String.format("load average %.2f, %.2f, %.2f", load[0], load[1], load[2]);
        } catch (IOException | RuntimeException e) {
            return "load average " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() + " (1 min)";
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.println("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                + Runtime.getRuntime().availableProcessors() + " processors, max heap "
                + Runtime.getRuntime().maxMemory() / MB + " MB, " + load());
        List<String> lines = new ArrayList<>();
        for (RunResult result : new Runner(new OptionsBuilder().include(UploadThroughputBenchmark.class.getName()).build()).run()) {
            long size = Long.parseLong(result.getParams().getParam("bytes"));
            double millis = result.getPrimaryResult().getScore();
            lines.add(String.format("P8 upload %5.1f MB: %8.2f ± %.2f ms per upload = %7.1f MB/s  (target >= 200 MB/s)",
                    (double) size / MB, millis, result.getPrimaryResult().getScoreError(), size / (double) MB / (millis / 1000)));
        }
        lines.forEach(System.out::println);
        System.out.println("after JMH: " + load());

        Path folder = Files.createTempDirectory(Path.of("/tmp"), "vg-p8-probe-");
        try {
            UploadSpool spool = spoolIn(folder);
            for (long size : new long[] {FIFTY_MB, MB}) {
                String digest = reprDigestOf(size);
                long[][] runs = new long[5][];
                for (int i = 0; i < runs.length; i++) {
                    runs[i] = probe(spool, size, digest);
                }
                long[] allocated = column(runs, 0);
                long[] growth = column(runs, 1);
                long[] poolsPeak = column(runs, 3);
                System.out.printf("P8 upload %5.1f MB, 5 single uploads after JMH:%n", (double) size / MB);
                System.out.printf("  allocated by the spooling thread (ThreadMXBean): min %,d  max %,d bytes%n",
                        allocated[0], allocated[allocated.length - 1]);
                System.out.printf("  heap growth (used heap after the upload - used after GC before it): min %,d  max %,d bytes"
                        + " = max %.3f MB  (target < 32 MB), GCs during the uploads: %d%n",
                        growth[0], growth[growth.length - 1], growth[growth.length - 1] / (double) MB,
                        Arrays.stream(runs).mapToLong(r -> r[2]).sum());
                System.out.printf("  heap pools' peak usage (reset after GC) - used after GC: max %,d bytes; used heap after GC %.1f MB%n",
                        poolsPeak[poolsPeak.length - 1], runs[runs.length - 1][4] / (double) MB);
                System.out.printf("  direct buffers in use afterwards (off heap, the JDK's per-thread I/O cache): %,d bytes%n",
                        runs[runs.length - 1][5]);
            }
            try (Stream<Path> left = Files.list(folder)) {
                if (left.findAny().isPresent()) {
                    throw new IllegalStateException("spooled files left in " + folder);
                }
            }
        } finally {
            try (Stream<Path> all = Files.walk(folder)) {
                all.sorted(Comparator.reverseOrder()).forEach(path -> {
                    try {
                        Files.delete(path);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        System.out.println("end: " + load());
    }
}
