package dev.hone.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.hone.error.BadInputException;
import dev.hone.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a labelled file looks like, for {@code hone init}: which field holds the text (the longest
 * values, or a conventional name), which the label (few distinct values, or a conventional name),
 * and the labels with their counts. Only top-level text, number and boolean values are considered.
 *
 * @param rows   rows read
 * @param fields every field seen, in first-seen order
 * @param labels label → number of rows, most frequent first; empty when no label field was found
 */
public record DatasetProfile(int rows, List<String> fields, String textField, String labelField, Map<String, Integer> labels) {
    /** More distinct values than this and a field is not a label of a classification task. */
    public static final int MAX_LABELS = 200;
    static final List<String> TEXT_NAMES = List.of("text", "sentence", "content", "message", "body", "review", "utterance",
            "query", "question", "document", "input", "comment", "description");
    static final List<String> LABEL_NAMES = List.of("label", "labels", "intent", "category", "class", "sentiment", "target",
            "topic", "emotion", "y", "tag");
    /** Distinct values kept per field while reading; a field past {@link #MAX_LABELS} is no label anyway. */
    private static final int DISTINCT_CAP = MAX_LABELS + 1;

    public DatasetProfile {
        fields = List.copyOf(fields);
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    public boolean classification() {
        return labelField != null;
    }

    /** The number of rows of the least frequent label. */
    public int smallestLabelCount() {
        return labels.values().stream().mapToInt(Integer::intValue).min().orElse(0);
    }

    /**
     * Reads {@code file} (JSONL or CSV/TSV, strictly UTF-8) and detects its fields; a given
     * {@code textField} or {@code labelField} (null to detect) is checked to exist instead.
     */
    public static DatasetProfile of(Path file, String textField, String labelField) {
        Map<String, FieldStats> stats = new LinkedHashMap<>();
        int rows = 0;
        List<String> lines = DatasetReader.readLines(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".tsv")) {
            rows = readCsv(file, lines, name.endsWith(".tsv") ? '\t' : ',', stats);
        } else {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) continue;
                JsonNode row;
                try {
                    row = Json.MAPPER.readTree(lines.get(i));
                } catch (JsonProcessingException e) {
                    throw new BadInputException(file + ":" + (i + 1) + ": not valid JSON (" + e.getOriginalMessage()
                            + "); hone init reads JSONL (one object per line) or CSV with a header");
                }
                if (row == null || !row.isObject()) throw new BadInputException(file + ":" + (i + 1) + ": expected a JSON object per line");
                rows++;
                row.properties().forEach(e -> {
                    JsonNode v = e.getValue();
                    if (v.isTextual() || v.isNumber() || v.isBoolean()) stats.computeIfAbsent(e.getKey(), k -> new FieldStats()).add(v.asText());
                });
            }
        }
        if (rows == 0) throw new BadInputException(file + ": no rows (the file is empty)");
        List<String> fields = new ArrayList<>(stats.keySet());
        String text = textField != null ? require(file, textField, stats, "--text-field") : detectText(stats, rows)
                .orElseThrow(() -> new BadInputException(file + ": no field holds text in most rows (fields: " + String.join(", ", fields)
                        + "); name it with --text-field"));
        String label = labelField != null ? require(file, labelField, stats, "--label-field") : detectLabel(stats, rows, text).orElse(null);
        Map<String, Integer> labels = new LinkedHashMap<>();
        if (label != null) {
            FieldStats s = stats.get(label);
            if (s.counts.size() > MAX_LABELS) {
                throw new BadInputException(file + ": field '" + label + "' has more than " + MAX_LABELS
                        + " distinct values; a classification label field has a few");
            }
            s.counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> labels.put(e.getKey(), e.getValue()));
        }
        return new DatasetProfile(rows, fields, text, label, labels);
    }

    private static int readCsv(Path file, List<String> lines, char separator, Map<String, FieldStats> stats) {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        int rows = 0;
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).with(CsvSchema.emptySchema().withColumnSeparator(separator))
                .readValues(String.join("\n", lines))) {
            if (!it.hasNext()) return 0;
            String[] header = it.next();
            for (String column : header) stats.put(column, new FieldStats());
            while (it.hasNext()) {
                int line = it.getCurrentLocation().getLineNr();
                String[] row;
                try {
                    row = it.next();
                } catch (RuntimeException e) {
                    throw new BadInputException(file + ":" + line + ": malformed CSV row (" + e.getMessage().lines().findFirst().orElse("") + ")");
                }
                if (row.length == 1 && row[0].isEmpty()) continue;
                if (row.length != header.length) {
                    throw new BadInputException(file + ":" + line + ": has " + row.length + " columns but the header has " + header.length);
                }
                rows++;
                for (int c = 0; c < header.length; c++) stats.get(header[c]).add(row[c]);
            }
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot parse as CSV (" + e.getMessage() + ")");
        }
        return rows;
    }

    private static String require(Path file, String field, Map<String, FieldStats> stats, String flag) {
        if (!stats.containsKey(field)) {
            throw new BadInputException(file + ": no field '" + field + "' (" + flag + "); fields: " + String.join(", ", stats.keySet()));
        }
        return field;
    }

    /** A conventional name present in nearly every row, else the field with the longest values. */
    static Optional<String> detectText(Map<String, FieldStats> stats, int rows) {
        List<String> usable = stats.entrySet().stream().filter(e -> e.getValue().present >= 0.9 * rows && e.getValue().averageLength() > 0)
                .map(Map.Entry::getKey).toList();
        for (String name : TEXT_NAMES) {
            Optional<String> named = usable.stream().filter(f -> f.equalsIgnoreCase(name)).findFirst();
            if (named.isPresent()) return named;
        }
        return usable.stream().max(Comparator.comparingDouble(f -> stats.get(f).averageLength()));
    }

    /**
     * A field other than the text with between 2 and {@link #MAX_LABELS} distinct values, repeated
     * (fewer distinct values than half the rows): a conventional name first, else the fewest values.
     */
    static Optional<String> detectLabel(Map<String, FieldStats> stats, int rows, String textField) {
        List<String> usable = stats.entrySet().stream().filter(e -> !e.getKey().equals(textField))
                .filter(e -> e.getValue().present >= 0.9 * rows)
                .filter(e -> e.getValue().counts.size() >= 2 && e.getValue().counts.size() <= MAX_LABELS)
                .filter(e -> e.getValue().counts.size() <= Math.max(2, rows / 2))
                .map(Map.Entry::getKey).toList();
        for (String name : LABEL_NAMES) {
            Optional<String> named = usable.stream().filter(f -> f.equalsIgnoreCase(name)).findFirst();
            if (named.isPresent()) return named;
        }
        return usable.stream().min(Comparator.comparingInt(f -> stats.get(f).counts.size()));
    }

    /** Counts of one field's values (up to a cap) and their total length. */
    static final class FieldStats {
        final Map<String, Integer> counts = new LinkedHashMap<>();
        int present;
        long characters;

        void add(String value) {
            if (value == null || value.isBlank()) return;
            present++;
            characters += value.length();
            if (counts.size() < DISTINCT_CAP || counts.containsKey(value)) counts.merge(value, 1, Integer::sum);
        }

        double averageLength() {
            return present == 0 ? 0 : characters / (double) present;
        }
    }
}
