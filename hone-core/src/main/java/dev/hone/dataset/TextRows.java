package dev.hone.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.hone.error.BadInputException;
import dev.hone.json.Json;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Texts to classify, read one row at a time from JSONL (one object per line) or CSV/TSV (with a
 * header row), strictly UTF-8, so a file of any size is read in bounded memory. The first bad row
 * stops the reading with {@code file:line: problem}; an {@code id} field or column, when the file
 * has one, is handed on with each text.
 */
public final class TextRows implements Closeable {
    /** The field or column whose value is carried along with each text to identify it. */
    public static final String ID_FIELD = "id";

    /**
     * One text to classify.
     *
     * @param index    position among the file's rows, from 0 (blank lines do not count)
     * @param location {@code file:line}
     * @param id       the row's {@value #ID_FIELD}, or null when it has none
     */
    public record TextRow(long index, String location, String text, JsonNode id) {
    }

    private final Path file;
    private final String textField;
    private final String fieldHint;
    private final Utf8Lines lines;
    private final MappingIterator<String[]> csv;
    private int textColumn = -1;
    private int idColumn = -1;
    private int columns;
    private int lineNumber;
    private long index;

    private TextRows(Path file, String textField, String fieldHint, Utf8Lines lines, MappingIterator<String[]> csv) {
        this.file = file;
        this.textField = textField;
        this.fieldHint = fieldHint;
        this.lines = lines;
        this.csv = csv;
    }

    /**
     * Opens {@code file}; {@code fieldHint} ends a "missing field" message with how to name another
     * field (a flag or a config key).
     */
    public static TextRows open(Path file, String textField, String fieldHint) {
        Utf8Lines reader;
        try {
            reader = new Utf8Lines(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": input file not found");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv") && !name.endsWith(".tsv")) return new TextRows(file, textField, fieldHint, reader, null);
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(name.endsWith(".tsv") ? '\t' : ',');
        try {
            TextRows rows = new TextRows(file, textField, fieldHint, reader,
                    mapper.readerFor(String[].class).with(schema).readValues(reader));
            rows.readHeader();
            return rows;
        } catch (IOException | RuntimeException e) {
            close(reader);
            if (e instanceof BadInputException bad) throw bad;
            throw new BadInputException(file + ":1: cannot read the CSV header (" + firstLine(e) + ")");
        }
    }

    /** The next row, or null at the end of the file. */
    public TextRow next() {
        try {
            return csv == null ? nextJsonl() : nextCsv();
        } catch (CharacterCodingException e) {
            throw new BadInputException(file + ":" + lines.lineNumber() + ": bytes that are not UTF-8; re-save the file as UTF-8");
        } catch (IOException e) {
            throw new BadInputException(file + ":" + (lineNumber + 1) + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private TextRow nextJsonl() throws IOException {
        String line;
        do {
            line = lines.readLine();
            if (line == null) return null;
            lineNumber = lines.lineNumber();
        } while (line.isBlank());
        String location = file + ":" + lineNumber;
        JsonNode row;
        try {
            row = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadInputException(location + ": not valid JSON (" + e.getOriginalMessage() + "); a .jsonl file needs one object per line");
        }
        if (row == null || !row.isObject()) throw new BadInputException(location + ": expected a JSON object like {\"" + textField + "\": \"...\"}");
        JsonNode value = row.get(textField);
        if (value == null || value.isNull()) {
            List<String> present = new ArrayList<>();
            row.fieldNames().forEachRemaining(present::add);
            throw new BadInputException(location + ": missing field '" + textField + "' (fields present: " + String.join(", ", present)
                    + "; " + fieldHint + ")");
        }
        if (value.getNodeType() != JsonNodeType.STRING && !value.isNumber() && !value.isBoolean()) {
            throw new BadInputException(location + ": field '" + textField + "' must be text, got " + (value.isArray() ? "a list" : "an object"));
        }
        JsonNode id = row.get(ID_FIELD);
        return row(location, value.asText(), id == null || id.isNull() ? null : id);
    }

    private TextRow nextCsv() throws IOException {
        while (true) {
            if (!hasNextCsvRow()) return null;
            lineNumber = csv.getCurrentLocation().getLineNr();
            String location = file + ":" + lineNumber;
            String[] row;
            try {
                row = csv.next();
            } catch (RuntimeException e) {
                throw new BadInputException(location + ": malformed CSV row (" + firstLine(e) + ")");
            }
            if (row.length == 1 && row[0].isEmpty()) continue;
            if (row.length != columns) throw new BadInputException(location + ": has " + row.length + " columns but the header has " + columns);
            return row(location, row[textColumn], idColumn < 0 ? null : TextNode.valueOf(row[idColumn]));
        }
    }

    private boolean hasNextCsvRow() throws IOException {
        try {
            return csv.hasNextValue();
        } catch (CharacterCodingException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (e.getCause() instanceof CharacterCodingException coding) throw coding;
            throw new BadInputException(file + ":" + (lineNumber + 1) + ": malformed CSV row (" + firstLine(e) + ")");
        }
    }

    private void readHeader() throws IOException {
        if (!csv.hasNextValue()) throw new BadInputException(file + ": empty file; a CSV needs a header row naming the '" + textField + "' column");
        List<String> header = Arrays.asList(csv.next());
        lineNumber = 1;
        columns = header.size();
        textColumn = header.indexOf(textField);
        idColumn = header.indexOf(ID_FIELD);
        if (textColumn < 0) {
            throw new BadInputException(file + ":1: the header " + header + " has no column '" + textField + "'; " + fieldHint);
        }
    }

    private TextRow row(String location, String text, JsonNode id) {
        if (text.isBlank()) throw new BadInputException(location + ": empty text");
        if (text.length() > DatasetReader.MAX_TEXT_CHARACTERS) {
            throw new BadInputException(location + ": text of " + text.length() + " characters is longer than the "
                    + DatasetReader.MAX_TEXT_CHARACTERS + " allowed");
        }
        return new TextRow(index++, location, text, id);
    }

    /** Rows in {@code file} (non-blank lines of JSONL, lines after the header of CSV): a quick pass for a progress total. */
    public static long estimateRows(Path file) {
        try (var stream = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            long newlines = 0;
            int read;
            while ((read = stream.read(buffer)) > 0) {
                for (int i = 0; i < read; i++) if (buffer[i] == '\n') newlines++;
            }
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return Math.max(0, name.endsWith(".csv") || name.endsWith(".tsv") ? newlines - 1 : newlines);
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        close(lines);
    }

    /**
     * Lines of a byte stream, each decoded as strict UTF-8 on its own, so an undecodable byte is
     * reported at its own line however far ahead a reader buffers (the CSV parser reads ahead). A
     * leading byte-order mark is dropped. Serves the decoded text as a {@link Reader} too.
     */
    private static final class Utf8Lines extends Reader {
        private final InputStream in;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private String pending = "";
        private int position;
        private int lineNumber;
        private boolean ended;

        Utf8Lines(InputStream in) {
            this.in = new BufferedInputStream(in, 1 << 16);
        }

        /** The number of the line read last, from 1. */
        int lineNumber() {
            return lineNumber;
        }

        /** The next line without its end ({@code \n} or {@code \r\n}), or null at the end. */
        String readLine() throws IOException {
            String line = decodeNext();
            return line == null ? null : line.endsWith("\n") ? line.substring(0, line.length() - (line.endsWith("\r\n") ? 2 : 1)) : line;
        }

        /** The next line with its end, decoded; null at the end. */
        private String decodeNext() throws IOException {
            if (ended) return null;
            bytes.reset();
            int b;
            while ((b = in.read()) != -1) {
                bytes.write(b);
                if (b == '\n') break;
            }
            if (b == -1) ended = true;
            if (bytes.size() == 0) return null;
            lineNumber++;
            byte[] raw = bytes.toByteArray();
            int start = lineNumber == 1 && raw.length >= 3 && (raw[0] & 0xFF) == 0xEF && (raw[1] & 0xFF) == 0xBB && (raw[2] & 0xFF) == 0xBF ? 3 : 0;
            return decoder.decode(ByteBuffer.wrap(raw, start, raw.length - start)).toString();
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (position == pending.length()) {
                String next = decodeNext();
                if (next == null) return -1;
                pending = next;
                position = 0;
            }
            int count = Math.min(length, pending.length() - position);
            pending.getChars(position, position + count, buffer, offset);
            position += count;
            return count;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static void close(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // Nothing was written; a failed close of an input leaves nothing to clean up.
        }
    }

    private static String firstLine(Exception e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }
}
