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
 * Benchmark (not a test) behind the live relay's reply encoder settings: what it costs to encode
 * 60 s of 24 kHz speech (speech60s_16k.wav resampled) into 20 ms Opus packets at 24 kbit/s, by
 * complexity, application and widest band, one thread. Encoding replies is most of the live relay's
 * CPU (a JFR profile of 100 live sessions had 79 % of the server's samples in Concentus, almost all
 * of it in the encoder), so the streams a core can carry follow from the real-time factor here.
 * {@link #main} also prints what each setting gives: bytes per second and the round trip's waveform
 * SNR and energy against the input (decoded at 24 kHz), a crude quality proxy.
 *
 * <p>Run:
 * <pre>
 * mvn -q -f src/pom.xml test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=com.voicegateway.audio.control.ReplyEncodeBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(0)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReplyEncodeBenchmark {

    private static final int RATE = 24_000;
    private static final double SECONDS_OF_AUDIO = 60.0;

    @Param({"0", "1"})
    public int complexity;

    @Param({"VOIP", "LOWDELAY"})
    public OpusSettings.Application application;

    @Param({"AUTO", "WIDEBAND"})
    public OpusSettings.Bandwidth band;

    private short[] pcm;
    private OpusSettings settings;

    @Setup(Level.Trial)
    public void load() {
        pcm = speech();
        settings = settings(complexity, application, band);
    }

    @Benchmark
    public List<byte[]> encode() {
        return encode(pcm, settings);
    }

    static short[] speech() {
        return Resampler.convert(Signals.wav("speech60s_16k.wav").samples(), 16_000, RATE);
    }

    static OpusSettings settings(int complexity, OpusSettings.Application application, OpusSettings.Bandwidth band) {
        return new OpusSettings(24_000, complexity, application, 20, band);
    }

    static List<byte[]> encode(short[] pcm, OpusSettings settings) {
        OpusEncoderStream encoder = new OpusEncoderStream(RATE, settings);
        List<byte[]> out = new ArrayList<>(encoder.encode(pcm));
        out.addAll(encoder.finish());
        return out;
    }

    public static void main(String[] args) throws Exception {
        System.out.println("Java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " processors");
        short[] speech = speech();
        for (RunResult result : new Runner(new OptionsBuilder().include(ReplyEncodeBenchmark.class.getName()).build()).run()) {
            double millis = result.getPrimaryResult().getScore();
            int complexity = Integer.parseInt(result.getParams().getParam("complexity"));
            OpusSettings.Application application = OpusSettings.Application.valueOf(result.getParams().getParam("application"));
            OpusSettings.Bandwidth band = OpusSettings.Bandwidth.valueOf(result.getParams().getParam("band"));
            List<byte[]> packets = encode(speech, settings(complexity, application, band));
            long bytes = packets.stream().mapToLong(packet -> packet.length).sum();
            OpusDecoderStream decoder = new OpusDecoderStream(RATE, RATE);
            List<short[]> blocks = new ArrayList<>();
            for (byte[] packet : packets) {
                blocks.add(decoder.decode(packet));
            }
            blocks.add(decoder.flush());
            short[] decoded = concat(blocks);
            int lag = Signals.delay(speech, decoded, RATE / 100);
            double snr = Signals.snr(speech, decoded, lag);
            double energyDb = 10 * Math.log10(Signals.power(decoded, 0, decoded.length) / Signals.power(speech, 0, speech.length));
            System.out.printf("reply-encode complexity=%d %-8s %-9s %7.1f ms per 60 s = %6.1fx real time  %5d B/s  SNR %5.2f dB  energy %+5.2f dB%n",
                    complexity, application, band, millis, SECONDS_OF_AUDIO * 1000 / millis, Math.round(bytes / SECONDS_OF_AUDIO),
                    snr, energyDb);
        }
    }

    private static short[] concat(List<short[]> blocks) {
        short[] all = new short[blocks.stream().mapToInt(block -> block.length).sum()];
        int at = 0;
        for (short[] block : blocks) {
            System.arraycopy(block, 0, all, at, block.length);
            at += block.length;
        }
        return all;
    }
}
