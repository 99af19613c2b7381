package dev.hone.dataset;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.hone.error.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** CSV/TSV with a header row, through Jackson's CSV module (quotes, embedded commas and newlines). */
final class CsvRows {
    interface RowCheck {
        boolean check(String text, String label, String location, RowErrors errors);
    }

    private CsvRows() {
    }

    static List<Example> read(Path file, List<String> lines, String textField, String labelField, RowErrors errors,
                              RowCheck check) {
        List<Example> examples = new ArrayList<>();
        if (lines.isEmpty()) return examples;
        char separator = file.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".tsv") ? '\t' : ',';
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator);
        List<String> header;
        try (MappingIterator<String[]> rows = mapper.readerFor(String[].class).with(schema).readValues(String.join("\n", lines))) {
            if (!rows.hasNext()) return examples;
            header = Arrays.asList(rows.next());
            int textColumn = header.indexOf(textField);
            int labelColumn = header.indexOf(labelField);
            if (textColumn < 0 || labelColumn < 0) {
                throw new BadInputException(file + ":1: the header " + header + " has no column '"
                        + (textColumn < 0 ? textField : labelField)
                        + "'; name the columns in the header, or set dataset.text_field / dataset.label_field");
            }
            while (rows.hasNext()) {
                int line = rows.getCurrentLocation().getLineNr();
                String[] row;
                try {
                    row = rows.next();
                } catch (RuntimeException e) {
                    errors.add(file + ":" + line, "malformed CSV row (" + e.getMessage().lines().findFirst().orElse("") + ")");
                    break;
                }
                String location = file + ":" + line;
                if (row.length == 1 && row[0].isEmpty()) continue;
                if (row.length != header.size()) {
                    errors.add(location, "has " + row.length + " columns but the header has " + header.size());
                    continue;
                }
                String text = row[textColumn];
                String label = row[labelColumn];
                if (check.check(text, label, location, errors)) examples.add(new Example(text, label, location));
            }
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot parse as CSV (" + e.getMessage() + ")");
        }
        return examples;
    }
}
