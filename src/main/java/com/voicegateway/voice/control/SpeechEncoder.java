package com.voicegateway.voice.control;

import com.voicegateway.audio.control.AudioWork;
import com.voicegateway.audio.control.OggOpusEncoder;
import com.voicegateway.audio.entity.OpusSettings;
import com.voicegateway.monitoring.control.GatewayMetrics;
import com.voicegateway.problems.entity.ProblemType;
import com.voicegateway.upstream.entity.StreamBrokenException;
import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One spoken reply being encoded: PCM in (little-endian 16-bit, chunks of any length, an odd byte
 * kept for the next), Ogg/Opus pages out to {@code pages} as the writer completes them. The codec
 * runs on the codec threads ({@link AudioWork}).
 */
final class SpeechEncoder {

    private static final Logger LOG = Logger.getLogger(SpeechEncoder.class.getName());
    private static final Pattern PCM = Pattern.compile("(?i)^audio/(?:l16|pcm)\\b.*?(?:rate=(\\d+))?\\s*$");
    private static final Pattern RATE = Pattern.compile("(?i)rate=(\\d+)");

    private final AudioWork work;
    private final GatewayMetrics metrics;
    private final OpusSettings settings;
    private final Consumer<byte[]> sink;
    private final ByteArrayOutputStream pages = new ByteArrayOutputStream(8 * 1024);
    private final LittleEndianPcm decoder = new LittleEndianPcm();
    private OggOpusEncoder encoder;
    private int rate;
    private long samples;
    private long pcmBytes;
    private long codecNanos;
    private long stored;

    SpeechEncoder(AudioWork work, GatewayMetrics metrics, OpusSettings settings, Consumer<byte[]> sink) {
        this.work = work;
        this.metrics = metrics;
        this.settings = settings;
        this.sink = sink;
    }

    /** The sample rate of a PCM media type as Gemini names it ({@code audio/L16;codec=pcm;rate=24000}); 24 kHz if unsaid. */
    static int pcmRate(String mimeType) {
        if (mimeType == null || !PCM.matcher(mimeType.trim()).matches()) {
            throw new StreamBrokenException(ProblemType.SPEECH_UNSUPPORTED_FORMAT,
                    "The speech model answered " + mimeType + "; the gateway takes 16-bit PCM (audio/L16;rate=...).", null);
        }
        Matcher rate = RATE.matcher(mimeType);
        return rate.find() ? Integer.parseInt(rate.group(1)) : 24_000;
    }

    boolean started() {
        return encoder != null;
    }

    void add(byte[] pcm, String mimeType) {
        if (encoder == null) {
            rate = pcmRate(mimeType);
            encoder = new OggOpusEncoder(pages, rate, settings);
        }
        pcmBytes += pcm.length;
        short[] block = decoder.next(pcm);
        samples += block.length;
        long start = System.nanoTime();
        work.call(() -> {
            encoder.write(block, 0, block.length);
            return null;
        });
        codecNanos += System.nanoTime() - start;
        flushPages();
    }

    void finish() {
        long start = System.nanoTime();
        work.call(() -> {
            encoder.finish();
            return null;
        });
        codecNanos += System.nanoTime() - start;
        flushPages();
        metrics.audioCodec("reply-encode", codecNanos, pcmBytes, stored);
    }

    /** Ends a reply that failed: what was encoded stays a playable file, cut where the audio stopped. */
    void abandon() {
        if (encoder == null) {
            return;
        }
        try {
            finish();
        } catch (RuntimeException notEnded) {
            LOG.log(Level.FINE, "Failed reply not ended cleanly", notEnded);
        }
    }

    long durationMillis() {
        return rate == 0 ? 0 : samples * 1000 / rate;
    }

    /** Bytes handed to the sink so far. */
    long stored() {
        return stored;
    }

    private void flushPages() {
        if (pages.size() == 0) {
            return;
        }
        byte[] bytes = pages.toByteArray();
        pages.reset();
        sink.accept(bytes);
        stored += bytes.length;
    }
}
