package com.voicegateway.emulator.control;

import com.voicegateway.emulator.entity.Directives;
import com.voicegateway.emulator.entity.ReadContents;
import com.voicegateway.emulator.entity.ReplyPlan;
import com.voicegateway.emulator.entity.SpeechReply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns a Gemini request into a {@link ReplyPlan}. Replies are deterministic: the same contents give
 * the same words, whatever the model or the time. {@code fail=<status> times=N} counts per request
 * contents, so the same request fails N times and then succeeds, across models.
 */
@ApplicationScoped
public class ReplyPlanner {

    private static final String[] WORDS = ("the a voice gateway answers quickly and clearly while streaming each token "
            + "to your assistant so that people hear a natural reply today tomorrow weather music calendar "
            + "reminder meeting room nine thirty report laptop train platform seven quarter past eight library "
            + "opening hours budget transport breeze cloudy degrees afternoon customer service team Monday "
            + "Friday files update install backup forest species frog discovered scientists new city council")
            .split(" ");

    private static final int MAX_TRACKED_FAILURES = 10_000;

    @Inject
    @ConfigProperty(name = "emulator.ttft-ms", defaultValue = "300")
    long defaultTtftMs;

    @Inject
    @ConfigProperty(name = "emulator.tokens-per-second", defaultValue = "50")
    double defaultTokensPerSecond;

    @Inject
    @ConfigProperty(name = "emulator.reply-tokens", defaultValue = "40")
    int defaultReplyTokens;

    @Inject
    @ConfigProperty(name = "emulator.hang-ms", defaultValue = "300000")
    long defaultHangMs;

    private final Map<String, AtomicInteger> failuresSoFar = new ConcurrentHashMap<>();

    /** Plans the reply to {@code request}, whose contents {@code read} has already measured and redacted. */
    public ReplyPlan plan(String model, JsonObject request, ReadContents read) {
        String lastUserText = lastUserText(request);
        Directives directives = Directives.parse(lastUserText);
        String fingerprint = fingerprint(read.loggedJson(), request);

        int failStatus = 0;
        long retryAfter = 0;
        if (directives.has("fail")) {
            long times = directives.number("times", Long.MAX_VALUE);
            int seen = failureCounter(fingerprint).getAndIncrement();
            if (seen < times) {
                failStatus = (int) directives.number("fail", 503);
                retryAfter = directives.number("retryAfter", 0);
            }
        }
        SpeechReply speech = SpeechPlanner.wantsSpeech(model, request)
                ? SpeechPlanner.plan(directives, lastUserText, maxOutputTokens(request)) : null;
        int tokenCount = (int) Math.max(1, Math.min(directives.number("tokens", defaultReplyTokens), maxOutputTokens(request)));
        return new ReplyPlan(
                model,
                countTokens(request, read),
                read.audioTokens(),
                speech == null ? tokens(fingerprint, tokenCount) : List.of(),
                speech,
                Math.max(0, directives.number("ttftMs", defaultTtftMs)),
                Math.max(0.1, directives.decimal("tokensPerSecond", defaultTokensPerSecond)),
                failStatus,
                retryAfter,
                directives.has("hang"),
                directives.number("hangMs", defaultHangMs),
                (int) directives.number("cutAfterTokens", -1),
                (int) directives.number("errorAfterTokens", -1));
    }

    /** Gemini stops a reply at {@code generationConfig.maxOutputTokens}; so does the emulator. */
    static long maxOutputTokens(JsonObject request) {
        JsonValue config = request.containsKey("generationConfig") ? request.get("generationConfig") : request.get("generation_config");
        if (config == null || config.getValueType() != JsonValue.ValueType.OBJECT) {
            return Long.MAX_VALUE;
        }
        JsonValue max = config.asJsonObject().containsKey("maxOutputTokens") ? config.asJsonObject().get("maxOutputTokens")
                : config.asJsonObject().get("max_output_tokens");
        return max instanceof jakarta.json.JsonNumber number && number.longValue() > 0 ? number.longValue() : Long.MAX_VALUE;
    }

    /** Words of every text part and the system instruction, plus 32 tokens per second of prompt audio. */
    public int countTokens(JsonObject request, ReadContents read) {
        return Math.max(1, countWords(allText(request)) + read.audioTokens());
    }

    private AtomicInteger failureCounter(String fingerprint) {
        if (failuresSoFar.size() > MAX_TRACKED_FAILURES) {
            failuresSoFar.clear();
        }
        return failuresSoFar.computeIfAbsent(fingerprint, key -> new AtomicInteger());
    }

    /** {@code count} words chosen by {@code fingerprint}, the first capitalised, each after the first with a leading space. */
    static List<String> tokens(String fingerprint, int count) {
        SplittableRandom random = new SplittableRandom(fingerprint.hashCode());
        List<String> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String word = WORDS[random.nextInt(WORDS.length)];
            if (i == 0) {
                word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
            }
            boolean sentenceEnd = i == count - 1 || random.nextInt(12) == 0;
            tokens.add((i == 0 ? "" : " ") + word + (sentenceEnd ? "." : ""));
        }
        return tokens;
    }

    /**
     * Contents and system instruction, not the model: a fallback model sees the same failures. The
     * contents are taken as logged, so an audio part counts by its hash, not by re-serialising its payload.
     */
    static String fingerprint(String contents, JsonObject request) {
        String basis = contents + "|" + request.get("systemInstruction")
                + "|" + request.get("system_instruction");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                hex.append(String.format("%02x", digest[i]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String lastUserText(JsonObject request) {
        JsonArray contents = request.getJsonArray("contents");
        if (contents == null) {
            return "";
        }
        for (int i = contents.size() - 1; i >= 0; i--) {
            if (contents.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                continue;
            }
            JsonObject content = contents.getJsonObject(i);
            if (!"model".equals(content.getString("role", "user"))) {
                return textOf(content);
            }
        }
        return "";
    }

    static String allText(JsonObject request) {
        StringBuilder text = new StringBuilder();
        JsonArray contents = request.getJsonArray("contents");
        if (contents != null) {
            for (JsonValue content : contents) {
                if (content.getValueType() == JsonValue.ValueType.OBJECT) {
                    text.append(textOf(content.asJsonObject())).append(' ');
                }
            }
        }
        JsonValue system = request.containsKey("systemInstruction") ? request.get("systemInstruction")
                : request.get("system_instruction");
        if (system != null && system.getValueType() == JsonValue.ValueType.OBJECT) {
            text.append(textOf(system.asJsonObject()));
        }
        return text.toString();
    }

    private static String textOf(JsonObject content) {
        JsonArray parts = content.getJsonArray("parts");
        if (parts == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (JsonValue part : parts) {
            if (part.getValueType() == JsonValue.ValueType.OBJECT && part.asJsonObject().containsKey("text")) {
                text.append(part.asJsonObject().getString("text", ""));
            }
        }
        return text.toString();
    }

    static int countWords(String text) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean letter = !Character.isWhitespace(text.charAt(i));
            if (letter && !inWord) {
                count++;
            }
            inWord = letter;
        }
        return count;
    }
}
