package com.voicegateway.emulator.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.emulator.entity.ReplyPlan;
import com.voicegateway.emulator.entity.SpeechReply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ReplyPlannerTest {

    private final ReplyPlanner planner = planner();

    private static ReplyPlanner planner() {
        ReplyPlanner planner = new ReplyPlanner();
        planner.defaultTtftMs = 300;
        planner.defaultTokensPerSecond = 50;
        planner.defaultReplyTokens = 40;
        planner.defaultHangMs = 1000;
        return planner;
    }

    private static JsonObject request(String text) {
        return Json.createObjectBuilder().add("contents", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("role", "user")
                        .add("parts", Json.createArrayBuilder().add(Json.createObjectBuilder().add("text", text)))))
                .build();
    }

    private ReplyPlan plan(String model, JsonObject request) {
        return planner.plan(model, request, InlineDataReader.read(request));
    }

    private static JsonObject withAudio(String text, byte[] audio, String mimeType) {
        return Json.createObjectBuilder().add("contents", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("role", "user").add("parts", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("text", text))
                        .add(Json.createObjectBuilder().add("inlineData", Json.createObjectBuilder()
                                .add("mimeType", mimeType).add("data", Base64.getEncoder().encodeToString(audio)))))))
                .build();
    }

    private static JsonObject withConfig(JsonObject request, String config) {
        return Json.createObjectBuilder(request).add("generationConfig", Json.createReader(new StringReader(config)).readObject()).build();
    }

    @Test
    void theSameContentsGiveTheSameReplyOnAnyModel() {
        ReplyPlan a = plan("gemini-2.5-flash", request("What is the weather?"));
        ReplyPlan b = plan("gemini-2.5-pro", request("What is the weather?"));
        assertEquals(a.text(), b.text());
        assertEquals(40, a.tokens().size());
        assertNotEquals(a.text(), plan("gemini-2.5-flash", request("Something else")).text());
    }

    @Test
    void directivesShapeThePlan() {
        ReplyPlan plan = plan("m", request("x [[emulator ttftMs=5 tokens=3 tokensPerSecond=10 cutAfterTokens=2]]"));
        assertEquals(5, plan.ttftMs());
        assertEquals(3, plan.tokens().size());
        assertEquals(100.0, plan.tokenIntervalMs(), 1e-9);
        assertEquals(2, plan.cutAfterTokens());
        assertFalse(plan.fails());
    }

    @Test
    void aFailureRepeatsTimesThenTheSameRequestSucceeds() {
        JsonObject failing = request("y [[emulator fail=503 retryAfter=2 times=2]]");
        ReplyPlan first = plan("m", failing);
        assertTrue(first.fails());
        assertEquals(503, first.failStatus());
        assertEquals(2, first.retryAfterSeconds());
        assertTrue(plan("other-model", failing).fails(), "counted per contents, across models");
        assertFalse(plan("m", failing).fails());
    }

    @Test
    void promptTokensCountTheWordsOfEveryTurnAndTheSystemInstruction() {
        JsonObject request = Json.createObjectBuilder(request("one two three"))
                .add("systemInstruction", Json.createObjectBuilder().add("parts",
                        Json.createArrayBuilder().add(Json.createObjectBuilder().add("text", "be brief"))))
                .build();
        assertEquals(5, planner.countTokens(request, InlineDataReader.read(request)));
    }

    @Test
    void promptAudioCounts32TokensPerSecondOnTopOfTheWords() throws Exception {
        byte[] opus = Files.readAllBytes(Path.of(getClass().getResource("/audio/speech1_16k.opus").toURI()));
        ReplyPlan plan = plan("gemini-2.5-flash", withAudio("transcribe this please", opus, "audio/ogg"));
        assertEquals(215, plan.promptAudioTokens(), "6.699 s of Opus at 32 tokens a second, rounded up");
        assertEquals(3 + 215, plan.promptTokens());
        assertFalse(plan.speaks(), "audio in, text out");
        assertEquals(40, plan.outputTokens());
    }

    @Test
    void aTtsModelOrTheAudioModalityAsksForSpeech() {
        assertTrue(plan("gemini-2.5-flash-preview-tts", request("Say hello")).speaks());
        assertTrue(plan("gemini-2.5-flash", withConfig(request("Say hello"), "{\"responseModalities\":[\"AUDIO\"]}")).speaks());
        assertTrue(plan("gemini-2.5-flash", Json.createObjectBuilder(request("Say hello")).add("generation_config",
                Json.createObjectBuilder().add("response_modalities", Json.createArrayBuilder().add("audio"))).build()).speaks(),
                "snake_case and lower case, as some clients send them");
        assertFalse(plan("gemini-2.5-flash", withConfig(request("Say hello"), "{\"responseModalities\":[\"TEXT\"]}")).speaks());
    }

    @Test
    void speechDirectivesSetLengthChunksAndPace() {
        ReplyPlan plan = plan("gemini-2.5-flash-preview-tts", request("Read this [[emulator audioMs=3000 audioChunkMs=250 realtime=5 ttftMs=7]]"));
        SpeechReply speech = plan.speech();
        assertEquals(3000, speech.durationMs());
        assertEquals(250, speech.chunkMs());
        assertEquals(12, plan.events());
        assertEquals(50.0, plan.eventIntervalMs(), 1e-9, "250 ms of audio every 50 ms at five times real time");
        assertEquals(75, plan.outputTokens(), "25 tokens a second of output audio");
        assertEquals(7, plan.ttftMs());
        assertTrue(plan.tokens().isEmpty(), "a speech reply has no text");
    }

    @Test
    void withoutADirectiveTheReplyLastsAsLongAsReadingTheTextAloud() {
        ReplyPlan plan = plan("gemini-2.5-flash-preview-tts", request("one two three four five six seven eight nine ten [[emulator ttftMs=1]]"));
        assertEquals(4000, plan.speech().durationMs(), "ten words at 150 a minute; the directive is not read");
        assertEquals(200, plan.speech().chunkMs());
        assertEquals(20.0, plan.eventIntervalMs(), 1e-9, "ten times faster than real time by default");
        assertEquals(1000, plan("x-tts", request("Hi")).speech().durationMs(), "at least a second");
    }

    @Test
    void maxOutputTokensCapsSpeechAt25TokensASecond() {
        ReplyPlan plan = plan("x-tts", withConfig(request("Long [[emulator audioMs=10000]]"), "{\"maxOutputTokens\":50}"));
        assertEquals(2000, plan.speech().durationMs());
        assertEquals(50, plan.outputTokens());
    }

    @Test
    void failureDirectivesApplyToSpeechToo() {
        ReplyPlan failing = plan("x-tts", request("Speak [[emulator fail=429 retryAfter=3]]"));
        assertTrue(failing.fails());
        assertEquals(429, failing.failStatus());
        ReplyPlan cut = plan("x-tts", request("Speak [[emulator audioMs=1000 cutAfterTokens=2 hang]]"));
        assertEquals(2, cut.cutAfterTokens(), "for speech, counted in audio chunks");
        assertTrue(cut.hang());
    }
}
