package com.voicegateway.emulator.control;

import com.voicegateway.emulator.entity.InlineData;
import com.voicegateway.emulator.entity.ReadContents;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code inlineData} parts of a request's contents (also spelled {@code inline_data} /
 * {@code mime_type} by some clients), as Gemini does: the payload must be base64 (standard or
 * URL-safe, padding optional, as protobuf's JSON mapping accepts), else 400. Each payload is
 * measured, hashed and then dropped; what remains is the contents JSON with the payload replaced
 * by a marker, small enough to keep in the request log.
 */
public final class InlineDataReader {

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private InlineDataReader() {
    }

    public static ReadContents read(JsonObject request) {
        JsonValue contents = request.get("contents");
        if (contents == null || contents.getValueType() != JsonValue.ValueType.ARRAY) {
            return new ReadContents(String.valueOf(contents), List.of());
        }
        List<InlineData> found = new ArrayList<>();
        JsonArrayBuilder logged = JSON.createArrayBuilder();
        JsonArray array = contents.asJsonArray();
        for (int c = 0; c < array.size(); c++) {
            JsonValue content = array.get(c);
            logged.add(content.getValueType() == JsonValue.ValueType.OBJECT
                    ? redactContent(content.asJsonObject(), c, found) : content);
        }
        // a text-only request logs exactly what it sent, so fingerprints and markers stay as they were
        return new ReadContents(found.isEmpty() ? contents.toString() : logged.build().toString(), found);
    }

    private static JsonValue redactContent(JsonObject content, int c, List<InlineData> found) {
        JsonArray parts = content.containsKey("parts") && content.get("parts").getValueType() == JsonValue.ValueType.ARRAY
                ? content.getJsonArray("parts") : null;
        if (parts == null) {
            return content;
        }
        JsonArrayBuilder redacted = JSON.createArrayBuilder();
        for (int p = 0; p < parts.size(); p++) {
            JsonValue part = parts.get(p);
            redacted.add(part.getValueType() == JsonValue.ValueType.OBJECT
                    ? redactPart(part.asJsonObject(), "contents[" + c + "].parts[" + p + "]", found) : part);
        }
        return JSON.createObjectBuilder(content).add("parts", redacted).build();
    }

    private static JsonValue redactPart(JsonObject part, String path, List<InlineData> found) {
        String field = part.containsKey("inlineData") ? "inlineData" : part.containsKey("inline_data") ? "inline_data" : null;
        if (field == null || part.get(field).getValueType() != JsonValue.ValueType.OBJECT) {
            return part;
        }
        JsonObject blob = part.getJsonObject(field);
        String mimeType = string(blob, "mimeType", "mime_type");
        if (mimeType == null || mimeType.isBlank()) {
            throw new InvalidArgumentException("* GenerateContentRequest." + path + ".inline_data.mime_type: mime_type is not specified");
        }
        String data = string(blob, "data", "data");
        byte[] bytes = decode(data, path);
        InlineData measured = new InlineData(mimeType, bytes.length, sha256(bytes), AudioDuration.seconds(mimeType, bytes));
        found.add(measured);
        JsonObjectBuilder logged = JSON.createObjectBuilder(blob).add("data", measured.marker());
        return JSON.createObjectBuilder(part).add(field, logged).build();
    }

    private static byte[] decode(String data, String path) {
        if (data == null) {
            throw new InvalidArgumentException("* GenerateContentRequest." + path + ".inline_data.data: data is not specified");
        }
        try {
            boolean urlSafe = data.indexOf('-') >= 0 || data.indexOf('_') >= 0;
            return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(data);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("Invalid value at '" + path + ".inline_data.data' (TYPE_BYTES), Base64 decoding failed.");
        }
    }

    private static String string(JsonObject object, String name, String snakeName) {
        JsonValue value = object.containsKey(name) ? object.get(name) : object.get(snakeName);
        return value instanceof JsonString text ? text.getString() : null;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
