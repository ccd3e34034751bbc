package com.voicegateway.audio.entity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An audio upload after the compression filter: the original as received (kind, length, SHA-256)
 * and the Ogg/Opus file the resources work with (the original itself when it was Ogg/Opus).
 * Closing it deletes every temporary file it holds.
 */
public record CompressedAudio(SpooledUpload original, Path opus, long opusBytes, long durationMillis, int inputRate)
        implements AutoCloseable {

    public InputStream openOpus() {
        try {
            return Files.newInputStream(opus);
        } catch (IOException e) {
            throw new UncheckedIOException("compressed audio " + opus + " unreadable", e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(opus);
        } catch (IOException e) {
            throw new UncheckedIOException("compressed audio " + opus + " not deleted", e);
        } finally {
            original.close();
        }
    }
}
