package com.voicegateway.templates.control;

import com.voicegateway.templates.entity.TemplateSettings;
import com.voicegateway.caching.control.CacheCluster;
import com.voicegateway.caching.control.StartedClusters;
import com.voicegateway.redis.control.HandWiring;
import com.voicegateway.templates.entity.Template;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Benchmark P7 (not a test): render-on-hit, the work a completion with a {@code templateId} does
 * for its system instruction once the template is cached. {@code cacheHit} is the whole path of
 * {@link Templates#instruction}: a JCache get on a real embedded Hazelcast member (a member-side
 * get serializes, DESIGN.md measured ~13 us), the process-local compiled layer, and the Mustache
 * render with two variables. {@code compiledOnly} leaves the JCache out, to show what each layer
 * costs. Redis is never touched: the template is put into the cache before measuring, as a write
 * through the API does.
 *
 * <p>Run (SampleTime mode prints p50, p90, p99, p99.9 per operation; ops/s is the Throughput mode):
 * <pre>
 * mvn -q -f src/pom.xml test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=com.voicegateway.templates.control.TemplateRenderBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
// in-process: exec:java runs in Maven's JVM, whose class path a forked JVM would not get
@Fork(0)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
public class TemplateRenderBenchmark {

    private static final String ID = "assistant";
    private static final Map<String, String> VARIABLES = Map.of("name", "Ada", "language", "English");

    private CacheCluster cluster;
    private TemplateCache cache;
    private Templates templates;
    private CompiledTemplates compiled;
    private TemplateRenderer renderer;
    private Template template;

    @Setup(Level.Trial)
    public void start() {
        System.setProperty("hazelcast.jcache.provider.type", "member");
        renderer = new TemplateRenderer();
        compiled = new CompiledTemplates();
        compiled.renderer = renderer;
        cluster = StartedClusters.alone(25701, "vg-bench-" + ProcessHandle.current().pid());
        cache = new TemplateCache();
        cache.cluster = cluster;
        cache.settings = TemplateSettings.of(Map.of("gateway.templates.cache-ttl-seconds", "3600"));
        cache.compiled = compiled;
        cache.metrics = HandWiring.noOpMetrics();
        cache.start();
        if (!cache.isUp()) {
            throw new IllegalStateException("the Hazelcast member did not start; see the log above");
        }
        template = new Template(ID, 1, "voice assistant",
                "You are a helpful voice assistant. Answer in short, natural spoken sentences without markdown, lists or emoji."
                        + "{{#name}} The user's name is {{name}}.{{/name}}{{#language}} Reply in {{language}}.{{/language}}",
                Instant.now());
        cache.written(template);
        templates = new Templates();
        templates.cache = cache;
        templates.compiled = compiled;
        templates.renderer = renderer;
        String rendered = templates.instruction(ID, VARIABLES);
        if (!rendered.contains("The user's name is Ada.") || !rendered.contains("Reply in English.")) {
            throw new IllegalStateException("unexpected rendering: " + rendered);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        StartedClusters.stop(cluster);
    }

    @Benchmark
    @BenchmarkMode({Mode.SampleTime, Mode.Throughput})
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public String cacheHit() {
        return templates.instruction(ID, VARIABLES);
    }

    @Benchmark
    @BenchmarkMode({Mode.SampleTime, Mode.Throughput})
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public String compiledOnly() {
        return renderer.render(template, compiled.of(template), VARIABLES).text();
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include(TemplateRenderBenchmark.class.getName()).build()).run();
    }
}
