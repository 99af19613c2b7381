package dev.hone.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.error.BadInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextRowsTest {
    @TempDir
    Path directory;

    private static List<TextRows.TextRow> all(Path file, String field) {
        List<TextRows.TextRow> rows = new ArrayList<>();
        try (TextRows reader = TextRows.open(file, field, "pass --text-field")) {
            for (TextRows.TextRow row = reader.next(); row != null; row = reader.next()) rows.add(row);
        }
        return rows;
    }

    @Test
    void jsonlRowsWithTheirIndexLineAndId() throws Exception {
        Path file = directory.resolve("in.jsonl");
        Files.writeString(file, "\uFEFF{\"id\": 7, \"body\": \"first\"}\n\n{\"body\": \"second\"}\n");
        List<TextRows.TextRow> rows = all(file, "body");
        assertThat(rows).extracting(TextRows.TextRow::text).containsExactly("first", "second");
        assertThat(rows).extracting(TextRows.TextRow::index).containsExactly(0L, 1L);
        assertThat(rows.get(0).id().asInt()).isEqualTo(7);
        assertThat(rows.get(1).id()).isNull();
        assertThat(rows.get(1).location()).isEqualTo(file + ":3");
        assertThat(TextRows.estimateRows(file)).isEqualTo(3);
    }

    @Test
    void csvWithQuotedCommasAndNewlines() throws Exception {
        Path file = directory.resolve("in.csv");
        Files.writeString(file, "id,text\na,\"one, two\"\nb,\"three\nfour\"\nc,five\n");
        List<TextRows.TextRow> rows = all(file, "text");
        assertThat(rows).extracting(TextRows.TextRow::text).containsExactly("one, two", "three\nfour", "five");
        assertThat(rows.get(2).id().asText()).isEqualTo("c");
        assertThat(rows.get(2).location()).isEqualTo(file + ":5");
    }

    @Test
    void badRowsStopWithFileAndLine() throws Exception {
        Path json = directory.resolve("bad.jsonl");
        Files.writeString(json, "{\"text\": \"ok\"}\n{\"text\": \"\"}\n");
        assertThatThrownBy(() -> all(json, "text")).isInstanceOf(BadInputException.class).hasMessage(json + ":2: empty text");
        Path header = directory.resolve("header.csv");
        Files.writeString(header, "message\nhello\n");
        assertThatThrownBy(() -> all(header, "text")).hasMessageContaining(header + ":1: the header [message] has no column 'text'");
        Path latin1 = directory.resolve("latin1.jsonl");
        Files.write(latin1, "{\"text\": \"ok\"}\n{\"text\": \"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> all(latin1, "text")).hasMessageContaining(latin1 + ":2: bytes that are not UTF-8");
    }
}
