package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hone init}: fields and labels detected from small files it is given, a config that validates, no overwrite. */
class InitCommandTest {
    @TempDir
    Path directory;

    private Path jsonl(String name) throws Exception {
        List<String> rows = new ArrayList<>();
        for (String[] topic : SupportTickets.TOPICS) {
            for (int i = 1; i < topic.length; i++) {
                rows.add("{\"id\": " + rows.size() + ", \"message\": \"" + topic[i] + "\", \"intent\": \"" + topic[0]
                        + "\", \"lang\": \"en\"}");
            }
        }
        Path file = directory.resolve(name);
        Files.write(file, rows);
        return file;
    }

    @Test
    void detectsTheTextAndLabelFieldsAndWritesAConfigThatValidates() throws Exception {
        Path train = jsonl("train.jsonl");
        Files.copy(train, directory.resolve("test.jsonl"));
        Path config = directory.resolve("hone.yaml");
        CliRunner result = CliRunner.run("init", train.toString(), "--out", config.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("text field:  message", "label field: intent (3 labels");

        JsonNode yaml = ConfigLoader.YAML.readTree(config.toFile());
        assertThat(yaml.path("task").path("kind").asText()).isEqualTo("classification");
        assertThat(yaml.path("dataset").path("train").asText()).isEqualTo("train.jsonl");
        assertThat(yaml.path("dataset").path("test").asText()).isEqualTo("test.jsonl");
        assertThat(yaml.path("dataset").path("text_field").asText()).isEqualTo("message");
        assertThat(yaml.path("dataset").path("label_field").asText()).isEqualTo("intent");
        assertThat(yaml.path("labels").properties()).extracting(e -> e.getKey()).containsExactlyInAnyOrder("refund", "shipping", "login");
        List<String> kinds = new ArrayList<>();
        yaml.path("strategies").forEach(s -> kinds.add(s.path("kind").asText()));
        assertThat(kinds).contains("zero-shot", "few-shot", "linear-probe", "lora", "full-finetune");
        assertThat(Files.readString(config)).contains("# ");

        CliRunner validated = CliRunner.run("validate", config.toString());
        assertThat(validated.exitCode()).as(validated.err()).isZero();
    }

    @Test
    void aCsvWithoutATestFileHoldsOutAFraction() throws Exception {
        Path data = directory.resolve("tickets.csv");
        StringBuilder csv = new StringBuilder("category,body\n");
        for (String[] topic : SupportTickets.TOPICS) {
            for (int i = 1; i < topic.length; i++) csv.append(topic[0]).append(",\"").append(topic[i]).append("\"\n");
        }
        Files.writeString(data, csv);
        Path config = directory.resolve("sub/tickets.yaml");
        CliRunner result = CliRunner.run("init", data.toString(), "--out", config.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode yaml = ConfigLoader.YAML.readTree(config.toFile());
        assertThat(yaml.path("task").path("name").asText()).isEqualTo("tickets");
        assertThat(yaml.path("dataset").path("text_field").asText()).isEqualTo("body");
        assertThat(yaml.path("dataset").path("label_field").asText()).isEqualTo("category");
        assertThat(yaml.path("dataset").path("test_fraction").asDouble()).isEqualTo(0.2);
        assertThat(CliRunner.run("validate", config.toString()).exitCode()).isZero();
    }

    @Test
    void refusesToOverwriteWithoutForce() throws Exception {
        Path train = jsonl("data.jsonl");
        Path config = directory.resolve("hone.yaml");
        Files.writeString(config, "# mine\n");
        CliRunner refused = CliRunner.run("init", train.toString(), "--out", config.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("already exists", "--force");
        assertThat(Files.readString(config)).isEqualTo("# mine\n");
        CliRunner forced = CliRunner.run("init", train.toString(), "--out", config.toString(), "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(Files.readString(config)).contains("label_field: intent");
    }

    @Test
    void noLabelFieldIsAClearError() throws Exception {
        Path data = directory.resolve("texts.jsonl");
        Files.writeString(data, "{\"text\": \"where is my parcel\"}\n{\"text\": \"refund me\"}\n{\"text\": \"cannot log in\"}\n");
        CliRunner result = CliRunner.run("init", data.toString(), "--out", directory.resolve("x.yaml").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no field looks like a label", "--label-field");
        assertThat(result.printedStackTrace()).isFalse();
        assertThat(directory.resolve("x.yaml")).doesNotExist();
    }
}
