package dev.hone.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON Lines: one object per non-blank line, each handed on with its {@code file:line}. A line that
 * is not JSON, or not an object, becomes a row error naming the two fields a row should have.
 */
final class JsonlRows {

    /** Turns one object into a value, or returns null after adding the row's errors. */
    interface RowReader<T> {
        T read(JsonNode row, String location);
    }

    private JsonlRows() {
    }

    static <T> List<T> read(Path file, List<String> lines, String firstField, String secondField, RowErrors errors,
                            RowReader<T> reader) {
        List<T> values = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String location = file + ":" + (i + 1);
            if (line.isBlank()) continue;
            JsonNode row;
            try {
                row = Json.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                errors.add(location, "not valid JSON (" + e.getOriginalMessage() + ")");
                continue;
            }
            if (row == null || !row.isObject()) {
                errors.add(location, "expected a JSON object like {\"" + firstField + "\": ..., \"" + secondField + "\": ...}");
                continue;
            }
            T value = reader.read(row, location);
            if (value != null) values.add(value);
        }
        return values;
    }
}
