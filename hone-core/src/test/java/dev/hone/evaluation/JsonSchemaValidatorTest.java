package dev.hone.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Draft 2020-12 through networknt's validator: each keyword structured-output schemas use, and the answer rule. */
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

    private static JsonSchemaValidator validator(String schema) throws Exception {
        return new JsonSchemaValidator(json(schema));
    }

    @Test
    void typeRequiredEnumItemsAndAdditionalPropertiesWithThePathOfEachViolation() throws Exception {
        JsonSchemaValidator validator = validator(SCHEMA);
        assertThat(validator.violations(json("{\"answer\": \"E1\", \"confidence\": 2, \"sources\": [\"a.md\"], \"note\": null}"))).isEmpty();
        assertThat(validator.violations(json("{\"answer\": \"E1\", \"confidence\": 2.0}"))).as("2.0 is an integer").isEmpty();
        assertThat(validator.violations(json("{\"answer\": 7, \"confidence\": 5, \"sources\": [\"a\", 3], \"extra\": 1}")))
                .hasSize(4).anyMatch(v -> v.startsWith("/answer: ")).anyMatch(v -> v.startsWith("/confidence: "))
                .anyMatch(v -> v.startsWith("/sources/1: ")).anyMatch(v -> v.startsWith("/: ") && v.contains("extra"));
        assertThat(validator.violations(json("{\"answer\": \"x\"}"))).singleElement().asString().startsWith("/: ").contains("confidence");
        assertThat(validator.violations(json("[1]"))).singleElement().asString().startsWith("/: ").contains("object");
    }

    @Test
    void additionalPropertiesMayBeASchema() throws Exception {
        JsonSchemaValidator validator = validator("{\"type\": \"object\", \"additionalProperties\": {\"type\": \"number\"}}");
        assertThat(validator.violations(json("{\"a\": 1, \"b\": 2.5}"))).isEmpty();
        assertThat(validator.violations(json("{\"a\": \"x\"}"))).singleElement().asString().startsWith("/a: ");
    }

    @Test
    void anyOf() throws Exception {
        JsonSchemaValidator validator = validator("{\"anyOf\": [{\"type\": \"string\", \"maxLength\": 3}, {\"type\": \"integer\"}]}");
        assertThat(validator.violations(json("\"abc\""))).isEmpty();
        assertThat(validator.violations(json("12"))).isEmpty();
        assertThat(validator.violations(json("\"abcd\""))).isNotEmpty();
        assertThat(validator.violations(json("1.5"))).isNotEmpty();
    }

    @Test
    void refToDefs() throws Exception {
        JsonSchemaValidator validator = validator("""
                {"$defs": {"source": {"type": "object", "required": ["file"], "properties": {"file": {"type": "string"}}}},
                 "type": "array", "items": {"$ref": "#/$defs/source"}}""");
        assertThat(validator.violations(json("[{\"file\": \"a.md\"}]"))).isEmpty();
        assertThat(validator.violations(json("[{\"file\": \"a.md\"}, {\"page\": 3}]"))).singleElement().asString().startsWith("/1: ");
    }

    @Test
    void pattern() throws Exception {
        JsonSchemaValidator validator = validator("{\"type\": \"string\", \"pattern\": \"^E[0-9]+$\"}");
        assertThat(validator.violations(json("\"E12\""))).isEmpty();
        assertThat(validator.violations(json("\"error 12\""))).singleElement().asString().contains("^E[0-9]+$");
    }

    @Test
    void minimumAndExclusiveMaximum() throws Exception {
        JsonSchemaValidator validator = validator("{\"type\": \"number\", \"minimum\": 0, \"exclusiveMaximum\": 1}");
        assertThat(validator.violations(json("0"))).isEmpty();
        assertThat(validator.violations(json("0.5"))).isEmpty();
        assertThat(validator.violations(json("-0.1"))).singleElement().asString().startsWith("/: ");
        assertThat(validator.violations(json("1"))).isNotEmpty();
    }

    @Test
    void formatIsAnAssertion() throws Exception {
        JsonSchemaValidator validator = validator("""
                {"type": "object", "properties": {"day": {"type": "string", "format": "date"},
                 "mail": {"type": "string", "format": "email"}, "id": {"type": "string", "format": "uuid"}}}""");
        assertThat(validator.violations(json("{\"day\": \"2026-12-06\", \"mail\": \"a@example.com\", \"id\": \"123e4567-e89b-12d3-a456-426614174000\"}")))
                .isEmpty();
        assertThat(validator.violations(json("{\"day\": \"6 Dec 2026\", \"mail\": \"nobody\", \"id\": \"42\"}")))
                .hasSize(3).anyMatch(v -> v.startsWith("/day: ")).anyMatch(v -> v.startsWith("/mail: ")).anyMatch(v -> v.startsWith("/id: "));
    }

    @Test
    void constAndOneOf() throws Exception {
        JsonSchemaValidator validator = validator("""
                {"oneOf": [{"properties": {"kind": {"const": "a"}}, "required": ["kind"]},
                           {"properties": {"kind": {"const": "b"}}, "required": ["kind"]}]}""");
        assertThat(validator.violations(json("{\"kind\": \"a\"}"))).isEmpty();
        assertThat(validator.violations(json("{\"kind\": \"c\"}"))).isNotEmpty();
    }

    @Test
    void answersMayBeFencedButNotSurroundedByProse() throws Exception {
        JsonSchemaValidator validator = validator(SCHEMA);
        assertThat(validator.acceptsAnswer("{\"answer\": \"E1\", \"confidence\": 1}")).isTrue();
        assertThat(validator.acceptsAnswer("```json\n{\"answer\": \"E1\", \"confidence\": 1}\n```")).isTrue();
        assertThat(validator.acceptsAnswer("Sure! {\"answer\": \"E1\", \"confidence\": 1}")).isFalse();
        assertThat(validator.acceptsAnswer("{\"answer\": \"E1\"")).isFalse();
        assertThat(validator.acceptsAnswer("{\"answer\": \"E1\", \"confidence\": 7}")).isFalse();
        assertThat(validator.acceptsAnswer("")).isFalse();
    }

    @Test
    void refusesASchemaThatIsNotValidDraft202012() throws Exception {
        assertThatThrownBy(() -> validator("{\"type\": \"text\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid JSON Schema").hasMessageContaining("#/type");
        assertThatThrownBy(() -> validator("{\"required\": \"answer\"}")).hasMessageContaining("#/required");
        assertThatThrownBy(() -> validator("{\"properties\": {\"a\": {\"minimum\": \"zero\"}}}"))
                .hasMessageContaining("#/properties/a/minimum");
        assertThatThrownBy(() -> validator("[]")).hasMessageContaining("a schema must be an object");
        assertThatThrownBy(() -> validator("{\"$ref\": \"#/$defs/missing\"}")).hasMessageContaining("cannot use this JSON Schema");
    }
}
