package com.voicegateway.emulator.entity;

/**
 * The Live emulator's global behaviour ({@code emulator.live.*}); directives override most of it per
 * connection or per turn.
 *
 * @param speechThreshold   RMS of a 20 ms PCM16 frame at or above which the user is speaking
 * @param endOfSpeechMs     silence after speech that ends the user's turn (setup's
 *                          {@code automaticActivityDetection.silenceDurationMs} overrides it)
 * @param firstAudioMs      from the end of the user's turn to the reply's first audio
 * @param replyMs           length of a reply's audio
 * @param chunkMs           audio per {@code serverContent} message (Gemini: about 240 ms)
 * @param burstChunks       chunks sent back to back before the pacer waits
 * @param realtime          how many times faster than real time the reply is produced, on average
 * @param connectionCapMs   a connection's lifetime before it is closed with 1011
 * @param goAwayTimeLeftMs  how long before that close {@code goAway} is sent
 * @param handleTtlMs       how long a resumption handle stays valid
 * @param maxHandles        resumption handles kept at most (the oldest go first)
 */
public record LiveSettings(int speechThreshold, long endOfSpeechMs, long firstAudioMs, long replyMs, long chunkMs,
                           int burstChunks, double realtime, long connectionCapMs, long goAwayTimeLeftMs,
                           long handleTtlMs, int maxHandles) {

    /** Live's one output format: 16-bit little-endian mono PCM at 24 kHz. */
    public static final String OUTPUT_MIME_TYPE = "audio/pcm;rate=24000";
    public static final int OUTPUT_RATE = 24_000;
    public static final int INPUT_RATE = 16_000;
    /** Bounds what one turn can make the emulator send: 10 minutes of audio. */
    public static final long MAX_REPLY_MS = 600_000;

    public LiveSettings {
        if (speechThreshold <= 0 || endOfSpeechMs <= 0 || chunkMs < 20 || burstChunks < 1) {
            throw new IllegalArgumentException("speechThreshold, endOfSpeechMs and burstChunks must be positive, chunkMs at least 20");
        }
        if (firstAudioMs < 0 || replyMs < 0 || replyMs > MAX_REPLY_MS) {
            throw new IllegalArgumentException("firstAudioMs must not be negative, replyMs between 0 and " + MAX_REPLY_MS);
        }
        if (realtime <= 0 || connectionCapMs <= 0 || goAwayTimeLeftMs < 0 || handleTtlMs <= 0 || maxHandles < 1) {
            throw new IllegalArgumentException("realtime, connectionCapMs, handleTtlMs and maxHandles must be positive");
        }
    }

    /** The defaults of docs/configuration.md, for tests. */
    public static LiveSettings defaults() {
        return new LiveSettings(300, 500, 200, 2400, 240, 4, 2.0, 600_000, 2_000, 7_200_000, 10_000);
    }

    public LiveSettings withConnectionCapMs(long capMs) {
        return new LiveSettings(speechThreshold, endOfSpeechMs, firstAudioMs, replyMs, chunkMs, burstChunks, realtime,
                capMs, goAwayTimeLeftMs, handleTtlMs, maxHandles);
    }
}
