package com.voicegateway.audio.control;

import com.voicegateway.audio.entity.AudioSettings;
import com.voicegateway.problems.entity.ProblemType;
import com.voicegateway.audio.entity.AudioDefect;
import com.voicegateway.audio.entity.AudioKind;
import com.voicegateway.audio.entity.MalformedAudioException;
import com.voicegateway.audio.entity.SpooledUpload;
import com.voicegateway.problems.entity.GatewayException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams an audio request body to a temporary file, never holding it in memory: the size limit is
 * enforced from {@code Content-Length} before the first byte and again while reading (a chunked
 * body announces nothing), the kind is sniffed from the first bytes whatever {@code Content-Type}
 * said, and the SHA-256 is computed on the way and checked against {@code Repr-Digest} when the
 * client sent one. Every refusal and every failure (a client that went away included) deletes the
 * file before it is thrown.
 */
@ApplicationScoped
public class UploadSpool {

    private static final Logger LOG = Logger.getLogger(UploadSpool.class.getName());
    /** {@code sha-256=:<base64>:} inside a Repr-Digest dictionary (RFC 9530), other algorithms ignored. */
    private static final Pattern SHA256 = Pattern.compile("(?:^|,)\\s*sha-256\\s*=\\s*:([A-Za-z0-9+/=]*):\\s*(?:;[^,]*)?(?=,|$)");
    private static final int BUFFER = 64 * 1024;

    @Inject
    AudioSettings settings;

    private Path directory;

    @PostConstruct
    void start() {
        try {
            directory = settings.tempDir().isEmpty() || settings.tempDir().get().isBlank() ? Files.createTempDirectory("vg-audio-")
                    : Files.createDirectories(Path.of(settings.tempDir().get()));
        } catch (IOException e) {
            throw new UncheckedIOException("audio temp folder " + settings.tempDir().orElse("(default)") + " not usable", e);
        }
        LOG.log(Level.INFO, "Audio uploads spool to {0}, at most {1} bytes each", new Object[] {directory, settings.maxUploadBytes()});
    }

    public long maxBytes() {
        return settings.maxUploadBytes();
    }

    /** Where uploads are spooled: empty whenever no upload is being handled. */
    public Path directory() {
        return directory;
    }

    /**
     * Spools {@code body}. {@code declaredLength} is {@code Content-Length} (-1 when absent),
     * {@code reprDigest} the {@code Repr-Digest} header (null when absent).
     */
    public SpooledUpload spool(InputStream body, long declaredLength, String reprDigest) {
        if (declaredLength > settings.maxUploadBytes()) {
            throw GatewayException.payloadTooLarge(settings.maxUploadBytes());
        }
        byte[] expected = expectedSha256(reprDigest);
        Path file = createFile();
        try {
            MessageDigest sha256 = sha256();
            byte[] head = new byte[Magic.SNIFF_BYTES];
            int headLength = 0;
            long total = 0;
            byte[] buffer = new byte[BUFFER];
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                    total += n;
                    if (total > settings.maxUploadBytes()) {
                        throw GatewayException.payloadTooLarge(settings.maxUploadBytes());
                    }
                    if (headLength < Magic.SNIFF_BYTES) {
                        int take = Math.min(n, Magic.SNIFF_BYTES - headLength);
                        System.arraycopy(buffer, 0, head, headLength, take);
                        headLength += take;
                    }
                    sha256.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            if (total == 0) {
                throw new MalformedAudioException(AudioDefect.EMPTY, "the request body is empty; send a WAV or Ogg/Opus file");
            }
            AudioKind kind = kindOf(Arrays.copyOf(head, headLength));
            byte[] actual = sha256.digest();
            if (expected != null && !MessageDigest.isEqual(expected, actual)) {
                throw new GatewayException(ProblemType.DIGEST_MISMATCH, "Repr-Digest sha-256 is "
                        + Base64.getEncoder().encodeToString(expected) + " but the " + total + " bytes received hash to "
                        + Base64.getEncoder().encodeToString(actual) + ": the body was altered or cut on the way.", null, null);
            }
            return new SpooledUpload(file, kind, total, Base64.getEncoder().encodeToString(actual));
        } catch (IOException clientGone) {
            delete(file);
            throw new UncheckedIOException("audio upload broke off", clientGone);
        } catch (RuntimeException | Error refused) {
            delete(file);
            throw refused;
        }
    }

    /**
     * The kind the first bytes show: a WAV's RIFF/WAVE, an Ogg stream whose first packet is
     * OpusHead. Anything else is refused by what it is (see {@link Magic}): another format or text
     * 415, a damaged WAV or Ogg header 400.
     */
    static AudioKind kindOf(byte[] head) {
        if (Magic.startsWith(head, 0, "RIFF") && Magic.startsWith(head, 8, "WAVE")) {
            return AudioKind.WAV;
        }
        if (Magic.startsWith(head, 0, "OggS")) {
            // first page: 27-byte header, the segment table, then the first packet
            int packet = head.length >= 27 ? 27 + (head[26] & 0xff) : Integer.MAX_VALUE;
            if (packet < head.length && Magic.startsWith(head, packet, "OpusHead")) {
                return AudioKind.OGG_OPUS;
            }
            throw new MalformedAudioException(AudioDefect.UNSUPPORTED_FORMAT,
                    "the body is an Ogg stream whose first packet is not OpusHead (Vorbis or FLAC in Ogg?); only Opus is accepted in Ogg");
        }
        throw Magic.refusal(head, "WAV (RIFF/WAVE) or Ogg/Opus", "it starts with " + Magic.describe(head, 0, Math.min(head.length, 4))
                + (head.length >= 12 ? " and names the form " + Magic.describe(head, 8, 4) : "")
                + ", where a WAV file starts with 'RIFF' and names 'WAVE', and Ogg/Opus starts with 'OggS'");
    }

    static byte[] expectedSha256(String reprDigest) {
        if (reprDigest == null || reprDigest.isBlank()) {
            return null;
        }
        Matcher found = SHA256.matcher(reprDigest.trim());
        String value = null;
        while (found.find()) {
            value = found.group(1); // a structured-field dictionary's duplicate key: the last one wins (RFC 8941 4.2)
        }
        if (value == null) {
            if (reprDigest.toLowerCase(java.util.Locale.ROOT).contains("sha-256")) {
                throw badDigest("Repr-Digest has a sha-256 member that is not a byte sequence (sha-256=:<base64>:).");
            }
            // only algorithms the gateway does not check: RFC 9530 lets it ignore them
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException notBase64) {
            throw badDigest("Repr-Digest sha-256 is not valid base64.");
        }
        if (bytes.length != 32) {
            throw badDigest("Repr-Digest sha-256 decodes to " + bytes.length + " bytes; a SHA-256 has 32.");
        }
        return bytes;
    }

    private static GatewayException badDigest(String detail) {
        return new GatewayException(ProblemType.INVALID_DIGEST, detail, null, null);
    }

    private Path createFile() {
        try {
            return Files.createTempFile(directory, "upload-", ".audio");
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary file for an upload in " + directory, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Temporary upload {0} not deleted: {1}", new Object[] {file, e.toString()});
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
