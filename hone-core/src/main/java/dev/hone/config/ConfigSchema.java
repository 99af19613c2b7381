package dev.hone.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.evaluation.JsonSchemaValidator;
import dev.hone.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The JSON Schema of {@code hone.yaml} ({@code schema/hone.schema.json} in the repository), which
 * editors use for completion. When the system property {@value #PROPERTY} names that file (the
 * build sets it for every test), every config that loads is also checked against it, so the schema
 * cannot fall behind what the loader accepts: a key added to a reader fails every test that uses it
 * until the schema has it too.
 */
public final class ConfigSchema {
    public static final String PROPERTY = "hone.config.schema";
    private static final ConcurrentMap<String, JsonSchemaValidator> VALIDATORS = new ConcurrentHashMap<>();

    private ConfigSchema() {
    }

    /** The schema in {@code file}, read once. */
    public static JsonSchemaValidator validator(Path file) {
        return VALIDATORS.computeIfAbsent(file.toAbsolutePath().normalize().toString(), key -> {
            try {
                return new JsonSchemaValidator(Json.MAPPER.readTree(Path.of(key).toFile()));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the config schema " + key + ": " + e.getMessage(), e);
            }
        });
    }

    /** Every way {@code tree} (a config as read, overrides applied) breaks the schema in {@code file}. */
    public static List<String> violations(Path file, JsonNode tree) {
        return validator(file).violations(tree);
    }

    /** Checks a config that loaded against the schema the {@value #PROPERTY} property names, when it names one. */
    static void checkIfRequested(Path source, JsonNode tree) {
        String schema = System.getProperty(PROPERTY);
        if (schema == null || schema.isBlank()) return;
        List<String> violations = violations(Path.of(schema), tree);
        if (!violations.isEmpty()) {
            throw new IllegalStateException(source + " loads, but " + schema + " refuses it; update the schema:\n  "
                    + String.join("\n  ", violations));
        }
    }
}
