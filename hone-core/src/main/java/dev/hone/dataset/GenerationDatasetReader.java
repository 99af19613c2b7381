package dev.hone.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.config.GenerationDatasetConfig;
import dev.hone.error.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Reads input → reference pairs from JSONL (one object per line; the optional sources field a list
 * of relative paths) or CSV/TSV with a header (the input and output columns; sources are read from
 * JSONL only), strictly UTF-8, with the same row errors and {@code --skip-bad-rows} as
 * labelled data; then holds out test (when given as a fraction) and validation, seeded.
 */
public final class GenerationDatasetReader {
    /** Below this many pairs a validation split chooses on noise: choose on test instead and say so. */
    public static final int MIN_VALIDATION = 5;

    private final GenerationDatasetConfig config;
    private final boolean skipBadRows;

    public GenerationDatasetReader(GenerationDatasetConfig config, boolean skipBadRows) {
        this.config = config;
        this.skipBadRows = skipBadRows;
    }

    public GenerationData load(long seed) {
        int[] skipped = {0};
        List<GenerationExample> train = read(config.train(), skipped);
        List<GenerationExample> test;
        if (config.test() != null) {
            test = read(config.test(), skipped);
        } else {
            List<List<GenerationExample>> split = split(train, config.testFraction(), seed);
            if (split.get(1).isEmpty()) {
                throw new BadInputException(config.train() + ": test_fraction " + config.testFraction()
                        + " leaves no test examples; use a larger fraction or a separate test file");
            }
            train = split.get(0);
            test = split.get(1);
        }
        List<GenerationExample> validation = List.of();
        if (Math.round(train.size() * config.validationFraction()) >= MIN_VALIDATION) {
            List<List<GenerationExample>> carved = split(train, config.validationFraction(), seed + 1);
            train = carved.get(0);
            validation = carved.get(1);
        }
        String sha256 = DatasetLoader.sha256(config.test() == null ? List.of(config.train()) : List.of(config.train(), config.test()));
        return new GenerationData(train, validation, test, sha256, skipped[0]);
    }

    /** (kept, heldOut) with round(fraction × size) pairs held out, chosen by a seeded shuffle. */
    static List<List<GenerationExample>> split(List<GenerationExample> examples, double fraction, long seed) {
        List<GenerationExample> shuffled = Splits.shuffle(examples, new SplittableRandom(seed));
        int held = (int) Math.min(examples.size() - 1, Math.round(examples.size() * fraction));
        return List.of(List.copyOf(shuffled.subList(held, shuffled.size())), List.copyOf(shuffled.subList(0, Math.max(0, held))));
    }

    private List<GenerationExample> read(Path file, int[] skipped) {
        List<String> lines = DatasetReader.readLines(file);
        RowErrors errors = new RowErrors();
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<GenerationExample> examples = name.endsWith(".csv") || name.endsWith(".tsv") ? readCsv(file, lines, errors)
                : readJsonl(file, lines, errors);
        if (!skipBadRows) errors.throwIfAny(file.toString());
        if (examples.isEmpty()) {
            throw new BadInputException(file + ": no usable examples"
                    + (errors.count() > 0 ? " (" + errors.count() + " bad rows skipped)" : " (the file is empty)"));
        }
        skipped[0] += errors.count();
        return examples;
    }

    private List<GenerationExample> readCsv(Path file, List<String> lines, RowErrors errors) {
        List<GenerationExample> examples = new ArrayList<>();
        for (Example row : CsvRows.read(file, lines, config.inputField(), config.outputField(), errors, this::check)) {
            examples.add(new GenerationExample(row.text(), row.label(), List.of(), row.location()));
        }
        return examples;
    }

    private List<GenerationExample> readJsonl(Path file, List<String> lines, RowErrors errors) {
        return JsonlRows.read(file, lines, config.inputField(), config.outputField(), errors, (row, location) -> {
            String input = text(row, config.inputField(), location, errors);
            String output = text(row, config.outputField(), location, errors);
            List<String> sources = sources(row, location, errors);
            return input != null && output != null && sources != null && check(input, output, location, errors)
                    ? new GenerationExample(input, output, sources, location) : null;
        });
    }

    private static String text(JsonNode row, String field, String location, RowErrors errors) {
        JsonNode value = row.get(field);
        if (value == null || value.isNull()) {
            List<String> present = new ArrayList<>();
            row.fieldNames().forEachRemaining(present::add);
            errors.add(location, "missing field '" + field + "' (fields present: " + String.join(", ", present)
                    + "; set dataset.input_field / dataset.output_field if yours are named differently)");
            return null;
        }
        // A structured reference (JSON output) is compared as its compact JSON text.
        if (value.isContainerNode()) return value.toString();
        return value.asText();
    }

    private List<String> sources(JsonNode row, String location, RowErrors errors) {
        JsonNode value = row.get(config.sourcesField());
        if (value == null || value.isNull()) return List.of();
        List<String> sources = new ArrayList<>();
        if (value.isTextual()) {
            sources.add(value.asText());
        } else if (value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    errors.add(location, "field '" + config.sourcesField() + "' must list relative paths as strings, got " + item);
                    return null;
                }
                sources.add(item.asText());
            }
        } else {
            errors.add(location, "field '" + config.sourcesField() + "' must be a list of relative paths, got " + value);
            return null;
        }
        return sources;
    }

    private boolean check(String input, String output, String location, RowErrors errors) {
        if (input.isBlank()) {
            errors.add(location, "empty " + config.inputField());
            return false;
        }
        if (output.isBlank()) {
            errors.add(location, "empty " + config.outputField() + " (every pair needs a reference output)");
            return false;
        }
        if (input.length() > DatasetReader.MAX_TEXT_CHARACTERS || output.length() > DatasetReader.MAX_TEXT_CHARACTERS) {
            errors.add(location, "longer than the " + DatasetReader.MAX_TEXT_CHARACTERS + " characters allowed; check the row is not broken");
            return false;
        }
        return true;
    }
}
