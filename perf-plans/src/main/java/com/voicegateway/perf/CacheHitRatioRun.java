package com.voicegateway.perf;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cache hit-ratio run (issue 4, target: response-cache hit ratio >= 95%). Closed-loop clients
 * send completions whose template and prompt are each drawn from a Zipf distribution (a few
 * templates and questions are asked very often, most rarely: the shape of assistant traffic). An
 * optional warm-up ({@code --warmup} requests from the same distribution, not counted) brings the
 * cache to its steady state; then the run reads the response and template cache counters from
 * {@code /metrics} before and after the measured requests and prints the hit ratios next to the
 * ideal one, 1 - (measured requests whose key neither the warm-up nor an earlier measured request
 * had) / measured requests: the best any exact-match cache can do on the same draw.
 * <p>
 * Usage: {@code mvn -f perf-plans/pom.xml -q compile exec:java -Dperf.main=com.voicegateway.perf.CacheHitRatioRun
 * -Dexec.args="--base http://localhost:9080 --warmup 20000 --requests 20000"}. It writes templates
 * {@code perf-zipf-<n>} with the development admin key and clears the response cache first.
 */
public final class CacheHitRatioRun {

    private static final Pattern SAMPLE = Pattern.compile("^(gateway_cache_(?:hits|misses|coalesced))\\{([^}]*)\\}\\s+([0-9.eE+-]+)");

    private record Settings(URI base, int templates, int prompts, double skew, int warmup, int requests, int clients, long seed,
            String reply) {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = parse(args);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int t = 0; t < settings.templates(); t++) {
            String body = "{\"text\": \"You are voice assistant number " + t + ". Answer {{name}} in one short spoken sentence.\","
                    + " \"description\": \"hit-ratio run\"}";
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(settings.base().resolve("/api/v1/templates/perf-zipf-" + t))
                    .header("Authorization", "Bearer dev-admin-key").header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            require(put.statusCode() == 200 || put.statusCode() == 201, "PUT template: " + put.statusCode() + " " + put.body());
        }
        HttpResponse<String> cleared = http.send(HttpRequest.newBuilder(settings.base().resolve("/api/v1/admin/caches/responses"))
                .header("Authorization", "Bearer dev-admin-key").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        require(cleared.statusCode() == 204, "clearing the response cache: " + cleared.statusCode() + " " + cleared.body());

        // the whole draw first, so that the ideal ratio is known and the clients only send
        Zipf templates = new Zipf(settings.templates(), settings.skew());
        Zipf prompts = new Zipf(settings.prompts(), settings.skew());
        Random random = new Random(settings.seed());
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<int[]> warmup = new ArrayList<>(settings.warmup());
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < settings.warmup(); i++) {
            int[] draw = {templates.sample(random), prompts.sample(random)};
            warmup.add(draw);
            seen.add((long) draw[0] * settings.prompts() + draw[1]);
        }
        List<int[]> draws = new ArrayList<>(settings.requests());
        // a measured request can only miss the first time its key appears, unless the warm-up saw it
        Set<Long> firstSeen = new HashSet<>();
        for (int i = 0; i < settings.requests(); i++) {
            int[] draw = {templates.sample(random), prompts.sample(random)};
            draws.add(draw);
            long key = (long) draw[0] * settings.prompts() + draw[1];
            if (!seen.contains(key)) {
                firstSeen.add(key);
            }
        }
        AtomicLong failures = new AtomicLong();
        send(http, settings, run, warmup, failures);
        Map<String, Double> before = counters(http, settings.base());
        long started = System.nanoTime();
        send(http, settings, run, draws, failures);
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Double> after = counters(http, settings.base());

        double ideal = 1.0 - (double) firstSeen.size() / settings.requests();
        System.out.printf(Locale.ROOT, "base %s, %d warm-up then %d measured requests by %d clients in %.1f s (%.0f req/s), %d failed%n",
                settings.base(), settings.warmup(), settings.requests(), settings.clients(), seconds, settings.requests() / seconds,
                failures.get());
        System.out.printf(Locale.ROOT, "Zipf s=%.2f over %d templates x %d prompts (seed %d): %d measured requests new after the warm-up%n",
                settings.skew(), settings.templates(), settings.prompts(), settings.seed(), firstSeen.size());
        System.out.printf(Locale.ROOT, "ideal hit ratio (1 - new/measured): %.4f%n", ideal);
        for (String cache : new String[] {"responses", "templates"}) {
            double hits = delta(before, after, "gateway_cache_hits", cache);
            double misses = delta(before, after, "gateway_cache_misses", cache);
            double coalesced = delta(before, after, "gateway_cache_coalesced", cache);
            double ratio = hits + misses == 0 ? 0 : hits / (hits + misses);
            System.out.printf(Locale.ROOT, "%-9s cache: hits %.0f, misses %.0f (coalesced %.0f), hit ratio %.4f%s%n", cache, hits,
                    misses, coalesced, ratio, cache.equals("responses") ? (ratio >= 0.95 ? "  target >= 0.95 met" : "  target >= 0.95 NOT met") : "");
        }
    }

    /** Sends every draw, {@code clients} at a time, each client taking the next unsent one. */
    private static void send(HttpClient http, Settings settings, String run, List<int[]> draws, AtomicLong failures)
            throws Exception {
        AtomicLong next = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(settings.clients());
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < settings.clients(); c++) {
            running.add(clients.submit(() -> {
                for (long i = next.getAndIncrement(); i < draws.size(); i = next.getAndIncrement()) {
                    int[] draw = draws.get((int) i);
                    String body = "{\"input\": \"Question " + draw[1] + " of run " + run + " [[emulator " + settings.reply() + "]]\","
                            + " \"templateId\": \"perf-zipf-" + draw[0] + "\", \"variables\": {\"name\": \"Ada\"}}";
                    try {
                        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(settings.base().resolve("/api/v1/completions"))
                                .header("Authorization", "Bearer dev-user-key").header("Content-Type", "application/json")
                                .header("Accept", "application/json").timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        if (reply.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failures.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();
    }

    /** Inverse-CDF sampling over ranks 0..n-1 with P(k) proportional to 1 / (k + 1)^s. */
    static final class Zipf {
        private final double[] cumulative;

        Zipf(int n, double s) {
            cumulative = new double[n];
            double sum = 0;
            for (int k = 0; k < n; k++) {
                sum += 1.0 / Math.pow(k + 1, s);
                cumulative[k] = sum;
            }
            for (int k = 0; k < n; k++) {
                cumulative[k] /= sum;
            }
        }

        int sample(Random random) {
            int found = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
            return Math.min(found >= 0 ? found : -found - 1, cumulative.length - 1);
        }
    }

    private static Map<String, Double> counters(HttpClient http, URI base) throws IOException, InterruptedException {
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        require(metrics.statusCode() == 200, "GET /metrics: " + metrics.statusCode());
        Map<String, Double> found = new TreeMap<>();
        metrics.body().lines().forEach(line -> {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.find()) {
                Matcher cache = Pattern.compile("cache=\"([^\"]+)\"").matcher(sample.group(2));
                if (cache.find()) {
                    found.put(sample.group(1) + "/" + cache.group(1), Double.parseDouble(sample.group(3)));
                }
            }
        });
        require(found.containsKey("gateway_cache_hits/responses"), "/metrics has no gateway_cache_hits{cache=\"responses\"}");
        return found;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String metric, String cache) {
        String key = metric + "/" + cache;
        return after.getOrDefault(key, 0.0) - before.getOrDefault(key, 0.0);
    }

    private static Settings parse(String[] args) {
        Map<String, String> values = new TreeMap<>(Map.of("--base", "http://localhost:9080", "--templates", "10", "--prompts", "400",
                "--skew", "1.1", "--warmup", "0", "--requests", "20000", "--clients", "8", "--seed", "42",
                "--reply", "ttftMs=5 tokens=8 tokensPerSecond=2000"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            require(values.containsKey(args[i]), "unknown option " + args[i] + "; options: " + values.keySet());
            values.put(args[i], args[i + 1]);
        }
        require(args.length % 2 == 0, "every option takes a value; options: " + values.keySet());
        require(values.get("--reply").matches("[A-Za-z0-9=._ -]+"), "--reply: letters, digits, '=', '.', '_', '-' and spaces");
        return new Settings(URI.create(values.get("--base")), Integer.parseInt(values.get("--templates")),
                Integer.parseInt(values.get("--prompts")), Double.parseDouble(values.get("--skew")),
                Integer.parseInt(values.get("--warmup")), Integer.parseInt(values.get("--requests")), Integer.parseInt(values.get("--clients")),
                Long.parseLong(values.get("--seed")), values.get("--reply"));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            System.err.println(message);
            System.exit(2);
        }
    }
}
