package com.voicegateway.audio.control;

/**
 * The Ogg page checksum: CRC-32 with polynomial 0x04c11db7, not reflected, initial value 0 and no
 * final XOR (RFC 3533 section 6). Not the zlib CRC-32, which is reflected: {@link java.util.zip.CRC32}
 * gives different values.
 */
final class OggCrc {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                r = (r & 0x8000_0000) != 0 ? (r << 1) ^ 0x04c1_1db7 : r << 1;
            }
            TABLE[i] = r;
        }
    }

    private OggCrc() {
    }

    static int update(int crc, byte[] data, int offset, int length) {
        int c = crc;
        for (int i = offset; i < offset + length; i++) {
            c = (c << 8) ^ TABLE[((c >>> 24) ^ data[i]) & 0xff];
        }
        return c;
    }
}
