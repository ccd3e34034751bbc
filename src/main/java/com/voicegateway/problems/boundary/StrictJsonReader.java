package com.voicegateway.problems.boundary;

import com.voicegateway.problems.entity.GatewayException;
import com.voicegateway.problems.entity.ProblemType;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Reads every {@code /api/v1} JSON body into its request record, strictly, with one policy for what
 * JSON-B would let through: a field the record does not have is a 400 naming it ({@code "Input"}
 * for {@code input}, {@code "version"} on a template PUT), a value of the wrong JSON type is a 400
 * naming the field ({@code {"input": 123}} is not text), and a string with an unpaired UTF-16
 * surrogate ({@code "\ud800"}, which could only be stored as {@code ?}) is a 400 too. Field names are
 * the records' component names, case-sensitive. Constraints ({@code @NotBlank}, sizes) are still Bean
 * Validation's, after this. The Gemini surface reads its bodies itself, with Gemini's own rules.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class StrictJsonReader implements MessageBodyReader<Record> {

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

    /** A request record's fields, in declaration order, and how to make one. */
    private record Shape(Map<String, RecordComponent> fields, Constructor<?> constructor, String names) {
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord() && type.getName().startsWith("com.voicegateway.");
    }

    @Override
    public Record readFrom(Class<Record> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> headers, InputStream entity) throws IOException {
        PushbackInputStream body = new PushbackInputStream(entity, 1);
        int first = body.read();
        if (first < 0) {
            return null; // no body: the resource's @NotNull says what is required
        }
        body.unread(first);
        JsonValue value;
        try (JsonReader reader = READERS.createReader(body, StandardCharsets.UTF_8)) {
            value = reader.readValue();
        } catch (JsonParsingException malformed) {
            throw ProblemMapper.map(malformed);
        } catch (JsonException unreadable) {
            GatewayException.among(unreadable).ifPresent(limit -> {
                throw limit;
            });
            throw new GatewayException(ProblemType.MALFORMED_JSON, "The request body is not valid JSON.", null, null);
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new GatewayException(ProblemType.MALFORMED_JSON, "The request body must be a JSON object.", null, null);
        }
        return read(type, value.asJsonObject());
    }

    /** The record from a JSON object, or a 400 naming the first field that is unknown or of the wrong type. */
    static <T extends Record> T read(Class<T> type, JsonObject json) {
        Shape shape = SHAPES.computeIfAbsent(type, StrictJsonReader::shape);
        for (String name : json.keySet()) {
            if (!shape.fields().containsKey(name)) {
                throw GatewayException.badRequest(name, "unknown field '" + name + "'; the fields are " + shape.names());
            }
        }
        Object[] arguments = new Object[shape.fields().size()];
        int i = 0;
        for (RecordComponent field : shape.fields().values()) {
            arguments[i++] = value(field.getName(), field.getGenericType(), json.get(field.getName()));
        }
        try {
            return type.cast(shape.constructor().newInstance(arguments));
        } catch (InvocationTargetException refused) {
            if (refused.getCause() instanceof RuntimeException invalid) {
                throw invalid;
            }
            throw new IllegalStateException(refused.getCause());
        } catch (ReflectiveOperationException broken) {
            throw new IllegalStateException("cannot make a " + type.getSimpleName(), broken);
        }
    }

    private static Shape shape(Class<?> type) {
        Map<String, RecordComponent> fields = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            fields.put(component.getName(), component);
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(
                    Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new));
            constructor.setAccessible(true);
            return new Shape(fields, constructor, fields.keySet().stream().map(name -> "'" + name + "'")
                    .collect(Collectors.joining(", ")));
        } catch (NoSuchMethodException impossible) {
            throw new IllegalStateException(type + " has no canonical constructor", impossible);
        }
    }

    private static Object value(String name, Type type, JsonValue json) {
        if (json == null || json.getValueType() == JsonValue.ValueType.NULL) {
            if (type instanceof Class<?> plain && plain.isPrimitive()) {
                throw GatewayException.badRequest(name, name + " must not be null");
            }
            return null;
        }
        if (type == String.class) {
            if (!(json instanceof JsonString text)) {
                throw GatewayException.badRequest(name, name + " must be a string");
            }
            return text(name, text.getString());
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            BigDecimal number = number(name, json);
            try {
                if (type == Integer.class || type == int.class) {
                    return Integer.valueOf(number.intValueExact());
                }
                return Long.valueOf(number.longValueExact());
            } catch (ArithmeticException notWhole) {
                throw GatewayException.badRequest(name, name + " must be a whole number in range");
            }
        }
        if (type == Double.class || type == double.class) {
            return number(name, json).doubleValue();
        }
        if (type == Boolean.class || type == boolean.class) {
            if (json == JsonValue.TRUE || json == JsonValue.FALSE) {
                return json == JsonValue.TRUE;
            }
            throw GatewayException.badRequest(name, name + " must be true or false");
        }
        if (type instanceof ParameterizedType map && map.getRawType() == Map.class
                && Arrays.equals(map.getActualTypeArguments(), new Type[] {String.class, String.class})) {
            if (json.getValueType() != JsonValue.ValueType.OBJECT) {
                throw GatewayException.badRequest(name, name + " must be an object of strings");
            }
            Map<String, String> entries = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> entry : json.asJsonObject().entrySet()) {
                String key = name + "." + entry.getKey();
                if (!(entry.getValue() instanceof JsonString text)) {
                    throw GatewayException.badRequest(key, key + " must be a string");
                }
                entries.put(text(key, entry.getKey()), text(key, text.getString()));
            }
            return entries;
        }
        throw new IllegalStateException("a request field of type " + type + " has no strict reading yet: " + name);
    }

    private static BigDecimal number(String name, JsonValue json) {
        if (!(json instanceof JsonNumber number)) {
            throw GatewayException.badRequest(name, name + " must be a number");
        }
        return number.bigDecimalValue();
    }

    /** Text as it is, unless it holds an unpaired surrogate: that is no Unicode text, and UTF-8 cannot store it. */
    static String text(String name, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw GatewayException.badRequest(name, name + " holds an unpaired UTF-16 surrogate (\\u"
                        + Integer.toHexString(c) + " at " + i + "), which is not Unicode text");
            }
        }
        return text;
    }
}
