package com.voicegateway.audio.control;

import com.voicegateway.audio.entity.AudioDefect;
import com.voicegateway.audio.entity.MalformedAudioException;
import java.io.IOException;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Sniffs the first bytes of a body that did not start as expected, to tell the client what it sent
 * instead: text (415 {@code audio-not-audio}), another audio or container format (415
 * {@code audio-unsupported-format}, naming it), or a damaged header of the right kind (400
 * {@code audio-bad-magic}). The type is judged by the bytes, never by a file name or Content-Type.
 */
final class Magic {

    static final int SNIFF_BYTES = 64;

    private Magic() {
    }

    /** Up to {@link #SNIFF_BYTES} first bytes, pushed back so the parser reads them again. */
    static byte[] peek(PushbackInputStream in) {
        byte[] head = new byte[SNIFF_BYTES];
        int total = 0;
        try {
            while (total < head.length) {
                int n = in.read(head, total, head.length - total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            in.unread(head, 0, total);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the audio body failed", e);
        }
        return Arrays.copyOf(head, total);
    }

    static boolean startsWith(byte[] head, int at, String ascii) {
        if (head.length < at + ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (head[at + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The refusal for a body whose first bytes are not {@code expected}.
     *
     * @param damagedHeader how the header differs from the expected one, used when nothing else fits
     */
    static MalformedAudioException refusal(byte[] head, String expected, String damagedHeader) {
        String other = knownFormat(head);
        if (other != null) {
            return new MalformedAudioException(AudioDefect.UNSUPPORTED_FORMAT,
                    "the body is " + other + ", not " + expected + "; convert it or send it with its own type");
        }
        if (isText(head)) {
            return new MalformedAudioException(AudioDefect.NOT_AUDIO, "the body is text, not " + expected
                    + " (it starts with " + describe(head, 0, Math.min(head.length, 24)) + ")");
        }
        return new MalformedAudioException(AudioDefect.BAD_MAGIC, "the body is not " + expected + ": " + damagedHeader);
    }

    /** Bytes as quoted ASCII when printable, else as hex. */
    static String describe(byte[] b, int offset, int length) {
        int end = Math.min(b.length, offset + length);
        boolean printable = true;
        for (int i = offset; i < end; i++) {
            printable &= b[i] >= 0x20 && b[i] < 0x7f;
        }
        StringBuilder s = new StringBuilder(printable ? "'" : "0x");
        for (int i = offset; i < end; i++) {
            s.append(printable ? String.valueOf((char) b[i]) : String.format("%02x", b[i] & 0xff));
        }
        return printable ? s.append('\'').toString() : s.toString();
    }

    private static String knownFormat(byte[] head) {
        if (startsWith(head, 0, "OggS")) {
            return "an Ogg stream (send it as audio/ogg)";
        }
        if (startsWith(head, 0, "RIFF") && startsWith(head, 8, "WAVE")) {
            return "a WAV file (send it as audio/wav)";
        }
        if (startsWith(head, 0, "RIFF")) {
            return "a RIFF file of form " + describe(head, 8, 4);
        }
        if (startsWith(head, 0, "RF64")) {
            return "an RF64 (64-bit WAV) file";
        }
        if (startsWith(head, 0, "fLaC")) {
            return "FLAC";
        }
        if (startsWith(head, 0, "ID3") || head.length >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xe0) == 0xe0) {
            return "MPEG audio (MP3)";
        }
        if (startsWith(head, 4, "ftyp")) {
            return "an MP4/M4A file";
        }
        if (head.length >= 4 && (head[0] & 0xff) == 0x1a && (head[1] & 0xff) == 0x45 && (head[2] & 0xff) == 0xdf
                && (head[3] & 0xff) == 0xa3) {
            return "a WebM/Matroska file";
        }
        if (startsWith(head, 0, "FORM") && (startsWith(head, 8, "AIFF") || startsWith(head, 8, "AIFC"))) {
            return "an AIFF file";
        }
        if (startsWith(head, 0, "#!AMR")) {
            return "AMR";
        }
        return null;
    }

    /** UTF-8 without control characters other than tab, CR and LF (a cut final character allowed). */
    private static boolean isText(byte[] head) {
        if (head.length == 0) {
            return false;
        }
        for (byte b : head) {
            if (b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7f) {
                return false;
            }
        }
        int length = head.length;
        for (int cut = 0; cut < 4 && length > 0; cut++, length--) {
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(head, 0, length));
                return true;
            } catch (CharacterCodingException e) {
                // the sniffed window may end inside a multi-byte character: try one byte shorter
            }
        }
        return false;
    }
}
