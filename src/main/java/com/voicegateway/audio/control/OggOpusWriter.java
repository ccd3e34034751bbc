package com.voicegateway.audio.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import io.github.jaredmdobson.concentus.OpusPacketInfo;

/**
 * Writes an Ogg/Opus stream (RFC 7845) of one mono logical stream to an OutputStream as it goes: the
 * OpusHead and OpusTags pages at once, then audio pages of about one second each, so that a reply
 * can be played while it is still being produced.
 *
 * <p>Granule positions count the 48 kHz samples a decoder produces, the pre-skip among them (so the
 * first audio page's granule is the duration of its packets, not that plus the pre-skip). The last page carries the
 * end-of-stream flag and, by its granule position, trims the padding the encoder added to fill its
 * last frame. To always have a page left for that flag, the writer holds back the current page until
 * the next packet would overflow it. One instance per stream; not thread-safe.
 */
public final class OggOpusWriter implements AutoCloseable {

    static final String VENDOR = "voice-gateway";
    private static final int FLAG_BOS = 0x02;
    private static final int FLAG_EOS = 0x04;
    private static final int MAX_SEGMENTS = 255;
    private static final long PAGE_SAMPLES = 48_000;

    private final OutputStream out;
    private final int preSkip;
    private final int serial;
    private int sequence;
    private long granule;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final ByteArrayOutputStream lacing = new ByteArrayOutputStream();
    private long pageStartGranule;
    private boolean pending;
    private boolean finished;

    /**
     * Writes the two header pages.
     *
     * @param inputSampleRate the rate of the original audio, recorded for players (informational)
     * @param preSkip         samples at 48 kHz the decoder must drop, {@link OpusEncoderStream#preSkip()}
     * @param serial          the logical stream's serial number (any value; unique when streams are chained)
     */
    public OggOpusWriter(OutputStream out, long inputSampleRate, int preSkip, int serial) {
        if (preSkip < 0 || preSkip > 0xFFFF) {
            throw new IllegalArgumentException("preSkip must be 0-65535, was " + preSkip);
        }
        this.out = out;
        this.preSkip = preSkip;
        this.serial = serial;
        writePage(FLAG_BOS, 0, opusHead(inputSampleRate, preSkip));
        writePage(0, 0, opusTags());
        flushStream();
    }

    /** Adds one packet; writes a page when the current one holds a second of audio or is full. */
    public void write(byte[] packet) {
        if (finished) {
            throw new IllegalStateException("the stream is finished");
        }
        int segments = packet.length / 255 + 1;
        if (pending && (granule - pageStartGranule >= PAGE_SAMPLES || lacing.size() + segments > MAX_SEGMENTS)) {
            emitPage(0, granule);
        }
        for (int left = packet.length; ; left -= 255) {
            lacing.write(Math.min(left, 255));
            if (left < 255) {
                break;
            }
        }
        body.write(packet, 0, packet.length);
        granule += OpusPacketInfo.getNumSamples(packet, 0, packet.length, 48_000);
        pending = true;
    }

    /**
     * Writes the last page with the end-of-stream flag.
     *
     * @param playableSamples48k how much audio the stream holds, in 48 kHz samples without the
     *                           pre-skip; the padding of the last packet beyond it is trimmed
     */
    public void finish(long playableSamples48k) {
        if (finished) {
            throw new IllegalStateException("the stream is already finished");
        }
        long end = preSkip + playableSamples48k;
        if (end > granule) {
            throw new IllegalArgumentException("the packets hold " + (granule - preSkip)
                    + " samples, fewer than the " + playableSamples48k + " to be played");
        }
        finished = true;
        emitPage(FLAG_EOS, end);
        flushStream();
    }

    /** Flushes the underlying stream; does not close it (the caller owns it) and does not finish. */
    @Override
    public void close() {
        flushStream();
    }

    private void emitPage(int flags, long pageGranule) {
        writeRawPage(flags, pageGranule, lacing.toByteArray(), body.toByteArray());
        lacing.reset();
        body.reset();
        pageStartGranule = granule;
        pending = false;
    }

    /** A page holding exactly one small header packet. */
    private void writePage(int flags, long pageGranule, byte[] packet) {
        byte[] segments = new byte[packet.length / 255 + 1];
        for (int i = 0; i < segments.length; i++) {
            segments[i] = (byte) Math.min(255, packet.length - i * 255);
        }
        writeRawPage(flags, pageGranule, segments, packet);
    }

    private void writeRawPage(int flags, long pageGranule, byte[] segments, byte[] data) {
        byte[] page = new byte[27 + segments.length + data.length];
        page[0] = 'O';
        page[1] = 'g';
        page[2] = 'g';
        page[3] = 'S';
        page[4] = 0;
        page[5] = (byte) flags;
        putLong(page, 6, pageGranule);
        putInt(page, 14, serial);
        putInt(page, 18, sequence++);
        page[26] = (byte) segments.length;
        System.arraycopy(segments, 0, page, 27, segments.length);
        System.arraycopy(data, 0, page, 27 + segments.length, data.length);
        putInt(page, 22, OggCrc.update(0, page, 0, page.length));
        try {
            out.write(page);
        } catch (IOException e) {
            throw new UncheckedIOException("writing an Ogg page failed", e);
        }
    }

    private void flushStream() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("flushing the Ogg stream failed", e);
        }
    }

    private static byte[] opusHead(long inputSampleRate, int preSkip) {
        byte[] head = new byte[19];
        System.arraycopy("OpusHead".getBytes(StandardCharsets.US_ASCII), 0, head, 0, 8);
        head[8] = 1;
        head[9] = 1;
        head[10] = (byte) preSkip;
        head[11] = (byte) (preSkip >> 8);
        putInt(head, 12, (int) inputSampleRate);
        // output gain 0 (bytes 16-17) and mapping family 0 (byte 18) stay zero
        return head;
    }

    private static byte[] opusTags() {
        byte[] vendor = VENDOR.getBytes(StandardCharsets.UTF_8);
        byte[] tags = new byte[8 + 4 + vendor.length + 4];
        System.arraycopy("OpusTags".getBytes(StandardCharsets.US_ASCII), 0, tags, 0, 8);
        putInt(tags, 8, vendor.length);
        System.arraycopy(vendor, 0, tags, 12, vendor.length);
        // user comment list length 0
        return tags;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
        b[at + 2] = (byte) (v >> 16);
        b[at + 3] = (byte) (v >> 24);
    }

    private static void putLong(byte[] b, int at, long v) {
        putInt(b, at, (int) v);
        putInt(b, at + 4, (int) (v >> 32));
    }
}
