package com.voicegateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The IT server's JVM on this machine: Liberty's launcher, started for the server voice-gateway-it from this build's
 * own Liberty installation (system property {@code it.wlp.dir}), so another checkout's IT server running at the same
 * time is not taken for it.
 */
public final class ItServer {

    private ItServer() {
    }

    public static ProcessHandle process() {
        List<ProcessHandle> found = find();
        assertEquals(1, found.size(), "one IT server JVM: " + found);
        return found.get(0);
    }

    /** Whether the IT server's JVM is alive (DrainIT ends it). */
    public static boolean running() {
        return !find().isEmpty();
    }

    private static List<ProcessHandle> find() {
        String wlp = System.getProperty("it.wlp.dir", "");
        return ProcessHandle.allProcesses().filter(p -> {
            String line = commandLine(p);
            return line.contains(wlp) && line.contains("ws-server.jar") && line.contains("voice-gateway-it");
        }).toList();
    }

    /**
     * The process's command line as the kernel shows it (/proc/pid/cmdline): ProcessHandle.Info
     * loses what a process rewrote in its argv, as redis-server does with its title.
     */
    public static String commandLine(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException | RuntimeException gone) {
            return process.info().commandLine().orElse("");
        }
    }
}
