package com.voicegateway.audio.control;

import com.voicegateway.audio.entity.AudioKind;
import com.voicegateway.audio.entity.AudioSettings;
import com.voicegateway.audio.entity.CompressedAudio;
import com.voicegateway.audio.entity.OpusSettings;
import com.voicegateway.audio.entity.Pcm;
import com.voicegateway.audio.entity.SpooledUpload;
import com.voicegateway.monitoring.control.GatewayMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns a spooled upload into Ogg/Opus on a codec thread: a WAV is parsed strictly and encoded with
 * the configured voice settings, an Ogg/Opus file is read through once (headers, CRCs, packets) and
 * kept as it is. Malformed audio is refused with its defect; every temporary file is deleted on
 * every path that does not hand a {@link CompressedAudio} to the caller.
 */
@ApplicationScoped
public class AudioCompression {

    /** WAV uploads up to this size (2 minutes of 16 kHz mono, 22 s of 48 kHz stereo) are encoded in halves. */
    static final long HALVED_MAX_BYTES = 4L * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(AudioCompression.class.getName());

    @Inject
    AudioWork work;

    @Inject
    GatewayMetrics metrics;

    @Inject
    AudioSettings settings;

    /** What the gateway compresses to: audio files that clients keep ({@code /audio/compress}). */
    public OpusSettings settings() {
        return OpusSettings.voice().withBitrate(settings.opusBitrate()).withComplexity(settings.opusComplexity());
    }

    /**
     * What a voice turn's WAV is compressed to: audio that only the model hears, encoded on the
     * turn's latency path, so the faster complexity (docs/performance.md, P5).
     */
    public OpusSettings voiceTurnSettings() {
        return OpusSettings.voice().withBitrate(settings.opusBitrate()).withComplexity(settings.voiceUploadComplexity());
    }

    public CompressedAudio compress(SpooledUpload upload) {
        return compress(upload, settings());
    }

    public CompressedAudio compress(SpooledUpload upload, OpusSettings settings) {
        try {
            return upload.kind() == AudioKind.WAV ? encode(upload, settings) : validated(upload);
        } catch (RuntimeException | Error refused) {
            upload.close();
            throw refused;
        }
    }

    private CompressedAudio encode(SpooledUpload upload, OpusSettings settings) {
        Path opus = upload.file().resolveSibling(upload.file().getFileName() + ".opus");
        try {
            long start = System.nanoTime();
            OggOpusEncoder.Encoded encoded = upload.bytes() <= HALVED_MAX_BYTES && work.threads() >= 2
                    ? encodeInHalves(upload, opus, settings)
                    : work.call(() -> {
                        try (InputStream wav = new BufferedInputStream(upload.open(), 64 * 1024);
                                OutputStream out = new BufferedOutputStream(Files.newOutputStream(opus), 64 * 1024)) {
                            return OggOpusEncoder.encodeWav(wav, out, settings);
                        }
                    });
            long opusBytes = Files.size(opus);
            metrics.audioCodec("encode", System.nanoTime() - start, upload.bytes(), opusBytes);
            return new CompressedAudio(upload, opus, opusBytes, encoded.durationMillis(), encoded.sampleRate());
        } catch (IOException e) {
            delete(opus);
            throw new UncheckedIOException("compressed audio not written", e);
        } catch (RuntimeException | Error failed) {
            delete(opus);
            throw failed;
        } catch (Exception other) {
            delete(opus);
            throw new IllegalStateException("compression failed", other);
        }
    }

    /**
     * A short WAV (a spoken question, the common upload) is read whole and encoded by two encoders
     * on two codec threads at once ({@link HalvedOpusEncoding}): about half the time of one, which a
     * voice turn waits for. This thread parses the WAV (a 7 s one in about a millisecond) and writes
     * the pages; it is never a codec thread, so no codec job waits for another one's thread.
     * Longer uploads stream through one encoder, one block at a time.
     */
    private OggOpusEncoder.Encoded encodeInHalves(SpooledUpload upload, Path opus, OpusSettings settings) throws Exception {
        Pcm pcm;
        try (InputStream wav = new BufferedInputStream(upload.open(), 64 * 1024)) {
            pcm = WavReader.readAll(wav);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(opus), 64 * 1024)) {
            if (!HalvedOpusEncoding.worthIt(pcm.samples().length, pcm.sampleRate(), settings)) {
                return work.call(() -> {
                    OggOpusEncoder encoder = new OggOpusEncoder(out, pcm.sampleRate(), settings);
                    encoder.write(pcm.samples(), 0, pcm.samples().length);
                    encoder.finish();
                    return new OggOpusEncoder.Encoded(pcm.samples().length, pcm.sampleRate());
                });
            }
            return HalvedOpusEncoding.encode(pcm, settings, out, work::submit);
        }
    }

    private CompressedAudio validated(SpooledUpload upload) {
        long start = System.nanoTime();
        long[] read = work.call(() -> {
            try (InputStream in = new BufferedInputStream(upload.open(), 64 * 1024)) {
                OggOpusReader reader = new OggOpusReader(in);
                long granule = 0;
                for (OggOpusReader.AudioPacket packet = reader.next(); packet != null; packet = reader.next()) {
                    if (packet.last()) {
                        granule = packet.endGranule();
                    }
                }
                return new long[] {Math.max(0, granule - reader.head().preSkip()), reader.head().inputSampleRate()};
            }
        });
        metrics.audioCodec("validate", System.nanoTime() - start, upload.bytes(), upload.bytes());
        return new CompressedAudio(upload, upload.file(), upload.bytes(), read[0] / 48, (int) read[1]);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Temporary audio {0} not deleted: {1}", new Object[] {file, e.toString()});
        }
    }
}
