package com.voicegateway.audio.control;

import com.voicegateway.audio.entity.AudioDefect;
import com.voicegateway.audio.entity.MalformedAudioException;
import com.voicegateway.audio.entity.OpusHead;
import com.voicegateway.audio.entity.Pcm;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An Ogg/Opus stream to mono PCM16 at the rate the caller wants, block by block as packets arrive,
 * with the timing RFC 7845 defines: the first {@code preSkip} samples (the encoder's lookahead) are
 * dropped, and the final granule position cuts the padding of the last packet, so the output is as
 * long as the audio that was encoded. Both are counted at 48 kHz and scaled to the output rate; the
 * {@link Resampler} inside {@link OpusDecoderStream} compensates its delay, so the scaling is exact
 * to a sample. Not thread-safe.
 */
public final class OggOpusDecoder {

    private final OggOpusReader reader;
    private final OpusDecoderStream decoder;
    private final int outputRate;
    private long toSkip;
    private long emitted;
    /** Output samples the stream holds, known once its last packet arrives; -1 before. */
    private long playable = -1;
    private boolean done;

    public OggOpusDecoder(InputStream in, int outputRate) {
        this.reader = new OggOpusReader(in);
        this.outputRate = outputRate;
        OpusHead head = reader.head();
        this.decoder = new OpusDecoderStream(head.inputSampleRate(), outputRate);
        decoder.gainQ8(head.outputGainQ8());
        this.toSkip = toOutputRate(head.preSkip());
    }

    /** Decodes a whole stream (tests, short uploads); a long stream should be read with {@link #next()}. */
    public static Pcm decodeAll(InputStream in, int outputRate) {
        OggOpusDecoder decoder = new OggOpusDecoder(in, outputRate);
        List<short[]> blocks = new ArrayList<>();
        int total = 0;
        for (short[] pcm = decoder.next(); pcm != null; pcm = decoder.next()) {
            blocks.add(pcm);
            total += pcm.length;
        }
        short[] all = new short[total];
        int at = 0;
        for (short[] block : blocks) {
            System.arraycopy(block, 0, all, at, block.length);
            at += block.length;
        }
        return Pcm.mono(all, outputRate);
    }

    public OpusHead head() {
        return reader.head();
    }

    public int outputRate() {
        return outputRate;
    }

    /** The next block of output (may be empty while the pre-skip is dropped), or null at the end. */
    public short[] next() {
        if (done) {
            return null;
        }
        OggOpusReader.AudioPacket packet = reader.next();
        short[] pcm;
        if (packet == null) {
            done = true;
            pcm = decoder.flush();
        } else {
            pcm = decoder.decode(packet.data());
            if (packet.last()) {
                playable = endOfStream(packet.endGranule());
                done = true;
                pcm = concat(pcm, decoder.flush());
            }
        }
        return trim(pcm);
    }

    private long endOfStream(long endGranule) {
        long preSkip = reader.head().preSkip();
        if (endGranule < preSkip) {
            throw new MalformedAudioException(AudioDefect.INCONSISTENT_HEADER, "the final granule position "
                    + endGranule + " is before the end of the pre-skip (" + preSkip + " samples)");
        }
        return toOutputRate(endGranule - preSkip);
    }

    private short[] trim(short[] pcm) {
        int from = (int) Math.min(toSkip, pcm.length);
        toSkip -= from;
        int to = pcm.length;
        if (playable >= 0) {
            to = (int) Math.max(from, Math.min(to, from + playable - emitted));
        }
        emitted += to - from;
        return from == 0 && to == pcm.length ? pcm : Arrays.copyOfRange(pcm, from, to);
    }

    private long toOutputRate(long samples48k) {
        return Math.round(samples48k * (double) outputRate / 48_000);
    }

    private static short[] concat(short[] a, short[] b) {
        short[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
