package com.voicegateway.audio.entity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An audio upload spooled to a temporary file: its kind (sniffed), length and SHA-256 (as the
 * base64 a {@code Repr-Digest} carries). Closing it deletes the file; whoever receives one closes
 * it on every path.
 */
public record SpooledUpload(Path file, AudioKind kind, long bytes, String sha256) implements AutoCloseable {

    public InputStream open() {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException("spooled upload " + file + " unreadable", e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("spooled upload " + file + " not deleted", e);
        }
    }
}
