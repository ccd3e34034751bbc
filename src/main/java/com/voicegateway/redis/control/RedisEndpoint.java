package com.voicegateway.redis.control;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import redis.clients.jedis.HostAndPort;

/**
 * Where Redis is and how to log in: one standalone server, a Sentinel-monitored master, or a
 * Cluster. Parsed from {@code redis.url} and the optional {@code redis.*} overrides, so a
 * password can come from its own secret instead of the URL.
 *
 * <p>URL forms (the {@code rediss} variants use TLS):
 * <pre>
 * redis://[user[:password]@]host[:port][/database]                    standalone, port 6379
 * redis-sentinel://[user[:password]@]h1[:port],h2[:port]/master[/database]   Sentinel, port 26379
 * redis-cluster://[user[:password]@]h1[:port],h2[:port]                Cluster, port 6379
 * </pre>
 * User and password are percent-decoded; IPv6 hosts go in brackets. The password never appears
 * in {@link #toString()} or {@link #target()}.
 */
record RedisEndpoint(Mode mode, List<HostAndPort> nodes, String master, String user, String password, int database,
        boolean ssl) {

    enum Mode {
        STANDALONE(6379), SENTINEL(26379), CLUSTER(6379);

        final int defaultPort;

        Mode(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        static Mode named(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("redis.mode must be standalone, sentinel or cluster, not '" + name + "'");
            }
        }
    }

    RedisEndpoint {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("Redis needs at least one host");
        }
        if (mode == Mode.STANDALONE && nodes.size() > 1) {
            throw new IllegalArgumentException("standalone Redis takes one host, not " + nodes.size()
                    + "; for several use redis.mode=sentinel or cluster (or a redis-sentinel:// or redis-cluster:// URL)");
        }
        if (mode == Mode.SENTINEL && (master == null || master.isBlank())) {
            throw new IllegalArgumentException("Sentinel needs the master's name: redis-sentinel://host:26379/<master> or redis.sentinel.master");
        }
        if (mode == Mode.CLUSTER && database != 0) {
            throw new IllegalArgumentException("Redis Cluster has only database 0, not " + database);
        }
        if (database < 0) {
            throw new IllegalArgumentException("the Redis database must be 0 or more, not " + database);
        }
    }

    static RedisEndpoint local(int port) {
        return new RedisEndpoint(Mode.STANDALONE, List.of(new HostAndPort("127.0.0.1", port)), null, null, null, 0, false);
    }

    /** Parses a {@code redis://}, {@code rediss://}, {@code redis-sentinel://} or {@code redis-cluster://} URL. */
    static RedisEndpoint parse(String url) {
        String text = url.trim();
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            throw invalid(url, "it has no scheme");
        }
        String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        boolean ssl = scheme.startsWith("rediss");
        Mode mode = switch (scheme) {
            case "redis", "rediss" -> Mode.STANDALONE;
            case "redis-sentinel", "rediss-sentinel" -> Mode.SENTINEL;
            case "redis-cluster", "rediss-cluster" -> Mode.CLUSTER;
            default -> throw invalid(url, "the scheme must be redis, rediss, redis-sentinel, rediss-sentinel, redis-cluster or rediss-cluster");
        };
        String rest = text.substring(schemeEnd + 3);
        if (rest.indexOf('?') >= 0 || rest.indexOf('#') >= 0) {
            throw invalid(url, "query parameters are not supported; use the redis.* settings");
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        List<String> path = slash < 0 ? List.of() : segments(rest.substring(slash + 1));

        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            if (colon < 0) {
                // redis://secret@host is the common shorthand for a password without a user
                password = user;
                user = null;
            }
            user = user == null || user.isEmpty() ? null : user;
        }
        List<HostAndPort> nodes = nodes(authority, mode.defaultPort, url);

        String master = null;
        int database = 0;
        switch (mode) {
            case STANDALONE, CLUSTER -> {
                if (path.size() > 1) {
                    throw invalid(url, "the path can only be the database number");
                }
                database = path.isEmpty() ? 0 : database(path.get(0), url);
            }
            case SENTINEL -> {
                if (path.size() > 2) {
                    throw invalid(url, "the path must be /<master>[/<database>]");
                }
                master = path.isEmpty() ? null : path.get(0);
                database = path.size() < 2 ? 0 : database(path.get(1), url);
            }
        }
        return new RedisEndpoint(mode, nodes, master, user, password, database, ssl);
    }

    /** The URL's values, each replaced by its setting when that is present and not blank. */
    RedisEndpoint with(Optional<String> modeSetting, Optional<String> nodesSetting, Optional<String> masterSetting,
            Optional<String> userSetting, Optional<String> passwordSetting) {
        Mode newMode = present(modeSetting).map(Mode::named).orElse(mode);
        List<HostAndPort> newNodes = present(nodesSetting).map(list -> nodes(list, newMode.defaultPort, list)).orElse(nodes);
        return new RedisEndpoint(newMode, newNodes, present(masterSetting).orElse(master), present(userSetting).orElse(user),
                present(passwordSetting).orElse(password), database, ssl);
    }

    /** Nodes alone (no URL): {@code host:port,host:port} in the given mode. */
    static RedisEndpoint ofNodes(String nodes, Mode mode, boolean ssl) {
        return new RedisEndpoint(mode, nodes(nodes, mode.defaultPort, nodes), null, null, null, 0, ssl);
    }

    /** What readiness and the logs show: the mode and hosts, never credentials. */
    String target() {
        String hosts = String.join(",", nodes.stream().map(HostAndPort::toString).toList());
        String secure = ssl ? " (TLS)" : "";
        return switch (mode) {
            case STANDALONE -> hosts + (database == 0 ? "" : "/" + database) + secure;
            case SENTINEL -> "sentinel " + hosts + " master " + master + (database == 0 ? "" : "/" + database) + secure;
            case CLUSTER -> "cluster " + hosts + secure;
        };
    }

    @Override
    public String toString() {
        return "RedisEndpoint[" + target() + (user == null ? "" : " user " + user) + (password == null ? "" : " with password") + "]";
    }

    private static Optional<String> present(Optional<String> setting) {
        return setting.map(String::trim).filter(value -> !value.isEmpty());
    }

    private static List<HostAndPort> nodes(String list, int defaultPort, String source) {
        List<HostAndPort> nodes = new ArrayList<>();
        for (String node : list.split(",")) {
            String hostPort = node.trim();
            if (hostPort.isEmpty()) {
                continue;
            }
            String host;
            String port = null;
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                if (close < 0) {
                    throw invalid(source, "'" + hostPort + "' opens an IPv6 bracket it does not close");
                }
                host = hostPort.substring(1, close);
                if (hostPort.length() > close + 1) {
                    if (hostPort.charAt(close + 1) != ':') {
                        throw invalid(source, "'" + hostPort + "' is not [ipv6]:port");
                    }
                    port = hostPort.substring(close + 2);
                }
            } else {
                int colon = hostPort.lastIndexOf(':');
                host = colon < 0 ? hostPort : hostPort.substring(0, colon);
                port = colon < 0 ? null : hostPort.substring(colon + 1);
            }
            if (host.isEmpty()) {
                throw invalid(source, "'" + hostPort + "' has no host");
            }
            nodes.add(new HostAndPort(host, port == null ? defaultPort : port(port, source)));
        }
        if (nodes.isEmpty()) {
            throw invalid(source, "it names no host");
        }
        return nodes;
    }

    private static int port(String text, String source) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw invalid(source, "port " + port + " is out of range");
            }
            return port;
        } catch (NumberFormatException e) {
            throw invalid(source, "'" + text + "' is not a port number");
        }
    }

    private static int database(String text, String source) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw invalid(source, "'" + text + "' is not a database number");
        }
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(decode(segment));
            }
        }
        return segments;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String url, String why) {
        // the password must not reach the log: show the URL without its user info
        String shown = url.replaceFirst("//[^@/]*@", "//***@");
        return new IllegalArgumentException("Invalid Redis address '" + shown + "': " + why);
    }
}
