package com.voicegateway.audio.control;

import com.voicegateway.audio.entity.AudioDefect;
import com.voicegateway.audio.entity.MalformedAudioException;
import com.voicegateway.audio.entity.Pcm;
import com.voicegateway.audio.entity.WavFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A strict, streaming WAV parser: the constructor reads the header up to the data chunk, then
 * {@link #read} hands out mono 16-bit samples while the body is still arriving; nothing requires the
 * whole file in memory.
 *
 * <p>Accepted: RIFF/WAVE with integer PCM (format tag 1, or WAVE_FORMAT_EXTENSIBLE with the PCM
 * subformat) of 8, 16, 24 or 32 bits, mono or stereo, 8000-48000 Hz; unknown chunks before the data
 * are skipped. Wider samples are cut to their top 16 bits, 8-bit samples widened, stereo averaged to
 * mono. Everything else is refused with a {@link MalformedAudioException} naming the defect: an empty
 * body, a damaged magic, text, another format, a header that contradicts itself, a data chunk
 * shorter than declared, and "stereo" that is really interleaved mono ({@link InterleavedMonoDetector}:
 * the first frames are looked at before any sample is handed out). Not thread-safe.
 */
public final class WavReader {

    private static final int MIN_RATE = 8_000;
    private static final int MAX_RATE = 48_000;
    private static final int MAX_FMT_BYTES = 1024;
    /** Frames of a stereo file judged by the interleaved-mono check: ~0.4 s at 44.1 kHz. */
    private static final int ANALYSIS_FRAMES = 16_384;
    private static final long UNKNOWN_LENGTH = 0xFFFF_FFFFL;
    private static final byte[] PCM_SUBFORMAT_TAIL = {
        0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    private final InputStream in;
    private final WavFormat format;
    private long position;
    private long dataLeft;
    private final long dataStart;
    private byte[] bytes = new byte[0];
    /** Mono samples already decoded (the stereo check's frames), served before reading on. */
    private short[] held = new short[0];
    private int heldAt;

    public WavReader(InputStream body) {
        PushbackInputStream sniffable = new PushbackInputStream(body, Magic.SNIFF_BYTES);
        byte[] start = Magic.peek(sniffable);
        this.in = sniffable;
        if (start.length == 0) {
            throw new MalformedAudioException(AudioDefect.EMPTY, "the body is empty (0 bytes): send a WAV file");
        }
        checkMagic(start);
        format = readHeader();
        dataStart = position;
        dataLeft = format.dataBytes() < 0 ? Long.MAX_VALUE : format.dataBytes();
        if (format.channels() == 2) {
            checkRealStereo();
        }
    }

    /** Reads a whole WAV body into memory (short uploads, tests); use {@link #read} for long ones. */
    public static Pcm readAll(InputStream body) {
        WavReader reader = new WavReader(body);
        long frames = reader.format.frames();
        // the header's length is a hint only: a lying header must not allocate gigabytes up front
        short[] all = new short[(int) Math.max(1, Math.min(frames < 0 ? 1 << 16 : frames, 1 << 22))];
        int count = 0;
        while (true) {
            if (count == all.length) {
                all = Arrays.copyOf(all, all.length * 2);
            }
            int n = reader.read(all, count, all.length - count);
            if (n < 0) {
                break;
            }
            count += n;
        }
        return Pcm.mono(count == all.length ? all : Arrays.copyOf(all, count), reader.sampleRate());
    }

    public WavFormat format() {
        return format;
    }

    public int sampleRate() {
        return format.sampleRate();
    }

    /**
     * Reads up to {@code length} mono samples.
     *
     * @return how many were read, or -1 at the end of the data
     * @throws MalformedAudioException {@code audio-truncated} when the body ends before the declared data size
     */
    public int read(short[] out, int offset, int length) {
        if (heldAt < held.length) {
            int n = Math.min(length, held.length - heldAt);
            System.arraycopy(held, heldAt, out, offset, n);
            heldAt += n;
            return n;
        }
        int block = format.blockAlign();
        long wanted = Math.min((long) length * block, dataLeft);
        if (wanted == 0) {
            return length == 0 ? 0 : -1;
        }
        if (bytes.length < wanted) {
            bytes = new byte[(int) wanted];
        }
        int got = readSome(bytes, (int) wanted, block);
        if (got == 0) {
            if (format.dataBytes() >= 0) {
                throw truncatedData();
            }
            return -1;
        }
        dataLeft -= got;
        int frames = got / block;
        for (int f = 0; f < frames; f++) {
            int at = f * block;
            out[offset + f] = format.channels() == 1 ? sample(at)
                    : (short) ((sample(at) + sample(at + block / 2)) >> 1);
        }
        return frames;
    }

    /** Reads whole frames: at least one unless the body ended (a partial last frame is dropped). */
    private int readSome(byte[] buffer, int wanted, int block) {
        int total = 0;
        try {
            while (total < wanted && (total < block || total % block != 0)) {
                int n = in.read(buffer, total, wanted - total);
                if (n < 0) {
                    break;
                }
                total += n;
                position += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the WAV body failed", e);
        }
        if (total < wanted && total % block != 0 && format.dataBytes() >= 0) {
            throw truncatedData();
        }
        return total - total % block;
    }

    private short sample(int at) {
        return switch (format.bitsPerSample()) {
            case 8 -> (short) (((bytes[at] & 0xff) - 128) << 8);
            case 16 -> (short) ((bytes[at] & 0xff) | bytes[at + 1] << 8);
            case 24 -> (short) ((bytes[at + 1] & 0xff) | bytes[at + 2] << 8);
            default -> (short) ((bytes[at + 2] & 0xff) | bytes[at + 3] << 8);
        };
    }

    private MalformedAudioException truncatedData() {
        long present = position - dataStart;
        return new MalformedAudioException(AudioDefect.TRUNCATED, String.format(
                "the header declares %d bytes of audio data (%.3f s), but the body ends after %d (%.3f s): "
                        + "the file was cut, send it whole",
                format.dataBytes(), seconds(format.dataBytes()), present, seconds(present)));
    }

    private double seconds(long dataBytes) {
        return (double) dataBytes / format.blockAlign() / format.sampleRate();
    }

    private static void checkMagic(byte[] start) {
        if (Magic.startsWith(start, 0, "RIFF") && start.length < 12) {
            throw new MalformedAudioException(AudioDefect.TRUNCATED,
                    "the body is " + start.length + " bytes, shorter than a RIFF header (12 bytes)");
        }
        if (!Magic.startsWith(start, 0, "RIFF") || !Magic.startsWith(start, 8, "WAVE")) {
            throw Magic.refusal(start, "a WAV file", "expected 'RIFF' at byte 0 and 'WAVE' at byte 8, found "
                    + Magic.describe(start, 0, 4) + " and " + Magic.describe(start, 8, 4));
        }
    }

    private WavFormat readHeader() {
        skip(12, "RIFF header");
        WavFormat fmt = null;
        while (true) {
            byte[] chunk = new byte[8];
            int got = readFully(chunk, 8);
            if (got < 8) {
                throw new MalformedAudioException(AudioDefect.TRUNCATED, got == 0
                        ? "the body ends after " + position + " bytes without a data chunk"
                        : "the body ends inside a chunk header at byte " + (position - got));
            }
            String id = new String(chunk, 0, 4, StandardCharsets.ISO_8859_1);
            long size = uint32(chunk, 4);
            switch (id) {
                case "fmt " -> {
                    if (fmt != null) {
                        throw inconsistent("the file has a second fmt chunk at byte " + (position - 8));
                    }
                    fmt = readFmt(size);
                }
                case "data" -> {
                    if (fmt == null) {
                        throw inconsistent("the data chunk (at byte " + (position - 8) + ") comes before any fmt chunk");
                    }
                    return dataFormat(fmt, size);
                }
                default -> skip(size + (size & 1), "chunk '" + id.strip() + "'");
            }
        }
    }

    private WavFormat dataFormat(WavFormat fmt, long size) {
        if (size == 0) {
            throw new MalformedAudioException(AudioDefect.EMPTY, "the data chunk holds no samples (0 bytes)");
        }
        if (size == UNKNOWN_LENGTH) {
            return new WavFormat(fmt.sampleRate(), fmt.channels(), fmt.bitsPerSample(), -1);
        }
        if (size % fmt.blockAlign() != 0) {
            throw inconsistent("the data chunk is " + size + " bytes, not a whole number of "
                    + fmt.blockAlign() + "-byte frames");
        }
        return new WavFormat(fmt.sampleRate(), fmt.channels(), fmt.bitsPerSample(), size);
    }

    private WavFormat readFmt(long size) {
        if (size < 16 || size > MAX_FMT_BYTES) {
            throw inconsistent("the fmt chunk is " + size + " bytes; a PCM fmt chunk has 16 to " + MAX_FMT_BYTES);
        }
        byte[] f = new byte[(int) (size + (size & 1))];
        if (readFully(f, f.length) < size) {
            throw new MalformedAudioException(AudioDefect.TRUNCATED, "the body ends inside the fmt chunk");
        }
        int tag = uint16(f, 0);
        int channels = uint16(f, 2);
        long rate = uint32(f, 4);
        long byteRate = uint32(f, 8);
        int blockAlign = uint16(f, 12);
        int bits = uint16(f, 14);
        if (tag == 0xFFFE) {
            tag = extensibleSubformat(f, size);
        }
        if (tag != 1) {
            throw new MalformedAudioException(AudioDefect.UNSUPPORTED_FORMAT, String.format(
                    "the WAV data is format 0x%04x (%s); only integer PCM is accepted: convert to 16-bit PCM",
                    tag, formatName(tag)));
        }
        if (channels == 0 || bits == 0 || rate == 0) {
            throw inconsistent("the fmt chunk declares " + channels + " channels, " + bits + " bits, " + rate + " Hz");
        }
        if (channels > 2) {
            throw new MalformedAudioException(AudioDefect.UNSUPPORTED_FORMAT,
                    "the file has " + channels + " channels; send mono or stereo");
        }
        if (bits != 8 && bits != 16 && bits != 24 && bits != 32) {
            throw new MalformedAudioException(AudioDefect.UNSUPPORTED_FORMAT,
                    bits + "-bit samples are not supported; send 8, 16, 24 or 32-bit PCM (16 preferred)");
        }
        if (rate < MIN_RATE || rate > MAX_RATE) {
            throw new MalformedAudioException(AudioDefect.UNSUPPORTED_FORMAT,
                    "the sample rate " + rate + " Hz is outside " + MIN_RATE + "-" + MAX_RATE + " Hz");
        }
        if (blockAlign != channels * bits / 8) {
            throw inconsistent("block align is " + blockAlign + " but " + channels + " channels of " + bits
                    + " bits need " + channels * bits / 8);
        }
        if (byteRate != rate * blockAlign) {
            throw inconsistent("byte rate is " + byteRate + " but " + rate + " Hz x " + blockAlign
                    + " bytes per frame is " + rate * blockAlign);
        }
        return new WavFormat((int) rate, channels, bits, 0);
    }

    private static int extensibleSubformat(byte[] f, long size) {
        if (size < 40 || uint16(f, 16) < 22) {
            throw inconsistent("a WAVE_FORMAT_EXTENSIBLE fmt chunk needs 40 bytes with a 22-byte extension, this has "
                    + size + " bytes");
        }
        byte[] tail = Arrays.copyOfRange(f, 26, 40);
        if (!Arrays.equals(tail, PCM_SUBFORMAT_TAIL)) {
            throw new MalformedAudioException(AudioDefect.UNSUPPORTED_FORMAT,
                    "the WAVE_FORMAT_EXTENSIBLE subformat is not a standard WAVE format GUID");
        }
        return uint16(f, 24);
    }

    private static String formatName(int tag) {
        return switch (tag) {
            case 2 -> "Microsoft ADPCM";
            case 3 -> "IEEE float";
            case 6 -> "A-law";
            case 7 -> "mu-law";
            case 0x11 -> "IMA ADPCM";
            case 0x55 -> "MPEG layer 3";
            default -> "unknown";
        };
    }

    /** Decodes the first frames and refuses "stereo" that is mono samples under a stereo header. */
    private void checkRealStereo() {
        int block = format.blockAlign();
        int wanted = (int) Math.min((long) ANALYSIS_FRAMES * block, dataLeft);
        bytes = new byte[wanted];
        int got = readFully(bytes, wanted);
        if (got < wanted && format.dataBytes() >= 0) {
            throw truncatedData();
        }
        int frames = got / block;
        dataLeft -= (long) frames * block;
        short[] left = new short[frames];
        short[] right = new short[frames];
        held = new short[frames];
        for (int i = 0; i < frames; i++) {
            left[i] = sample(i * block);
            right[i] = sample(i * block + block / 2);
            held[i] = (short) ((left[i] + right[i]) >> 1);
        }
        InterleavedMonoDetector.Verdict verdict = InterleavedMonoDetector.judge(left, right, frames);
        if (verdict.interleavedMono()) {
            throw inconsistent(String.format("the header says %d Hz stereo, but the data looks like interleaved mono: "
                    + "left and right correlate as neighbouring samples of one signal (%.3f and %.3f across channels, "
                    + "%.3f within a channel); the real rate is probably %d Hz mono, fix the header",
                    format.sampleRate(), verdict.sameInstant(), verdict.nextInstant(), verdict.ownNeighbour(),
                    format.sampleRate() * 2));
        }
    }

    private void skip(long count, String what) {
        byte[] buffer = new byte[(int) Math.min(count, 8192)];
        long left = count;
        while (left > 0) {
            int got = readFully(buffer, (int) Math.min(left, buffer.length));
            if (got == 0) {
                throw new MalformedAudioException(AudioDefect.TRUNCATED, "the body ends inside the " + what
                        + ", " + left + " of its " + count + " bytes missing");
            }
            left -= got;
        }
    }

    private int readFully(byte[] buffer, int length) {
        int total = 0;
        try {
            while (total < length) {
                int n = in.read(buffer, total, length - total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the WAV body failed", e);
        }
        position += total;
        return total;
    }

    private static MalformedAudioException inconsistent(String detail) {
        return new MalformedAudioException(AudioDefect.INCONSISTENT_HEADER, detail);
    }

    private static int uint16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static long uint32(byte[] b, int at) {
        return uint16(b, at) | (long) uint16(b, at + 2) << 16;
    }
}
