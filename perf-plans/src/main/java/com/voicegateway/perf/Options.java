package com.voicegateway.perf;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command-line settings of {@link TtftOverheadBenchmark}.
 *
 * @param base         server root of the gateway, e.g. {@code http://localhost:9080}; must resolve to loopback only
 * @param directBase   server root that mounts the emulator for the DIRECT phase (default: {@code base});
 *                     loopback only as well
 * @param reply        body of the {@code [[emulator ...]]} directive both phases ask for, e.g.
 *                     {@code ttftMs=200 tokens=20 tokensPerSecond=50}
 * @param levels       concurrency levels, each run as a DIRECT then a GATEWAY phase
 * @param warmup       per phase, discarded
 * @param measure      per phase, the window whose requests are counted (by start time)
 * @param readTimeout  longest silence tolerated on one connection, and bound of one whole request
 * @param nginxBase    server root of an nginx proxying to the emulator at {@code directBase}, NGINX phase; null: no NGINX phase
 * @param targets      the phases run at every level, in this order at the first level and rotated by one at each next level
 * @param gatewayPid   the gateway server's process, whose CPU the GATEWAY and GEMINI phases report; null: not reported
 * @param emulatorPid  the emulator server's process, whose CPU the DIRECT phase reports (and every phase pays)
 * @param nginxPids    nginx's master and workers, whose CPU the NGINX phase reports
 */
record Options(URI base, URI directBase, String reply, List<Integer> levels, Duration warmup, Duration measure,
               Duration readTimeout, URI nginxBase, List<Target> targets, String gatewayPid, String emulatorPid,
               List<String> nginxPids) {

    /** The server root a phase talks to. */
    URI base(Target target) {
        return switch (target) {
            case DIRECT -> directBase;
            case NGINX -> nginxBase;
            case GATEWAY, GEMINI -> base;
        };
    }

    /** The processes whose CPU time is the phase's own cost: the front it measures (empty: not reported). */
    List<String> pids(Target target) {
        return switch (target) {
            case DIRECT -> emulatorPid == null ? List.of() : List.of(emulatorPid);
            case NGINX -> nginxPids;
            case GATEWAY, GEMINI -> gatewayPid == null ? List.of() : List.of(gatewayPid);
        };
    }

    static final String DEFAULT_REPLY = "ttftMs=200 tokens=20 tokensPerSecond=50";

    /** Above this the client machine, not the gateway, is what gets measured; also a guard against typos. */
    static final int MAX_LEVEL = 2000;

    static final String USAGE = """
            Usage: TtftOverheadBenchmark [--base http://localhost:9080] [--direct-base <url>]
                                         [--reply "ttftMs=200 tokens=20 tokensPerSecond=50"]
                                         [--levels 1,50,200,500]
                                         [--warmup-s 5] [--measure-s 20] [--read-timeout-s 30]
                                         [--nginx-base <url>] [--targets direct,nginx,gateway,gemini]
                                         [--gateway-pid <pid>] [--emulator-pid <pid>] [--nginx-pids <pid,pid>]
              --base            gateway server root, GATEWAY phase (loopback only: localhost, 127.0.0.0/8, ::1)
              --direct-base     server root mounting /gemini-emulator, DIRECT phase (default: --base; loopback only)
                                point it at the emulator the gateway calls, e.g. a separate emulator server
              --reply           body of the [[emulator ...]] directive both phases ask for
                                (letters, digits, '=', '.', '_', '-' and spaces)
              --levels          concurrent closed-loop clients per level, comma separated
              --warmup-s        seconds per phase whose requests are discarded
              --measure-s       seconds per phase whose requests are counted
              --read-timeout-s  longest wait for bytes on a connection and for one whole request
              --nginx-base      nginx proxying to the emulator at --direct-base, NGINX phase (loopback only)
              --targets         phases per level (default: direct,gateway; with --nginx-base direct,nginx,gateway,gemini);
                                run interleaved: the order rotates by one from each level to the next
              --gateway-pid     gateway server process: CPU per reply of the GATEWAY and GEMINI phases
              --emulator-pid    emulator server process: CPU per reply of the DIRECT phase
              --nginx-pids      nginx master and worker processes: CPU per reply of the NGINX phase
            """;

    static Options parse(String[] args) {
        String base = "http://localhost:9080";
        String directBase = null;
        String reply = DEFAULT_REPLY;
        String levels = "1,50,200,500";
        String warmup = "5";
        String measure = "20";
        String readTimeout = "30";
        String nginxBase = null;
        String targets = null;
        String gatewayPid = null;
        String emulatorPid = null;
        String nginxPids = "";
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if ("--help".equals(name) || "-h".equals(name)) {
                throw new UsageException("");
            }
            if (i + 1 >= args.length) {
                throw new UsageException("missing value after " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--base" -> base = value;
                case "--direct-base" -> directBase = value;
                case "--reply" -> reply = value;
                case "--levels" -> levels = value;
                case "--warmup-s" -> warmup = value;
                case "--measure-s" -> measure = value;
                case "--read-timeout-s" -> readTimeout = value;
                case "--nginx-base" -> nginxBase = value;
                case "--targets" -> targets = value;
                case "--gateway-pid" -> gatewayPid = pid("--gateway-pid", value);
                case "--emulator-pid" -> emulatorPid = pid("--emulator-pid", value);
                case "--nginx-pids" -> nginxPids = value;
                default -> throw new UsageException("unknown option " + name);
            }
        }
        URI gateway = loopbackBase("--base", base);
        URI nginx = nginxBase == null ? null : loopbackBase("--nginx-base", nginxBase);
        List<Target> phases = targets(targets == null ? (nginx == null ? "direct,gateway" : "direct,nginx,gateway,gemini") : targets);
        if (phases.contains(Target.NGINX) && nginx == null) {
            throw new UsageException("--targets has nginx but no --nginx-base was given");
        }
        List<String> nginxProcesses = new ArrayList<>();
        for (String part : nginxPids.split(",")) {
            if (!part.isBlank()) {
                nginxProcesses.add(pid("--nginx-pids", part.trim()));
            }
        }
        return new Options(gateway, directBase == null ? gateway : loopbackBase("--direct-base", directBase),
                reply(reply), counts("--levels", levels, MAX_LEVEL), seconds("--warmup-s", warmup, 0),
                seconds("--measure-s", measure, 1), seconds("--read-timeout-s", readTimeout, 1), nginx, phases,
                gatewayPid, emulatorPid, List.copyOf(nginxProcesses));
    }

    private static List<Target> targets(String value) {
        List<Target> parsed = new ArrayList<>();
        for (String part : value.split(",")) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            try {
                Target target = Target.valueOf(name);
                if (!parsed.contains(target)) {
                    parsed.add(target);
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException("--targets takes direct, nginx, gateway and gemini, got '" + part.trim() + "'");
            }
        }
        if (parsed.isEmpty()) {
            throw new UsageException("--targets is empty");
        }
        return List.copyOf(parsed);
    }

    private static String pid(String option, String value) {
        if (!value.matches("[1-9][0-9]{0,9}")) {
            throw new UsageException(option + " takes process ids, got '" + value + "'");
        }
        return value;
    }

    /** The benchmark opens hundreds of connections: it must never be pointed at anything but this machine. */
    static URI loopbackBase(String option, String value) {
        URI uri;
        try {
            uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " is not a URI: " + value);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new UsageException(option + " must be an http:// URL with a host, got " + value);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new UsageException(option + " must not have a query or fragment: " + value);
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
            throw new UsageException(option + " is a server root and takes no path, got " + value);
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(uri.getHost());
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    throw new UsageException(option + " must be a loopback address; " + uri.getHost()
                            + " resolves to " + address.getHostAddress());
                }
            }
        } catch (UnknownHostException e) {
            throw new UsageException(option + " host does not resolve: " + uri.getHost());
        }
        return uri;
    }

    /**
     * The directive body goes verbatim into a JSON string inside {@code [[emulator ...]]}: only characters that
     * need no JSON escaping and cannot end the directive early are accepted.
     */
    private static String reply(String value) {
        String trimmed = value.strip().replaceAll("\\s+", " ");
        if (trimmed.isEmpty()) {
            throw new UsageException("--reply is empty; e.g. --reply \"" + DEFAULT_REPLY + "\"");
        }
        if (!trimmed.matches("[A-Za-z0-9=._ -]+")) {
            throw new UsageException("--reply may contain only letters, digits, '=', '.', '_', '-' and spaces, got '"
                    + value + "'");
        }
        return trimmed;
    }

    /** A comma-separated list of whole numbers between 1 and {@code max}, e.g. {@code --levels 1,50,200}. */
    static List<Integer> counts(String option, String value, int max) {
        List<Integer> parsed = new ArrayList<>();
        for (String part : value.split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int level;
            try {
                level = Integer.parseInt(trimmed);
            } catch (NumberFormatException e) {
                throw new UsageException(option + " takes whole numbers, got '" + trimmed + "'");
            }
            if (level < 1 || level > max) {
                throw new UsageException(option + " must be between 1 and " + max + ", got " + level);
            }
            parsed.add(level);
        }
        if (parsed.isEmpty()) {
            throw new UsageException(option + " is empty");
        }
        return List.copyOf(parsed);
    }

    static Duration seconds(String name, String value, double min) {
        double seconds;
        try {
            seconds = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " takes a number of seconds, got '" + value + "'");
        }
        if (!(seconds >= min) || seconds > 3600) {
            throw new UsageException(String.format(Locale.ROOT, "%s must be between %s and 3600, got %s", name,
                    min, value));
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** A bad command line: reported with the usage text, never as a stack trace. */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
