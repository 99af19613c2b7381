package dev.hone.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.hone.json.Json;
import java.util.List;
import java.util.Locale;

/**
 * Checks JSON values against a JSON Schema, full draft 2020-12 (networknt's json-schema-validator):
 * {@code anyOf}/{@code oneOf}/{@code allOf}, {@code $ref} and {@code $defs}, {@code pattern},
 * {@code minimum} and the other numeric and length bounds, {@code const}, {@code enum}, and
 * {@code format} as an assertion ({@code date}, {@code email}, {@code uuid}…, not only an
 * annotation), so a schema is never checked less strictly than it reads. A schema that is not a
 * valid 2020-12 schema is refused when the validator is built. References are resolved within the
 * schema and to the bundled meta-schemas only; nothing is fetched over the network.
 */
public final class JsonSchemaValidator {
    /** One registry for every schema: 2020-12 unless a schema's {@code $schema} says otherwise, format asserted. */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                    .locale(Locale.ENGLISH).build()));
    private static final Schema META_SCHEMA = REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

    private final Schema schema;

    /**
     * One way a schema is not a valid draft 2020-12 schema.
     *
     * @param pointer where in the schema, as a JSON Pointer ({@code /properties/a/minimum}); empty for the whole schema
     */
    public record SchemaProblem(String pointer, String message) {
        @Override
        public String toString() {
            return "#" + pointer + ": " + message;
        }
    }

    /** @throws IllegalArgumentException naming the schema path of each malformed keyword */
    public JsonSchemaValidator(JsonNode schema) {
        if (schema == null) throw new IllegalArgumentException("schema must not be null");
        List<SchemaProblem> problems = problemsOf(schema);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("not a valid JSON Schema (draft 2020-12): "
                    + String.join("; ", problems.stream().map(SchemaProblem::toString).toList()));
        }
        try {
            this.schema = REGISTRY.getSchema(schema);
            this.schema.initializeValidators();
        } catch (RuntimeException e) {
            // An unresolvable $ref, a pattern that is not a regular expression.
            throw new IllegalArgumentException("#: cannot use this JSON Schema: " + e.getMessage(), e);
        }
    }

    /**
     * Every way {@code schema} breaks the draft 2020-12 meta-schema, or, when it passes, why it
     * cannot be used (a {@code $ref} that resolves to nothing); empty for a usable schema.
     */
    public static List<SchemaProblem> problemsOf(JsonNode schema) {
        if (!schema.isObject() && !schema.isBoolean()) {
            return List.of(new SchemaProblem("", "a schema must be an object or true/false, got " + schema.getNodeType()));
        }
        List<SchemaProblem> problems = META_SCHEMA.validate(schema).stream().map(e -> new SchemaProblem(pointer(e), e.getMessage()))
                .distinct().toList();
        if (!problems.isEmpty()) return problems;
        try {
            REGISTRY.getSchema(schema).initializeValidators();
            return List.of();
        } catch (RuntimeException e) {
            return List.of(new SchemaProblem("", "cannot use this JSON Schema: " + e.getMessage()));
        }
    }

    /** Every way {@code value} breaks the schema, as {@code /path: problem}; empty when it conforms. */
    public List<String> violations(JsonNode value) {
        try {
            return schema.validate(value).stream().map(e -> (pointer(e).isEmpty() ? "/" : pointer(e)) + ": " + e.getMessage()).toList();
        } catch (RuntimeException e) {
            // A $ref that only fails when reached: the value cannot be shown to conform.
            return List.of("/: cannot be checked (" + e.getMessage() + ")");
        }
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

    /** Where in the value (or schema) an error is, as a JSON Pointer ({@code /items/0}); empty for the root. */
    private static String pointer(Error error) {
        StringBuilder path = new StringBuilder();
        var location = error.getInstanceLocation();
        for (int i = 0; i < location.getNameCount(); i++) {
            path.append('/').append(String.valueOf(location.getElement(i)).replace("~", "~0").replace("/", "~1"));
        }
        return path.toString();
    }
}
