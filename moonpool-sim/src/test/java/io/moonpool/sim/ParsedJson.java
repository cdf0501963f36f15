package io.moonpool.sim;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * JSON read back with Jackson's streaming parser into plain values: a {@code Map} (keys in document order),
 * a {@code List}, a {@code Long} (or {@code BigInteger}), a {@code Double}, a {@code String}, a
 * {@code Boolean} or null. Also checks a document against the subset of JSON Schema that
 * {@code report-schema.json} uses.
 */
final class ParsedJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private ParsedJson() {}

    /** Parses one document; fails on trailing content. */
    static Object parse(String text) {
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            Object value = value(p, p.nextToken());
            if (p.nextToken() != null) {
                throw new AssertionError("content after the JSON document");
            }
            return value;
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value) {
        if (!(value instanceof Map)) {
            throw new AssertionError("expected a JSON object, was " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> array(Object value) {
        if (!(value instanceof List)) {
            throw new AssertionError("expected a JSON array, was " + value);
        }
        return (List<Object>) value;
    }

    private static Object value(JsonParser p, JsonToken token) {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String name = p.currentName();
                    if (map.containsKey(name)) {
                        throw new AssertionError("duplicate key " + name);
                    }
                    map.put(name, value(p, p.nextToken()));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    list.add(value(p, t));
                }
                yield list;
            }
            case VALUE_STRING -> p.getString();
            case VALUE_NUMBER_INT ->
                p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new AssertionError("unexpected token " + token);
        };
    }

    /**
     * Where a document breaks its schema: a missing required key, a key the schema does not describe, a wrong
     * type, a constant or minimum not met. Handles {@code $ref} to {@code #/$defs/...}, {@code type},
     * {@code const}, {@code required}, {@code properties}, {@code additionalProperties}, {@code items},
     * {@code minimum} and {@code propertyNames} with an {@code enum}.
     */
    static List<String> problems(Object schema, Object document) {
        List<String> out = new ArrayList<>();
        check(object(schema), object(schema), document, "$", out);
        return out;
    }

    private static void check(
            Map<String, Object> root, Map<String, Object> schema, Object value, String path, List<String> out) {
        if (schema.get("$ref") instanceof String ref) {
            String prefix = "#/$defs/";
            if (!ref.startsWith(prefix)) {
                throw new AssertionError("unsupported $ref " + ref);
            }
            Map<String, Object> target = object(object(root.get("$defs")).get(ref.substring(prefix.length())));
            check(root, target, value, path, out);
        }
        if (schema.containsKey("const") && !schema.get("const").equals(value)) {
            out.add(path + ": must be " + schema.get("const") + ", was " + value);
        }
        Object type = schema.get("type");
        if (type != null) {
            List<Object> types = type instanceof List<?> l ? array(l) : List.of(type);
            if (types.stream().noneMatch(t -> isOfType(value, (String) t))) {
                out.add(path + ": must be " + types + ", was " + value);
                return;
            }
        }
        if (schema.get("minimum") instanceof Long min && value instanceof Long v && v < min) {
            out.add(path + ": must be at least " + min + ", was " + v);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> obj = object(m);
            if (schema.get("required") instanceof List<?> required) {
                for (Object key : required) {
                    if (!obj.containsKey((String) key)) {
                        out.add(path + ": required key '" + key + "' is missing");
                    }
                }
            }
            Map<String, Object> properties =
                    schema.containsKey("properties") ? object(schema.get("properties")) : Map.of();
            Object additional = schema.get("additionalProperties");
            List<Object> names = schema.get("propertyNames") instanceof Map<?, ?> pn
                    ? array(object(pn).get("enum"))
                    : null;
            for (Map.Entry<String, Object> e : obj.entrySet()) {
                String at = path + "." + e.getKey();
                if (names != null && !names.contains(e.getKey())) {
                    out.add(at + ": key not among " + names);
                }
                if (properties.containsKey(e.getKey())) {
                    check(root, object(properties.get(e.getKey())), e.getValue(), at, out);
                } else if (additional instanceof Map<?, ?> a) {
                    check(root, object(a), e.getValue(), at, out);
                } else if (schema.containsKey("properties")) {
                    out.add(at + ": key not described by the schema");
                }
            }
        }
        if (value instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
            for (int i = 0; i < list.size(); i++) {
                check(root, object(items), list.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private static boolean isOfType(Object value, String type) {
        return switch (type) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "integer" -> value instanceof Long || value instanceof BigInteger;
            case "number" -> value instanceof Number;
            case "string" -> value instanceof String;
            case "boolean" -> value instanceof Boolean;
            case "null" -> value == null;
            default -> throw new AssertionError("unsupported type " + type);
        };
    }
}
