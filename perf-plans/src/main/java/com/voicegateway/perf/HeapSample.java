package com.voicegateway.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JVM's live objects hold: {@code jcmd PID GC.class_histogram}, which collects in full first
 * and counts every reachable object, its {@code Total} bytes. Unlike RSS (the heap the JVM has
 * reserved, which rarely shrinks) or G1's "used" after a collection (whole 1 MiB regions, survivors
 * included), it moves with what sessions really keep. The collection pauses the server, so take it
 * outside a measurement window.
 *
 * @param usedKb live bytes / 1024 after the collection; -1 if it could not be read
 */
record HeapSample(String pid, long usedKb) {

    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");
    private static final String JCMD = jcmd();

    static HeapSample afterFullGc(String pid) {
        try {
            Matcher total = TOTAL.matcher(run(pid, "GC.class_histogram"));
            return new HeapSample(pid, total.find() ? Long.parseLong(total.group(1)) / 1024 : -1);
        } catch (IOException | RuntimeException e) {
            return new HeapSample(pid, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HeapSample(pid, -1);
        }
    }

    boolean complete() {
        return usedKb >= 0;
    }

    private static String run(String pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(JCMD, pid, command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }

    /** This JDK's jcmd, else the one on the PATH. */
    private static String jcmd() {
        Path own = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return Files.isExecutable(own) ? own.toString() : "jcmd";
    }
}
