package dev.hone.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.hone.error.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads labelled examples from JSONL (one object per line) or CSV (with a header row), strictly
 * UTF-8. Malformed rows are collected as {@code file:line: problem}; by default any stops the run
 * before training, with {@code skipBadRows} they are left out and counted.
 */
public final class DatasetReader {
    /** Longer texts are almost certainly a broken row (or a whole document pasted in). */
    static final int MAX_TEXT_CHARACTERS = 100_000;

    private final String textField;
    private final String labelField;
    private final boolean skipBadRows;

    public DatasetReader(String textField, String labelField, boolean skipBadRows) {
        this.textField = textField;
        this.labelField = labelField;
        this.skipBadRows = skipBadRows;
    }

    /** The rows read, and how many bad rows were skipped. */
    public record Result(List<Example> examples, int skipped) {
    }

    public Result read(Path file) {
        List<String> lines = readLines(file);
        RowErrors errors = new RowErrors();
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<Example> examples = name.endsWith(".csv") || name.endsWith(".tsv")
                ? CsvRows.read(file, lines, textField, labelField, errors, this::check)
                : readJsonl(file, lines, errors);
        if (!skipBadRows) errors.throwIfAny(file.toString());
        if (examples.isEmpty()) {
            throw new BadInputException(file + ": no usable examples"
                    + (errors.count() > 0 ? " (" + errors.count() + " bad rows skipped)" : " (the file is empty)"));
        }
        return new Result(examples, errors.count());
    }

    private List<Example> readJsonl(Path file, List<String> lines, RowErrors errors) {
        return JsonlRows.read(file, lines, textField, labelField, errors, (row, location) -> {
            String text = field(row, textField, location, errors);
            String label = field(row, labelField, location, errors);
            return text != null && label != null && check(text, label, location, errors) ? new Example(text, label, location) : null;
        });
    }

    private String field(JsonNode row, String field, String location, RowErrors errors) {
        JsonNode value = row.get(field);
        if (value == null || value.isNull()) {
            List<String> present = new ArrayList<>();
            row.fieldNames().forEachRemaining(present::add);
            errors.add(location, "missing field '" + field + "' (fields present: " + String.join(", ", present)
                    + "; set dataset.text_field / dataset.label_field if yours are named differently)");
            return null;
        }
        if (value.getNodeType() != JsonNodeType.STRING && !value.isNumber() && !value.isBoolean()) {
            errors.add(location, "field '" + field + "' must be text, got " + (value.isArray() ? "a list" : "an object"));
            return null;
        }
        return value.asText();
    }

    /** Row-level checks shared by both formats; false (with an error) rejects the row. */
    boolean check(String text, String label, String location, RowErrors errors) {
        if (text.isBlank()) {
            errors.add(location, "empty text");
            return false;
        }
        if (text.length() > MAX_TEXT_CHARACTERS) {
            errors.add(location, "text of " + text.length() + " characters is longer than the " + MAX_TEXT_CHARACTERS
                    + " allowed; split long documents or check the row is not broken");
            return false;
        }
        if (label.isBlank()) {
            errors.add(location, "empty label");
            return false;
        }
        return true;
    }

    /** Lines of a strictly UTF-8 file; the first undecodable line is reported with its number. */
    static List<String> readLines(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": dataset file not found");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> lines = new ArrayList<>();
        int lineStart = start;
        for (int i = start; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                int end = i > lineStart && bytes[i - 1] == '\r' ? i - 1 : i;
                try {
                    lines.add(decoder.decode(ByteBuffer.wrap(bytes, lineStart, end - lineStart)).toString());
                } catch (CharacterCodingException e) {
                    throw new BadInputException(file + ":" + (lines.size() + 1) + ": bytes that are not UTF-8; "
                            + "re-save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)");
                }
                lineStart = i + 1;
            }
        }
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) lines.remove(lines.size() - 1);
        return lines;
    }
}
