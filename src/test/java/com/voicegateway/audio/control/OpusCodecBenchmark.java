package com.voicegateway.audio.control;

import com.voicegateway.audio.entity.OpusSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Benchmark P4 (not a test): Opus encode and decode speed of 60 s of speech (speech60s_16k.wav, and
 * the same resampled to 24 kHz with {@link Resampler}), 20 ms frames, 24 kbit/s, one thread, for
 * complexities 0, 5 and 10. One operation is the whole minute through a fresh stream, so the
 * real-time factor is 60 s divided by the time per operation; {@link #main} prints it. Decode is the
 * gateway's real path, {@link OpusDecoderStream} at the input rate (16 kHz decodes at 16 kHz; 24 kHz
 * decodes at 48 kHz and resamples, the Concentus workaround).
 *
 * <p>Run:
 * <pre>
 * mvn -q -f src/pom.xml test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=com.voicegateway.audio.control.OpusCodecBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
// in-process: exec:java runs in Maven's JVM, whose class path a forked JVM would not get
@Fork(0)
@Warmup(iterations = 2, time = 4)
@Measurement(iterations = 3, time = 5)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OpusCodecBenchmark {

    private static final double SECONDS_OF_AUDIO = 60.0;

    @Param({"16000", "24000"})
    public int rate;

    @Param({"0", "5", "10"})
    public int complexity;

    private short[] pcm;
    private OpusSettings settings;
    private List<byte[]> packets;

    @Setup(Level.Trial)
    public void load() {
        short[] at16k = Signals.wav("speech60s_16k.wav").samples();
        pcm = rate == 16_000 ? at16k : Resampler.convert(at16k, 16_000, rate);
        settings = OpusSettings.voice().withComplexity(complexity);
        packets = encode();
    }

    @Benchmark
    public List<byte[]> encode() {
        OpusEncoderStream encoder = new OpusEncoderStream(rate, settings);
        List<byte[]> out = new ArrayList<>(encoder.encode(pcm));
        out.addAll(encoder.finish());
        return out;
    }

    @Benchmark
    public long decode() {
        OpusDecoderStream decoder = new OpusDecoderStream(rate, rate);
        long samples = 0;
        for (byte[] packet : packets) {
            samples += decoder.decode(packet).length;
        }
        return samples + decoder.flush().length;
    }

    public static void main(String[] args) throws Exception {
        System.out.println("Java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " processors");
        for (RunResult result : new Runner(new OptionsBuilder().include(OpusCodecBenchmark.class.getName()).build()).run()) {
            double millis = result.getPrimaryResult().getScore();
            System.out.printf("P4 %-6s rate=%s complexity=%-2s %8.1f ms per 60 s  = %6.1fx real time%n",
                    result.getParams().getBenchmark().replaceAll(".*\\.", ""), result.getParams().getParam("rate"),
                    result.getParams().getParam("complexity"), millis, SECONDS_OF_AUDIO * 1000 / millis);
        }
    }
}
