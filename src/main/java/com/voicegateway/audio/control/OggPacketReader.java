package com.voicegateway.audio.control;

import com.voicegateway.audio.entity.AudioDefect;
import com.voicegateway.audio.entity.MalformedAudioException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads the packets of one Ogg logical stream (RFC 3533) from an InputStream, a page at a time, and
 * refuses what it cannot trust: a page without the capture pattern, of an unknown version, with a
 * wrong CRC, out of sequence, of a second logical stream, or cut short. Each packet comes with the
 * granule position of its page when it is the last packet that ends there, and whether the stream
 * ends with it.
 *
 * <p>Only one page is held in memory at a time (plus a packet that spans pages). Not thread-safe.
 */
final class OggPacketReader {

    /** One packet. {@code granule} is -1 unless the packet is the last to end on its page. */
    record Packet(byte[] data, long granule, boolean endOfStream) {
    }

    private static final int FLAG_CONTINUED = 0x01;
    private static final int FLAG_EOS = 0x04;
    private static final int HEADER = 27;

    private final InputStream in;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final byte[] header = new byte[HEADER];
    private final byte[] lacing = new byte[255];
    private byte[] body = new byte[0];
    private int segments;
    private int segment;
    private int bodyOffset;
    private int lastCompleteSegment;
    private long pageGranule;
    private boolean pageEos;
    private boolean ended;
    private long pages;
    private long bytesRead;
    private Integer serial;

    OggPacketReader(InputStream in) {
        this.in = in;
    }

    /** The next packet, or null when the stream ended (EOS page or end of input at a page boundary). */
    Packet next() {
        while (true) {
            if (segment < segments) {
                Packet packet = fromCurrentPage();
                if (packet != null) {
                    return packet;
                }
                continue;
            }
            if (ended || !readPage()) {
                if (partial.size() > 0) {
                    throw new MalformedAudioException(AudioDefect.TRUNCATED, "the Ogg stream ends inside a packet: "
                            + partial.size() + " bytes of it were read and the page that completes it is missing");
                }
                return null;
            }
        }
    }

    /** Assembles segments of the current page into a packet; null when the page ends mid-packet. */
    private Packet fromCurrentPage() {
        while (segment < segments) {
            int size = lacing[segment] & 0xff;
            partial.write(body, bodyOffset, size);
            bodyOffset += size;
            int index = segment++;
            if (size < 255) {
                byte[] data = partial.toByteArray();
                partial.reset();
                boolean lastOnPage = index == lastCompleteSegment;
                return new Packet(data, lastOnPage ? pageGranule : -1, lastOnPage && pageEos);
            }
        }
        return null;
    }

    private boolean readPage() {
        int got = readFully(header, 0, HEADER);
        if (got == 0) {
            return false;
        }
        long pageStart = bytesRead;
        if (got < HEADER) {
            throw truncated("page header", HEADER, got, pageStart);
        }
        bytesRead += HEADER;
        if (header[0] != 'O' || header[1] != 'g' || header[2] != 'g' || header[3] != 'S') {
            throw new MalformedAudioException(AudioDefect.CORRUPT,
                    "no Ogg page at byte " + pageStart + ": expected the capture pattern 'OggS', found "
                            + Magic.describe(header, 0, 4));
        }
        if (header[4] != 0) {
            throw new MalformedAudioException(AudioDefect.UNSUPPORTED_FORMAT,
                    "Ogg page " + pages + " has stream structure version " + (header[4] & 0xff) + "; only version 0 exists");
        }
        int flags = header[5] & 0xff;
        int pageSerial = intAt(header, 14);
        long sequence = intAt(header, 18) & 0xffff_ffffL;
        if (serial == null) {
            serial = pageSerial;
        } else if (serial != pageSerial) {
            throw new MalformedAudioException(AudioDefect.UNSUPPORTED_FORMAT, "the Ogg file holds more than one "
                    + "logical stream (serial " + Integer.toUnsignedString(serial) + " and "
                    + Integer.toUnsignedString(pageSerial) + "); send a single Opus stream");
        }
        if (sequence != pages) {
            throw new MalformedAudioException(AudioDefect.CORRUPT,
                    "Ogg page sequence number " + sequence + " where " + pages + " was expected: pages are missing");
        }
        segments = header[26] & 0xff;
        got = readFully(lacing, 0, segments);
        if (got < segments) {
            throw truncated("segment table of page " + pages, segments, got, pageStart);
        }
        bytesRead += segments;
        int size = 0;
        lastCompleteSegment = -1;
        for (int i = 0; i < segments; i++) {
            size += lacing[i] & 0xff;
            if ((lacing[i] & 0xff) < 255) {
                lastCompleteSegment = i;
            }
        }
        body = size <= body.length ? body : new byte[size];
        got = readFully(body, 0, size);
        if (got < size) {
            throw truncated("data of page " + pages, size, got, pageStart);
        }
        bytesRead += size;
        checkCrc(size, pageStart);
        if ((flags & FLAG_CONTINUED) == 0 && partial.size() > 0) {
            throw new MalformedAudioException(AudioDefect.CORRUPT, "Ogg page " + pages
                    + " starts a new packet while the previous page left one unfinished");
        }
        if ((flags & FLAG_CONTINUED) != 0 && partial.size() == 0) {
            throw new MalformedAudioException(AudioDefect.CORRUPT, "Ogg page " + pages
                    + " continues a packet, but no packet was left unfinished");
        }
        pageGranule = longAt(header, 6);
        pageEos = (flags & FLAG_EOS) != 0;
        ended = pageEos;
        segment = 0;
        bodyOffset = 0;
        pages++;
        return true;
    }

    private void checkCrc(int size, long pageStart) {
        int stored = intAt(header, 22);
        header[22] = header[23] = header[24] = header[25] = 0;
        int crc = OggCrc.update(0, header, 0, HEADER);
        crc = OggCrc.update(crc, lacing, 0, segments);
        crc = OggCrc.update(crc, body, 0, size);
        if (crc != stored) {
            throw new MalformedAudioException(AudioDefect.CORRUPT, String.format(
                    "Ogg page %d (at byte %d) fails its CRC check: stored 0x%08x, computed 0x%08x; the file is damaged",
                    pages, pageStart, stored, crc));
        }
    }

    private MalformedAudioException truncated(String what, int expected, int got, long pageStart) {
        return new MalformedAudioException(AudioDefect.TRUNCATED, "the Ogg stream is cut short in the " + what
                + " (page at byte " + pageStart + "): " + expected + " bytes expected, " + got + " present");
    }

    private int readFully(byte[] buffer, int offset, int length) {
        int total = 0;
        try {
            while (total < length) {
                int n = in.read(buffer, offset + total, length - total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the Ogg stream failed", e);
        }
        return total;
    }

    private static int intAt(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private static long longAt(byte[] b, int at) {
        return (intAt(b, at) & 0xffff_ffffL) | ((long) intAt(b, at + 4)) << 32;
    }
}
