package dev.hone.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonSchemaValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = """
            {"type": "object", "required": ["answer", "confidence"], "additionalProperties": false,
             "properties": {
               "answer": {"type": "string"},
               "confidence": {"type": "integer", "enum": [1, 2, 3]},
               "sources": {"type": "array", "items": {"type": "string"}},
               "note": {"type": ["string", "null"]}}}""";

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void acceptsAConformingValueAndNamesEveryViolationWithItsPath() throws Exception {
        JsonSchemaValidator validator = new JsonSchemaValidator(json(SCHEMA));
        assertThat(validator.violations(json("{\"answer\": \"E1\", \"confidence\": 2, \"sources\": [\"a.md\"], \"note\": null}"))).isEmpty();
        assertThat(validator.violations(json("{\"answer\": \"E1\", \"confidence\": 2.0}"))).as("2.0 is an integer").isEmpty();
        assertThat(validator.violations(json("{\"answer\": 7, \"confidence\": 5, \"sources\": [\"a\", 3], \"extra\": 1}")))
                .containsExactlyInAnyOrder("/answer: expected string, got integer", "/confidence: 5 is not one of [1,2,3]",
                        "/sources/1: expected string, got integer", "/extra: property is not allowed (additionalProperties: false)");
        assertThat(validator.violations(json("{\"answer\": \"x\"}"))).containsExactly("/: missing required property 'confidence'");
        assertThat(validator.violations(json("[1]"))).containsExactly("/: expected object, got array");
    }

    @Test
    void additionalPropertiesMayBeASchema() throws Exception {
        JsonSchemaValidator validator = new JsonSchemaValidator(json("{\"type\": \"object\", \"additionalProperties\": {\"type\": \"number\"}}"));
        assertThat(validator.violations(json("{\"a\": 1, \"b\": 2.5}"))).isEmpty();
        assertThat(validator.violations(json("{\"a\": \"x\"}"))).containsExactly("/a: expected number, got string");
    }

    @Test
    void answersMayBeFencedButNotSurroundedByProse() throws Exception {
        JsonSchemaValidator validator = new JsonSchemaValidator(json(SCHEMA));
        assertThat(validator.acceptsAnswer("{\"answer\": \"E1\", \"confidence\": 1}")).isTrue();
        assertThat(validator.acceptsAnswer("```json\n{\"answer\": \"E1\", \"confidence\": 1}\n```")).isTrue();
        assertThat(validator.acceptsAnswer("Sure! {\"answer\": \"E1\", \"confidence\": 1}")).isFalse();
        assertThat(validator.acceptsAnswer("{\"answer\": \"E1\"")).isFalse();
        assertThat(validator.acceptsAnswer("")).isFalse();
    }

    @Test
    void refusesKeywordsItDoesNotCheck() throws Exception {
        assertThatThrownBy(() -> new JsonSchemaValidator(json("{\"properties\": {\"a\": {\"oneOf\": [{\"type\": \"string\"}]}}}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("#/properties/a: keyword 'oneOf' is not supported");
        assertThatThrownBy(() -> new JsonSchemaValidator(json("{\"type\": \"text\"}")))
                .hasMessageContaining("#/type: must be one of");
        assertThatThrownBy(() -> new JsonSchemaValidator(json("{\"required\": \"answer\"}")))
                .hasMessageContaining("#/required: must be a list");
        assertThatThrownBy(() -> new JsonSchemaValidator(json("[]"))).hasMessageContaining("a schema must be an object");
    }
}
