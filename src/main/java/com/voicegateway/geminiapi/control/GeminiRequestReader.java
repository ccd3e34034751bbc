package com.voicegateway.geminiapi.control;

import com.voicegateway.problems.entity.ProblemType;
import com.voicegateway.upstream.entity.GenerationSettings;
import com.voicegateway.upstream.entity.ModelCall;
import com.voicegateway.upstream.entity.Turn;
import com.voicegateway.problems.entity.GatewayException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a Gemini {@code GenerateContentRequest} (or {@code CountTokensRequest}) into a
 * {@link ModelCall}. Field names may be camelCase or snake_case, as Gemini's own REST API accepts.
 * What the gateway can carry goes upstream unchanged; anything it cannot (non-text parts, tools,
 * cached content, settings for audio or image output) is refused with a 400 naming the field,
 * never dropped: a client must not get a reply to a request other than the one it sent.
 */
final class GeminiRequestReader {

    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private static final Set<String> REQUEST_FIELDS = Set.of("contents", "systemInstruction", "generationConfig",
            "safetySettings", "model");
    private static final Set<String> NOT_CARRIED = Set.of("tools", "toolConfig", "cachedContent", "labels");
    private static final Set<String> SETTINGS_NOT_CARRIED = Set.of("responseModalities", "speechConfig", "logprobs",
            "mediaResolution", "imageConfig", "routingConfig", "modelSelectionConfig", "audioTimestamp",
            "enableEnhancedCivicAnswers", "enableAffectiveDialog");

    private GeminiRequestReader() {
    }

    static String model(String model) {
        if (model == null || !MODEL.matcher(model).matches()) {
            throw new GatewayException(ProblemType.NOT_FOUND,
                    "Model name '" + model + "' is not valid: use letters, digits, '.', '_' and '-' (e.g. gemini-2.5-flash).",
                    null, null);
        }
        return model;
    }

    /** A {@code generateContent} / {@code streamGenerateContent} request. */
    static ModelCall generation(String model, JsonObject request) {
        return generation(model, request, "");
    }

    /**
     * A {@code countTokens} request: {@code {"contents": [...]}} or {@code {"generateContentRequest": {...}}}.
     * The upstream counts contents only, so a system instruction is refused rather than left uncounted.
     */
    static ModelCall counting(String model, JsonObject request) {
        Map<String, JsonValue> fields = fields(request, "");
        if (fields.containsKey("generateContentRequest")) {
            for (String name : fields.keySet()) {
                if (!name.equals("generateContentRequest")) {
                    throw unsupported(name, "Send either 'contents' or 'generateContentRequest', not both");
                }
            }
            ModelCall call = generation(model, object(fields.get("generateContentRequest"), "generateContentRequest"),
                    "generateContentRequest.");
            if (call.systemInstruction() != null) {
                throw unsupported("generateContentRequest.systemInstruction",
                        "The gateway counts contents only (as the Gemini Developer API SDKs do); leave the system instruction out");
            }
            return call;
        }
        for (String name : fields.keySet()) {
            if (!name.equals("contents")) {
                throw unknownOrUnsupported(name, "");
            }
        }
        return new ModelCall(model(model), null, turns(fields.get("contents"), "contents"), null, null);
    }

    private static ModelCall generation(String model, JsonObject request, String prefix) {
        Map<String, JsonValue> fields = fields(request, prefix);
        for (String name : fields.keySet()) {
            if (!REQUEST_FIELDS.contains(name)) {
                throw unknownOrUnsupported(name, prefix);
            }
        }
        List<Turn> turns = turns(fields.get("contents"), prefix + "contents");
        String instruction = instruction(fields.get("systemInstruction"), prefix + "systemInstruction");
        Map<String, JsonValue> config = fields.containsKey("generationConfig")
                ? fields(object(fields.get("generationConfig"), prefix + "generationConfig"), prefix + "generationConfig.")
                : Map.of();
        String at = prefix + "generationConfig.";
        for (String name : config.keySet()) {
            if (SETTINGS_NOT_CARRIED.contains(name)) {
                throw unsupported(at + name, "The gateway relays text replies only; remove " + at + name);
            }
        }
        Integer candidates = integer(config, "candidateCount", at);
        if (candidates != null && candidates != 1) {
            throw unsupported(at + "candidateCount", "The gateway relays one candidate; set " + at + "candidateCount to 1 or leave it out");
        }
        Boolean logprobs = bool(config, "responseLogprobs", at);
        if (Boolean.TRUE.equals(logprobs)) {
            throw unsupported(at + "responseLogprobs", "The gateway does not relay log probabilities; remove " + at + "responseLogprobs");
        }
        GenerationSettings settings = new GenerationSettings(
                number(config, "topP", at),
                number(config, "topK", at),
                strings(config, "stopSequences", at),
                number(config, "presencePenalty", at),
                number(config, "frequencyPenalty", at),
                integer(config, "seed", at),
                string(config, "responseMimeType", at),
                json(config, "responseSchema", at, true),
                json(config, "responseJsonSchema", at, false),
                thinking(config, at),
                safety(fields.get("safetySettings"), prefix + "safetySettings"));
        for (String name : config.keySet()) {
            if (!KNOWN_SETTINGS.contains(name)) {
                throw unknownOrUnsupported(name, at);
            }
        }
        return new ModelCall(model(model), instruction, turns, number(config, "temperature", at),
                integer(config, "maxOutputTokens", at), settings);
    }

    private static final Set<String> KNOWN_SETTINGS = Set.of("temperature", "topP", "topK", "maxOutputTokens",
            "stopSequences", "candidateCount", "presencePenalty", "frequencyPenalty", "seed", "responseMimeType",
            "responseSchema", "responseJsonSchema", "thinkingConfig", "responseLogprobs");

    private static List<Turn> turns(JsonValue value, String at) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw GatewayException.badRequest(at, at + " is required: the conversation, e.g. "
                    + "[{\"role\": \"user\", \"parts\": [{\"text\": \"Hello\"}]}]");
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY || value.asJsonArray().isEmpty()) {
            throw GatewayException.badRequest(at, at + " must be a non-empty array of contents");
        }
        JsonArray contents = value.asJsonArray();
        List<Turn> turns = new ArrayList<>(contents.size());
        for (int i = 0; i < contents.size(); i++) {
            String here = at + "[" + i + "]";
            Map<String, JsonValue> content = fields(object(contents.get(i), here), here + ".");
            String role = "user";
            for (Map.Entry<String, JsonValue> field : content.entrySet()) {
                switch (field.getKey()) {
                    case "role" -> role = text(field.getValue(), here + ".role");
                    case "parts" -> { }
                    default -> throw unknownOrUnsupported(field.getKey(), here + ".");
                }
            }
            Turn.Speaker speaker = switch (role) {
                case "user", "" -> Turn.Speaker.USER;
                case "model" -> Turn.Speaker.MODEL;
                default -> throw GatewayException.badRequest(here + ".role",
                        here + ".role must be 'user' or 'model', not '" + role + "' (the gateway carries text turns only)");
            };
            turns.add(new Turn(speaker, partsText(content.get("parts"), here + ".parts")));
        }
        return turns;
    }

    private static String instruction(JsonValue value, String at) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        Map<String, JsonValue> content = fields(object(value, at), at + ".");
        for (String name : content.keySet()) {
            if (!name.equals("parts") && !name.equals("role")) {
                throw unknownOrUnsupported(name, at + ".");
            }
        }
        return partsText(content.get("parts"), at + ".parts");
    }

    /** The text of a content's parts: several text parts are joined, as the model reads them. */
    private static String partsText(JsonValue value, String at) {
        if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY || value.asJsonArray().isEmpty()) {
            throw GatewayException.badRequest(at, at + " must be a non-empty array of parts, e.g. [{\"text\": \"Hello\"}]");
        }
        JsonArray parts = value.asJsonArray();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            String here = at + "[" + i + "]";
            Map<String, JsonValue> part = fields(object(parts.get(i), here), here + ".");
            if (!part.containsKey("text")) {
                String field = part.isEmpty() ? "text" : part.keySet().iterator().next();
                throw unsupported(here + "." + field, "The gateway carries text parts only; "
                        + here + " has no 'text'" + (part.isEmpty() ? "" : " but '" + field + "'"));
            }
            for (String name : part.keySet()) {
                if (!name.equals("text")) {
                    throw unsupported(here + "." + name, "The gateway carries text parts only; remove " + here + "." + name);
                }
            }
            text.append(text(part.get("text"), here + ".text"));
        }
        return text.toString();
    }

    private static String thinking(Map<String, JsonValue> config, String at) {
        JsonValue value = config.get("thinkingConfig");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        Map<String, JsonValue> thinking = fields(object(value, at + "thinkingConfig"), at + "thinkingConfig.");
        JsonObjectBuilder camel = Json.createObjectBuilder();
        for (Map.Entry<String, JsonValue> field : thinking.entrySet()) {
            String name = at + "thinkingConfig." + field.getKey();
            switch (field.getKey()) {
                case "includeThoughts" -> {
                    if (field.getValue() == JsonValue.TRUE) {
                        throw unsupported(name, "The gateway relays the answer, not thought summaries; remove " + name);
                    }
                }
                case "thinkingBudget", "thinkingLevel" -> camel.add(field.getKey(), field.getValue());
                default -> throw unknownOrUnsupported(field.getKey(), at + "thinkingConfig.");
            }
        }
        return camel.build().toString();
    }

    private static List<GenerationSettings.Safety> safety(JsonValue value, String at) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw GatewayException.badRequest(at, at + " must be an array of {\"category\", \"threshold\"}");
        }
        List<GenerationSettings.Safety> rules = new ArrayList<>();
        JsonArray array = value.asJsonArray();
        for (int i = 0; i < array.size(); i++) {
            String here = at + "[" + i + "]";
            Map<String, JsonValue> rule = fields(object(array.get(i), here), here + ".");
            for (String name : rule.keySet()) {
                if (!name.equals("category") && !name.equals("threshold")) {
                    throw unknownOrUnsupported(name, here + ".");
                }
            }
            String category = rule.containsKey("category") ? text(rule.get("category"), here + ".category") : "";
            String threshold = rule.containsKey("threshold") ? text(rule.get("threshold"), here + ".threshold") : "";
            if (category.isBlank() || threshold.isBlank()) {
                throw GatewayException.badRequest(here, here + " needs both 'category' and 'threshold'");
            }
            rules.add(new GenerationSettings.Safety(category, threshold));
        }
        return rules;
    }

    // ---- JSON helpers: each names the field it complains about ----

    /** The object's members with camelCase names (Gemini's REST API accepts snake_case too). */
    private static Map<String, JsonValue> fields(JsonObject object, String at) {
        Map<String, JsonValue> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> member : object.entrySet()) {
            String name = camel(member.getKey());
            if (fields.put(name, member.getValue()) != null) {
                throw GatewayException.badRequest(at + name, at + name + " is given twice (camelCase and snake_case)");
            }
        }
        return fields;
    }

    static String camel(String name) {
        if (name.indexOf('_') < 0) {
            return name;
        }
        StringBuilder camel = new StringBuilder(name.length());
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = camel.length() > 0;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    private static JsonObject object(JsonValue value, String at) {
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw GatewayException.badRequest(at, at + " must be a JSON object");
        }
        return value.asJsonObject();
    }

    private static String text(JsonValue value, String at) {
        if (value == null || value.getValueType() != JsonValue.ValueType.STRING) {
            throw GatewayException.badRequest(at, at + " must be a string");
        }
        return ((JsonString) value).getString();
    }

    private static Double number(Map<String, JsonValue> config, String name, String at) {
        JsonValue value = config.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.NUMBER) {
            throw GatewayException.badRequest(at + name, at + name + " must be a number");
        }
        return ((JsonNumber) value).doubleValue();
    }

    private static Integer integer(Map<String, JsonValue> config, String name, String at) {
        JsonValue value = config.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) value).isIntegral()) {
            throw GatewayException.badRequest(at + name, at + name + " must be an integer");
        }
        try {
            return ((JsonNumber) value).intValueExact();
        } catch (ArithmeticException tooLarge) {
            throw GatewayException.badRequest(at + name, at + name + " is out of range");
        }
    }

    private static Boolean bool(Map<String, JsonValue> config, String name, String at) {
        JsonValue value = config.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw GatewayException.badRequest(at + name, at + name + " must be true or false");
        }
        return value == JsonValue.TRUE;
    }

    private static String string(Map<String, JsonValue> config, String name, String at) {
        JsonValue value = config.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : text(value, at + name);
    }

    private static List<String> strings(Map<String, JsonValue> config, String name, String at) {
        JsonValue value = config.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw GatewayException.badRequest(at + name, at + name + " must be an array of strings");
        }
        List<String> strings = new ArrayList<>();
        JsonArray array = value.asJsonArray();
        for (int i = 0; i < array.size(); i++) {
            strings.add(text(array.get(i), at + name + "[" + i + "]"));
        }
        return strings;
    }

    private static String json(Map<String, JsonValue> config, String name, String at, boolean mustBeObject) {
        JsonValue value = config.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (mustBeObject) {
            object(value, at + name);
        }
        return value.toString();
    }

    private static GatewayException unknownOrUnsupported(String name, String at) {
        if (NOT_CARRIED.contains(name)) {
            return unsupported(at + name, "The gateway's Gemini surface relays text generation only; "
                    + at + name + " is not supported: remove it, or call Gemini directly");
        }
        return GatewayException.badRequest(at + name,
                "Invalid JSON payload received. Unknown name \"" + at + name + "\": Cannot find field.");
    }

    private static GatewayException unsupported(String field, String detail) {
        return GatewayException.badRequest(field, detail);
    }
}
