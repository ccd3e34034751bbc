package com.voicegateway.geminiapi.control;

import com.voicegateway.upstream.control.SdkRequests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voicegateway.upstream.entity.GenerationSettings;
import com.voicegateway.upstream.entity.ModelCall;
import com.voicegateway.upstream.entity.Turn;
import com.voicegateway.problems.entity.GatewayException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiRequestReaderTest {

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text.replace('\'', '"')))) {
            return reader.readObject();
        }
    }

    private static String refusedField(String request) {
        GatewayException refused = assertThrows(GatewayException.class,
                () -> GeminiRequestReader.generation("gemini-2.5-flash", json(request)));
        assertEquals(400, refused.status());
        return refused.problem().invalidParams().get(0).name();
    }

    @Test
    void readsTurnsInstructionAndEverySetting() {
        ModelCall call = GeminiRequestReader.generation("gemini-2.5-flash", json("""
                {'contents': [{'role': 'user', 'parts': [{'text': 'Hi'}, {'text': ' there'}]},
                              {'role': 'model', 'parts': [{'text': 'Hello'}]},
                              {'parts': [{'text': 'Weather?'}]}],
                 'system_instruction': {'parts': [{'text': 'Be brief.'}]},
                 'generationConfig': {'temperature': 0.5, 'top_p': 0.9, 'topK': 20, 'maxOutputTokens': 64,
                     'stopSequences': ['END'], 'candidateCount': 1, 'seed': 7, 'responseMimeType': 'application/json',
                     'responseJsonSchema': {'type': 'object'}, 'thinkingConfig': {'thinking_budget': 0}},
                 'safetySettings': [{'category': 'HARM_CATEGORY_HARASSMENT', 'threshold': 'BLOCK_NONE'}]}
                """));
        assertEquals(List.of(Turn.user("Hi there"), new Turn(Turn.Speaker.MODEL, "Hello"), Turn.user("Weather?")), call.turns());
        assertEquals("Be brief.", call.systemInstruction());
        assertEquals(0.5, call.temperature());
        assertEquals(64, call.maxOutputTokens());
        GenerationSettings settings = call.settings();
        assertEquals(0.9, settings.topP());
        assertEquals(20.0, settings.topK());
        assertEquals(List.of("END"), settings.stopSequences());
        assertEquals(7, settings.seed());
        assertEquals("application/json", settings.responseMimeType());
        assertEquals("{\"type\":\"object\"}", settings.responseJsonSchema());
        assertEquals("{\"thinkingBudget\":0}", settings.thinkingConfig());
        assertEquals(List.of(new GenerationSettings.Safety("HARM_CATEGORY_HARASSMENT", "BLOCK_NONE")), settings.safetySettings());
        // the settings go into the SDK's config unchanged
        var config = SdkRequests.config(call);
        assertEquals(0.9f, config.topP().orElseThrow());
        assertEquals(List.of("END"), config.stopSequences().orElseThrow());
        assertEquals(0, config.thinkingConfig().orElseThrow().thinkingBudget().orElseThrow());
    }

    @Test
    void settingsArePartOfTheCallsIdentity() {
        String base = "{'contents': [{'parts': [{'text': 'Hi'}]}], 'generationConfig': {'topK': %s}}";
        ModelCall one = GeminiRequestReader.generation("m", json(base.formatted("10")));
        assertEquals(one, GeminiRequestReader.generation("m", json(base.formatted("10"))));
        assertNotEquals(one, GeminiRequestReader.generation("m", json(base.formatted("11"))));
        assertEquals(one.settings(), one.onModel("other").settings());
    }

    @Test
    void refusesWhatItCannotCarryNamingTheField() {
        assertEquals("contents", refusedField("{}"));
        assertEquals("contents", refusedField("{'contents': []}"));
        assertEquals("contents[0].parts", refusedField("{'contents': [{'role': 'user'}]}"));
        assertEquals("contents[0].parts[0].inlineData",
                refusedField("{'contents': [{'parts': [{'inlineData': {'mimeType': 'image/png', 'data': ''}}]}]}"));
        assertEquals("contents[0].parts[1].functionCall",
                refusedField("{'contents': [{'parts': [{'text': 'a'}, {'functionCall': {'name': 'f'}}]}]}"));
        assertEquals("contents[0].role", refusedField("{'contents': [{'role': 'function', 'parts': [{'text': 'a'}]}]}"));
        assertEquals("tools", refusedField("{'contents': [{'parts': [{'text': 'a'}]}], 'tools': []}"));
        assertEquals("cachedContent", refusedField("{'contents': [{'parts': [{'text': 'a'}]}], 'cached_content': 'x'}"));
        assertEquals("bogus", refusedField("{'contents': [{'parts': [{'text': 'a'}]}], 'bogus': 1}"));
        assertEquals("generationConfig.candidateCount",
                refusedField("{'contents': [{'parts': [{'text': 'a'}]}], 'generationConfig': {'candidateCount': 2}}"));
        assertEquals("generationConfig.responseModalities",
                refusedField("{'contents': [{'parts': [{'text': 'a'}]}], 'generationConfig': {'responseModalities': ['AUDIO']}}"));
        assertEquals("generationConfig.temperature",
                refusedField("{'contents': [{'parts': [{'text': 'a'}]}], 'generationConfig': {'temperature': 'hot'}}"));
        assertEquals("generationConfig.maxOutputTokens",
                refusedField("{'contents': [{'parts': [{'text': 'a'}]}], 'generationConfig': {'maxOutputTokens': 1.5}}"));
        assertEquals("generationConfig.thinkingConfig.includeThoughts",
                refusedField("{'contents': [{'parts': [{'text': 'a'}]}], 'generationConfig': {'thinkingConfig': {'includeThoughts': true}}}"));
    }

    @Test
    void countTokensTakesContentsOrAWholeRequestButNotASystemInstruction() {
        ModelCall plain = GeminiRequestReader.counting("m", json("{'contents': [{'parts': [{'text': 'a b'}]}]}"));
        assertEquals(List.of(Turn.user("a b")), plain.turns());
        ModelCall wrapped = GeminiRequestReader.counting("m",
                json("{'generateContentRequest': {'model': 'models/m', 'contents': [{'parts': [{'text': 'a b'}]}]}}"));
        assertEquals(plain.turns(), wrapped.turns());
        assertNull(wrapped.systemInstruction());
        GatewayException refused = assertThrows(GatewayException.class, () -> GeminiRequestReader.counting("m", json(
                "{'generateContentRequest': {'contents': [{'parts': [{'text': 'a'}]}], 'systemInstruction': {'parts': [{'text': 's'}]}}}")));
        assertEquals("generateContentRequest.systemInstruction", refused.problem().invalidParams().get(0).name());
    }

    @Test
    void aModelNameIsCheckedAsAPathSegment() {
        GatewayException bad = assertThrows(GatewayException.class,
                () -> GeminiRequestReader.generation("bad model!", json("{'contents': [{'parts': [{'text': 'a'}]}]}")));
        assertEquals(404, bad.status());
        assertTrue(bad.getMessage().contains("bad model!"));
    }

    @Test
    void snakeCaseBecomesCamelCase() {
        assertEquals("systemInstruction", GeminiRequestReader.camel("system_instruction"));
        assertEquals("maxOutputTokens", GeminiRequestReader.camel("max_output_tokens"));
        assertEquals("topK", GeminiRequestReader.camel("topK"));
    }
}
