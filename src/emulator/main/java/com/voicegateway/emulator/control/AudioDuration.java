package com.voicegateway.emulator.control;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How long a prompt's audio lasts, which is what Gemini bills (32 tokens per second). Exact where the
 * container says it cheaply: a WAV's header (data size over byte rate) and an Ogg/Opus stream's last
 * granule position (48 kHz samples, less the pre-skip). Anything else, or a header that does not
 * parse, is estimated from its size at {@value #ASSUMED_BITS_PER_SECOND} bit/s, the bit rate of
 * compressed speech such as the gateway's own Opus.
 */
final class AudioDuration {

    static final int ASSUMED_BITS_PER_SECOND = 24_000;

    private static final byte[] OGG_PAGE = "OggS".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OPUS_HEAD = "OpusHead".getBytes(StandardCharsets.US_ASCII);
    private static final int OPUS_GRANULE_RATE = 48_000;

    private AudioDuration() {
    }

    static double seconds(String mimeType, byte[] data) {
        String type = mimeType.toLowerCase(Locale.ROOT);
        double exact = -1;
        if (type.contains("wav")) {
            exact = wavSeconds(data);
        } else if (type.contains("ogg") || type.contains("opus")) {
            exact = opusSeconds(data);
        }
        return exact >= 0 ? exact : data.length * 8.0 / ASSUMED_BITS_PER_SECOND;
    }

    /** RIFF chunks walked to {@code fmt } (byte rate) and {@code data} (its size, cut to what is present); -1 if not a WAV. */
    static double wavSeconds(byte[] data) {
        ByteBuffer wav = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (data.length < 12 || !ascii(data, 0, "RIFF") || !ascii(data, 8, "WAVE")) {
            return -1;
        }
        long byteRate = 0;
        long position = 12;
        while (position + 8 <= data.length) {
            int at = (int) position;
            long size = Integer.toUnsignedLong(wav.getInt(at + 4));
            if (ascii(data, at, "fmt ") && at + 20 <= data.length) {
                byteRate = Integer.toUnsignedLong(wav.getInt(at + 16));
            } else if (ascii(data, at, "data")) {
                long present = Math.min(size, data.length - (at + 8L));
                return byteRate > 0 ? (double) present / byteRate : -1;
            }
            position += 8 + size + (size & 1);
        }
        return -1;
    }

    /** Last page's granule position minus the OpusHead pre-skip, at 48 kHz; -1 if not Ogg/Opus. */
    static double opusSeconds(byte[] data) {
        int head = indexOf(data, OPUS_HEAD, 0);
        int lastPage = lastIndexOf(data, OGG_PAGE);
        if (head < 0 || head + 12 > data.length || lastPage < 0 || lastPage + 14 > data.length) {
            return -1;
        }
        ByteBuffer ogg = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long granule = ogg.getLong(lastPage + 6);
        int preSkip = Short.toUnsignedInt(ogg.getShort(head + 10));
        return granule > preSkip ? (double) (granule - preSkip) / OPUS_GRANULE_RATE : -1;
    }

    private static boolean ascii(byte[] data, int at, String text) {
        if (at + text.length() > data.length) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (data[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        for (int i = from; i + pattern.length <= data.length; i++) {
            if (matches(data, pattern, i)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] data, byte[] pattern) {
        for (int i = data.length - pattern.length; i >= 0; i--) {
            if (matches(data, pattern, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matches(byte[] data, byte[] pattern, int at) {
        for (int j = 0; j < pattern.length; j++) {
            if (data[at + j] != pattern[j]) {
                return false;
            }
        }
        return true;
    }
}
