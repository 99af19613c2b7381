package dev.hone.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetProfileTest {
    @TempDir
    Path directory;

    @Test
    void conventionalNamesWinOverOtherCandidates() throws Exception {
        Path file = directory.resolve("trec.jsonl");
        StringBuilder rows = new StringBuilder();
        String[][] data = {{"How far is it?", "NUM", "NUM:dist"}, {"Who wrote it?", "HUM", "HUM:ind"}, {"How many?", "NUM", "NUM:count"},
            {"Where is it?", "LOC", "LOC:other"}, {"Who is she?", "HUM", "HUM:ind"}, {"Where to?", "LOC", "LOC:city"}};
        for (String[] row : data) {
            rows.append("{\"question\": \"").append(row[0]).append("\", \"label\": \"").append(row[1])
                    .append("\", \"label_fine\": \"").append(row[2]).append("\"}\n");
        }
        Files.writeString(file, rows);
        DatasetProfile profile = DatasetProfile.of(file, null, null);
        assertThat(profile.textField()).isEqualTo("question");
        assertThat(profile.labelField()).isEqualTo("label");
        assertThat(profile.labels()).containsExactly(java.util.Map.entry("HUM", 2), java.util.Map.entry("LOC", 2), java.util.Map.entry("NUM", 2));
        assertThat(profile.rows()).isEqualTo(6);
    }

    @Test
    void otherwiseTheLongestTextAndTheFewestValues() throws Exception {
        Path file = directory.resolve("data.csv");
        Files.writeString(file, "a,b,c\nx,this is a longer text,1\ny,another long enough text,2\nx,and a third long text,3\ny,fourth long text here,4\n");
        DatasetProfile profile = DatasetProfile.of(file, null, null);
        assertThat(profile.textField()).isEqualTo("b");
        assertThat(profile.labelField()).isEqualTo("a");
        assertThat(profile.smallestLabelCount()).isEqualTo(2);
    }

    @Test
    void aGivenFieldMustExist() throws Exception {
        Path file = directory.resolve("d.jsonl");
        Files.writeString(file, "{\"text\": \"hi\", \"label\": \"a\"}\n");
        assertThatThrownBy(() -> DatasetProfile.of(file, "body", null)).hasMessageContaining("no field 'body' (--text-field)");
    }
}
