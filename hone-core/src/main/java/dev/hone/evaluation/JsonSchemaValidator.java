package dev.hone.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks JSON values against the common subset of JSON Schema that structured-output prompts use:
 * {@code type} (one name or a list), {@code properties}, {@code required}, {@code enum},
 * {@code items} and {@code additionalProperties} (true, false or a schema); {@code title},
 * {@code description}, {@code $schema}, {@code $id}, {@code default} and {@code examples} are
 * accepted and ignored. Any other keyword is refused when the validator is built, so a schema is
 * never silently checked less strictly than it reads.
 */
public final class JsonSchemaValidator {
    private static final Set<String> CHECKED = Set.of("type", "properties", "required", "enum", "items", "additionalProperties");
    private static final Set<String> IGNORED = Set.of("title", "description", "$schema", "$id", "default", "examples", "$comment");
    private static final Set<String> TYPES = Set.of("object", "array", "string", "number", "integer", "boolean", "null");

    private final JsonNode schema;

    /** @throws IllegalArgumentException naming the schema path of an unsupported or malformed keyword */
    public JsonSchemaValidator(JsonNode schema) {
        if (schema == null) throw new IllegalArgumentException("schema must not be null");
        checkSchema(schema, "#");
        this.schema = schema;
    }

    /** Every way {@code value} breaks the schema, as {@code /path: problem}; empty when it conforms. */
    public List<String> violations(JsonNode value) {
        List<String> out = new ArrayList<>();
        check(schema, value, "", out);
        return out;
    }

    /**
     * Whether a model's answer is JSON that conforms. A single Markdown code fence around the JSON
     * (```json … ```) is removed first, as chat models often add one; any other text makes it invalid.
     */
    public boolean acceptsAnswer(String answer) {
        String text = answer.strip();
        if (text.startsWith("```") && text.endsWith("```") && text.length() >= 6) {
            text = text.substring(3, text.length() - 3);
            if (text.startsWith("json")) text = text.substring(4);
        }
        try {
            JsonNode value = Json.MAPPER.readTree(text);
            return value != null && !value.isMissingNode() && violations(value).isEmpty();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void checkSchema(JsonNode s, String path) {
        if (s.isBoolean()) return;
        if (!s.isObject()) throw new IllegalArgumentException(path + ": a schema must be an object or true/false, got " + s.getNodeType());
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!CHECKED.contains(key) && !IGNORED.contains(key)) {
                throw new IllegalArgumentException(path + ": keyword '" + key + "' is not supported (supported: "
                        + String.join(", ", CHECKED.stream().sorted().toList()) + "); remove it or simplify the schema");
            }
        }
        JsonNode type = s.get("type");
        if (type != null) {
            List<JsonNode> names = new ArrayList<>();
            if (type.isArray()) type.forEach(names::add); else names.add(type);
            for (JsonNode name : names) {
                if (!name.isTextual() || !TYPES.contains(name.asText())) {
                    throw new IllegalArgumentException(path + "/type: must be one of " + String.join(", ", TYPES.stream().sorted().toList())
                            + " (or a list of them), got " + name);
                }
            }
        }
        JsonNode properties = s.get("properties");
        if (properties != null) {
            if (!properties.isObject()) throw new IllegalArgumentException(path + "/properties: must be an object of name → schema");
            for (Map.Entry<String, JsonNode> p : properties.properties()) checkSchema(p.getValue(), path + "/properties/" + p.getKey());
        }
        JsonNode required = s.get("required");
        if (required != null) {
            if (!required.isArray()) throw new IllegalArgumentException(path + "/required: must be a list of property names");
            for (JsonNode r : required) if (!r.isTextual()) throw new IllegalArgumentException(path + "/required: names must be strings, got " + r);
        }
        JsonNode enumeration = s.get("enum");
        if (enumeration != null && (!enumeration.isArray() || enumeration.isEmpty())) {
            throw new IllegalArgumentException(path + "/enum: must be a non-empty list of allowed values");
        }
        if (s.has("items")) checkSchema(s.get("items"), path + "/items");
        if (s.has("additionalProperties")) checkSchema(s.get("additionalProperties"), path + "/additionalProperties");
    }

    private static void check(JsonNode s, JsonNode value, String path, List<String> out) {
        String at = path.isEmpty() ? "/" : path;
        if (s.isBoolean()) {
            if (!s.asBoolean()) out.add(at + ": no value is allowed here");
            return;
        }
        JsonNode type = s.get("type");
        if (type != null && !hasType(type, value)) {
            out.add(at + ": expected " + (type.isArray() ? "one of " + type : type.asText()) + ", got " + typeOf(value));
            return;
        }
        JsonNode enumeration = s.get("enum");
        if (enumeration != null) {
            boolean found = false;
            for (JsonNode allowed : enumeration) found |= sameValue(allowed, value);
            if (!found) out.add(at + ": " + value + " is not one of " + enumeration);
        }
        if (value.isObject()) {
            JsonNode properties = s.path("properties");
            for (JsonNode r : s.path("required")) {
                if (!value.has(r.asText())) out.add(at + ": missing required property '" + r.asText() + "'");
            }
            JsonNode additional = s.get("additionalProperties");
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                String child = path + "/" + field.getKey();
                if (properties.has(field.getKey())) {
                    check(properties.get(field.getKey()), field.getValue(), child, out);
                } else if (additional != null) {
                    if (additional.isBoolean() && !additional.asBoolean()) out.add(child + ": property is not allowed (additionalProperties: false)");
                    else check(additional, field.getValue(), child, out);
                }
            }
        }
        if (value.isArray() && s.has("items")) {
            for (int i = 0; i < value.size(); i++) check(s.get("items"), value.get(i), path + "/" + i, out);
        }
    }

    private static boolean hasType(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) if (hasType(t, value)) return true;
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            // JSON Schema counts 2.0 as an integer: a number with no fractional part.
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> false;
        };
    }

    /** Equal as JSON values: 1 and 1.0 are the same number. */
    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        return a.equals(b);
    }

    private static String typeOf(JsonNode value) {
        if (value.isIntegralNumber()) return "integer";
        if (value.isNumber()) return "number";
        return switch (value.getNodeType()) {
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
