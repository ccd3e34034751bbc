package com.voicegateway.audio.control;

import com.voicegateway.audio.entity.AudioDefect;
import com.voicegateway.audio.entity.MalformedAudioException;
import com.voicegateway.audio.entity.OpusHead;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads an Ogg/Opus stream (RFC 7845) from an InputStream as it arrives: the OpusHead and OpusTags
 * headers when constructed, then the audio packets one at a time. Malformed input is refused with a
 * {@link MalformedAudioException} that names the defect (see {@link OggPacketReader} for the page
 * checks). Channel mapping family 0 only (mono or stereo), which is what voice streams use.
 *
 * <p>The packets are handed out as they are; trimming the pre-skip and the end of the last packet is
 * {@link OggOpusDecoder}'s job, with {@link #head()} and {@link AudioPacket#endGranule()}. Not
 * thread-safe.
 */
public final class OggOpusReader {

    /** An audio packet; {@code endGranule} is the stream's final granule position on its last packet, else -1. */
    public record AudioPacket(byte[] data, long endGranule) {

        public boolean last() {
            return endGranule >= 0;
        }
    }

    private final OggPacketReader packets;
    private final OpusHead head;
    private final String vendor;
    private long audioPackets;

    public OggOpusReader(InputStream in) {
        PushbackInputStream sniffable = new PushbackInputStream(in, Magic.SNIFF_BYTES);
        byte[] start = Magic.peek(sniffable);
        if (start.length == 0) {
            throw new MalformedAudioException(AudioDefect.EMPTY, "the body is empty: send an Ogg/Opus stream");
        }
        if (!Magic.startsWith(start, 0, "OggS")) {
            throw Magic.refusal(start, "Ogg/Opus", "expected the capture pattern 'OggS' at byte 0, found "
                    + Magic.describe(start, 0, 4));
        }
        packets = new OggPacketReader(sniffable);
        head = parseHead(required("OpusHead"));
        vendor = parseTags(required("OpusTags"));
    }

    public OpusHead head() {
        return head;
    }

    /** The encoder's vendor string from OpusTags. */
    public String vendor() {
        return vendor;
    }

    /** The next audio packet, or null at the end of the stream. */
    public AudioPacket next() {
        OggPacketReader.Packet packet = packets.next();
        if (packet == null) {
            return null;
        }
        audioPackets++;
        if (packet.data().length == 0) {
            throw new MalformedAudioException(AudioDefect.CORRUPT,
                    "audio packet " + audioPackets + " is empty; Ogg/Opus packets must hold at least the TOC byte");
        }
        return new AudioPacket(packet.data(), packet.endOfStream() ? packet.granule() : -1);
    }

    private byte[] required(String magic) {
        OggPacketReader.Packet packet = packets.next();
        if (packet == null) {
            throw new MalformedAudioException(AudioDefect.TRUNCATED,
                    "the Ogg stream ends before its " + magic + " header");
        }
        byte[] data = packet.data();
        if (!Magic.startsWith(data, 0, magic)) {
            throw new MalformedAudioException(magic.equals("OpusHead") ? AudioDefect.UNSUPPORTED_FORMAT : AudioDefect.CORRUPT,
                    "the Ogg stream does not carry Opus: expected the " + magic + " header, found "
                            + Magic.describe(data, 0, Math.min(8, data.length)));
        }
        return data;
    }

    private static OpusHead parseHead(byte[] data) {
        if (data.length < 19) {
            throw new MalformedAudioException(AudioDefect.INCONSISTENT_HEADER,
                    "the OpusHead header is " + data.length + " bytes, at least 19 are required");
        }
        int version = data[8] & 0xff;
        if (version >> 4 != 0) {
            throw new MalformedAudioException(AudioDefect.UNSUPPORTED_FORMAT,
                    "OpusHead version " + version + " is not supported (major version 0 only)");
        }
        int channels = data[9] & 0xff;
        int mapping = data[18] & 0xff;
        if (mapping != 0) {
            throw new MalformedAudioException(AudioDefect.UNSUPPORTED_FORMAT, "channel mapping family " + mapping
                    + " (multichannel) is not supported; send mono or stereo (family 0)");
        }
        if (channels != 1 && channels != 2) {
            throw new MalformedAudioException(AudioDefect.INCONSISTENT_HEADER,
                    "OpusHead declares " + channels + " channels with mapping family 0, which allows only 1 or 2");
        }
        int preSkip = (data[10] & 0xff) | (data[11] & 0xff) << 8;
        long rate = (data[12] & 0xff) | (data[13] & 0xff) << 8 | (data[14] & 0xff) << 16 | (long) (data[15] & 0xff) << 24;
        int gain = (short) ((data[16] & 0xff) | (data[17] & 0xff) << 8);
        return new OpusHead(channels, preSkip, rate, gain);
    }

    private static String parseTags(byte[] data) {
        if (data.length < 16) {
            throw new MalformedAudioException(AudioDefect.INCONSISTENT_HEADER,
                    "the OpusTags header is " + data.length + " bytes, at least 16 are required");
        }
        long length = (data[8] & 0xff) | (data[9] & 0xff) << 8 | (data[10] & 0xff) << 16 | (long) (data[11] & 0xff) << 24;
        if (length > data.length - 16) {
            throw new MalformedAudioException(AudioDefect.INCONSISTENT_HEADER, "the OpusTags vendor string claims "
                    + length + " bytes, but the header holds only " + (data.length - 16));
        }
        return new String(data, 12, (int) length, StandardCharsets.UTF_8);
    }
}
