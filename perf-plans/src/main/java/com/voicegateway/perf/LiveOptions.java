package com.voicegateway.perf;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line settings of {@link LiveVoiceCapacityBenchmark}; parsed like {@link Options} and sharing its checks
 * (loopback-only base, number lists, seconds).
 *
 * @param base           gateway server root, e.g. {@code http://localhost:9080}; loopback only; null for the self-check
 * @param sessions       concurrent live sessions per run, the runs done one after another
 * @param ramp           sessions open evenly spread over this time
 * @param warmup         after the ramp, discarded
 * @param measure        the window whose replies are counted (by the time of their first frame)
 * @param key            the user API key sent as {@code Authorization: Bearer}
 * @param template       the {@code templateId} of every session
 * @param serverPids     processes whose CPU and RSS are sampled at the window's edges (may be empty)
 * @param decodeSessions sessions whose reply packets are all decoded (the others are only parsed)
 * @param selfCheck      encode and decode the speech with no server, then stop
 */
record LiveOptions(URI base, List<Integer> sessions, Duration ramp, Duration warmup, Duration measure, String key,
        String template, List<String> serverPids, int decodeSessions, boolean selfCheck, boolean silent, boolean reference) {

    static final String USAGE = """
            Usage: LiveVoiceCapacityBenchmark [--base http://localhost:9080] [--sessions 10,50,100,200]
                                              [--ramp-s 10] [--warmup-s 10] [--measure-s 60]
                                              [--key dev-user-key] [--template assistant]
                                              [--server-pid PID]... [--decode-sessions 10] [--silent] [--reference]
                                              [--self-check]
              --base             gateway server root (loopback only: localhost, 127.0.0.0/8, ::1)
              --sessions         concurrent live-voice sessions per run, comma separated, run one after another
              --ramp-s           seconds over which a run's sessions open, evenly staggered
              --warmup-s         seconds after the ramp whose replies are discarded
              --measure-s        seconds whose replies are counted (a reply counts where its first frame falls)
              --key              user API key (Authorization: Bearer)
              --template         templateId of every session
              --server-pid       a server process to sample (/proc/PID/stat, /proc/PID/status); repeat or
                                 comma-separate for several
              --decode-sessions  sessions whose every reply packet is Opus-decoded (all others: parsed only),
                                 so the client's decoding does not eat the cores the server needs; 'all' for all
              --silent           idle sessions: every caller's microphone stays open (20 ms packets of silence at
                                 real-time pace) and nobody speaks, so no reply comes: the cost of an idle session
              --reference        before each N, the same N sockets against a reference server in a JVM of its own
                                 that only paces 20 ms frames (no codec, JSON or upstream): the frame gap this
                                 machine and client give at best, printed beside the gateway's as a ratio
              --self-check       no server: encode the speech to 20 ms packets, decode them, print the energy
            """;

    static LiveOptions parse(String[] args) {
        String base = "http://localhost:9080";
        String sessions = "10,50,100,200";
        String ramp = "10";
        String warmup = "10";
        String measure = "60";
        String key = "dev-user-key";
        String template = "assistant";
        String decode = "10";
        List<String> pids = new ArrayList<>();
        boolean selfCheck = false;
        boolean silent = false;
        boolean reference = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if ("--help".equals(name) || "-h".equals(name)) {
                throw new Options.UsageException("");
            }
            if ("--self-check".equals(name)) {
                selfCheck = true;
                continue;
            }
            if ("--silent".equals(name)) {
                silent = true;
                continue;
            }
            if ("--reference".equals(name)) {
                reference = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new Options.UsageException("missing value after " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--base" -> base = value;
                case "--sessions" -> sessions = value;
                case "--ramp-s" -> ramp = value;
                case "--warmup-s" -> warmup = value;
                case "--measure-s" -> measure = value;
                case "--key" -> key = value;
                case "--template" -> template = value;
                case "--decode-sessions" -> decode = value;
                case "--server-pid" -> pids.addAll(pids(value));
                default -> throw new Options.UsageException("unknown option " + name);
            }
        }
        if (!key.matches("[A-Za-z0-9._~+/=-]+")) {
            throw new Options.UsageException("--key may contain only letters, digits and ._~+/=-");
        }
        if (!template.matches("[A-Za-z0-9._-]+")) {
            throw new Options.UsageException("--template may contain only letters, digits and ._-, got '" + template + "'");
        }
        int decodeSessions = "all".equals(decode) ? Integer.MAX_VALUE : decodeCount(decode);
        URI uri = selfCheck ? null : Options.loopbackBase("--base", base);
        return new LiveOptions(uri, Options.counts("--sessions", sessions, Options.MAX_LEVEL),
                Options.seconds("--ramp-s", ramp, 0), Options.seconds("--warmup-s", warmup, 0),
                Options.seconds("--measure-s", measure, 1), key, template, List.copyOf(pids), decodeSessions, selfCheck, silent, reference);
    }

    private static List<String> pids(String value) {
        List<String> pids = new ArrayList<>();
        for (String part : value.split(",")) {
            String pid = part.trim();
            if (!pid.matches("[1-9][0-9]{0,9}")) {
                throw new Options.UsageException("--server-pid takes a process id, got '" + pid + "'");
            }
            if (!Files.isReadable(Path.of("/proc", pid, "stat"))) {
                throw new Options.UsageException("--server-pid " + pid + ": no such process (/proc/" + pid + "/stat)");
            }
            pids.add(pid);
        }
        return pids;
    }

    private static int decodeCount(String value) {
        try {
            int count = Integer.parseInt(value.trim());
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Options.UsageException("--decode-sessions takes a whole number >= 0 or 'all', got '" + value + "'");
    }
}
