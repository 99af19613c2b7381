package dev.hone.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.error.BadInputException;
import dev.hone.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Texts without labels, for a teacher to label: JSONL (a file ending in {@code .jsonl} or
 * {@code .json}, one object per line, the text in the dataset's text field) or plain text, one
 * text per line. Blank lines are skipped; bad lines are reported as {@code file:line: problem}.
 */
public final class UnlabeledTexts {

    private UnlabeledTexts() {
    }

    public static List<String> read(Path file, String textField) {
        List<String> lines = DatasetReader.readLines(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean jsonl = name.endsWith(".jsonl") || name.endsWith(".json");
        RowErrors errors = new RowErrors();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String location = file + ":" + (i + 1);
            if (line.isBlank()) continue;
            String text = jsonl ? jsonText(line, textField, location, errors) : line.strip();
            if (text == null) continue;
            if (text.isBlank()) {
                errors.add(location, "empty text");
            } else if (text.length() > DatasetReader.MAX_TEXT_CHARACTERS) {
                errors.add(location, "text of " + text.length() + " characters is longer than the " + DatasetReader.MAX_TEXT_CHARACTERS
                        + " allowed");
            } else {
                texts.add(text);
            }
        }
        errors.throwIfAny(file.toString(), "Fix those lines of the unlabeled file (one text per line, or JSONL with \""
                + textField + "\").");
        if (texts.isEmpty()) throw new BadInputException(file + ": no texts to label (the file is empty)");
        return texts;
    }

    private static String jsonText(String line, String textField, String location, RowErrors errors) {
        JsonNode row;
        try {
            row = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            errors.add(location, "not valid JSON (" + e.getOriginalMessage() + "); a .jsonl file needs one object per line");
            return null;
        }
        JsonNode value = row == null || !row.isObject() ? null : row.get(textField);
        if (value == null || !value.isTextual()) {
            errors.add(location, "expected an object with a text field \"" + textField + "\" (dataset.text_field), like {\""
                    + textField + "\": \"...\"}");
            return null;
        }
        return value.asText();
    }
}
