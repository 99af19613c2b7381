package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hone predict --input} and {@code hone evaluate} on a zero-shot candidate of a small run
 * (real all-MiniLM-L6-v2 weights, no training): JSONL and CSV in, JSON lines out, metrics with
 * intervals, and bad input stopped with {@code file:line} and exit code 2.
 */
class PredictEvaluateTest {
    @TempDir
    static Path directory;
    static Path run;

    @BeforeAll
    static void runZeroShot() throws Exception {
        List<String> train = new ArrayList<>();
        for (String[] topic : SupportTickets.TOPICS) {
            for (int i = 1; i <= 4; i++) train.add("{\"message\": \"" + topic[i] + "\", \"intent\": \"" + topic[0] + "\"}");
        }
        Files.write(directory.resolve("train.jsonl"), train);
        Files.writeString(directory.resolve("hone.yaml"), """
                task: {name: tiny, kind: classification}
                model: all-minilm-l6-v2
                dataset: {train: train.jsonl, test_fraction: 0.25, text_field: message, label_field: intent}
                labels: {refund: "money back", shipping: "where is my order", login: "cannot access the account"}
                strategies:
                  - {name: zero-shot, kind: zero-shot}
                evaluation: {repeats: 1, latency_samples: 5}
                """);
        run = directory.resolve("run");
        CliRunner result = CliRunner.run("run", directory.resolve("hone.yaml").toString(), "--out", run.toString());
        assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
    }

    @Test
    void predictsAJsonlFileWithTheCandidatesTextField() throws Exception {
        Path input = directory.resolve("in.jsonl");
        Files.writeString(input, "{\"id\": \"t-1\", \"message\": \"where is my parcel\"}\n\n{\"message\": \"reset my password\"}\n");
        Path output = directory.resolve("out/predictions.jsonl");
        CliRunner result = CliRunner.run("predict", run.toString(), "--input", input.toString(), "--output", output.toString());
        assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
        List<String> lines = Files.readAllLines(output);
        assertThat(lines).hasSize(2);
        JsonNode first = Json.MAPPER.readTree(lines.get(0));
        assertThat(first.path("index").asInt()).isZero();
        assertThat(first.path("id").asText()).isEqualTo("t-1");
        assertThat(first.path("label").asText()).isEqualTo("shipping");
        assertThat(first.path("scores").size()).isEqualTo(3);
        assertThat(first.path("score").asDouble()).isEqualTo(first.path("scores").path("shipping").asDouble());
        JsonNode second = Json.MAPPER.readTree(lines.get(1));
        assertThat(second.path("index").asInt()).isEqualTo(1);
        assertThat(second.has("id")).isFalse();
        assertThat(second.path("label").asText()).isEqualTo("login");
    }

    @Test
    void predictsACsvFileToStandardOutputWithAnotherTextField() throws Exception {
        Path input = directory.resolve("in.csv");
        Files.writeString(input, "id,body\n7,\"refund my order, please\"\n8,where is my parcel\n");
        CliRunner result = CliRunner.run("predict", run.resolve("candidates/zero-shot").toString(), "--input", input.toString(),
                "--text-field", "body");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(Json.MAPPER.readTree(lines.get(0)).path("id").asText()).isEqualTo("7");
        assertThat(Json.MAPPER.readTree(lines.get(0)).path("label").asText()).isEqualTo("refund");
    }

    @Test
    void aMalformedLineStopsWithItsFileAndLine() throws Exception {
        Path input = directory.resolve("bad.jsonl");
        Files.writeString(input, "{\"message\": \"where is my parcel\"}\n{\"message\": oops}\n");
        CliRunner broken = CliRunner.run("predict", run.toString(), "--input", input.toString());
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err()).contains("bad.jsonl:2: not valid JSON");
        assertThat(broken.printedStackTrace()).isFalse();

        Path wrongField = directory.resolve("field.jsonl");
        Files.writeString(wrongField, "{\"text\": \"where is my parcel\"}\n");
        CliRunner missing = CliRunner.run("predict", run.toString(), "--input", wrongField.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("field.jsonl:1: missing field 'message'", "--text-field");

        CliRunner both = CliRunner.run("predict", run.toString(), "a text", "--input", input.toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("not both");
    }

    @Test
    void evaluatesOnNewLabelledDataAsTableAndJson() throws Exception {
        Path data = directory.resolve("new.jsonl");
        List<String> rows = new ArrayList<>();
        for (String[] topic : SupportTickets.TOPICS) {
            for (int i = 9; i < topic.length; i++) rows.add("{\"message\": \"" + topic[i] + "\", \"intent\": \"" + topic[0] + "\"}");
        }
        Files.write(data, rows);
        Path json = directory.resolve("evaluation.json");
        CliRunner table = CliRunner.run("evaluate", run.toString(), data.toString(), "--out", json.toString());
        assertThat(table.exitCode()).as(table.err()).isEqualTo(0);
        assertThat(table.out()).contains("accuracy", "macro-F1", "95%", "confusion", "shipping");

        JsonNode results = Json.MAPPER.readTree(json.toFile());
        assertThat(results.path("format").asText()).isEqualTo("hone-evaluation-1");
        assertThat(results.path("examples").asInt()).isEqualTo(rows.size());
        double accuracy = results.path("accuracy").asDouble();
        assertThat(results.path("accuracy_ci95").get(0).asDouble()).isLessThanOrEqualTo(accuracy);
        assertThat(results.path("accuracy_ci95").get(1).asDouble()).isGreaterThanOrEqualTo(accuracy);
        assertThat(results.path("macro_f1_ci95")).hasSize(2);
        assertThat(results.path("confusion").path("labels")).hasSize(3);
        int total = 0;
        for (JsonNode row : results.path("confusion").path("matrix")) for (JsonNode cell : row) total += cell.asInt();
        assertThat(total).isEqualTo(rows.size());
        assertThat(results.path("per_class").path("login").path("support").asInt()).isEqualTo(3);

        CliRunner asJson = CliRunner.run("evaluate", run.toString(), data.toString(), "--json");
        assertThat(asJson.exitCode()).isZero();
        assertThat(Json.MAPPER.readTree(asJson.out()).path("accuracy").asDouble()).isEqualTo(accuracy);
    }

    @Test
    void unknownLabelsAreAnErrorListingTheCandidatesLabels() throws Exception {
        Path data = directory.resolve("unknown.jsonl");
        Files.writeString(data, "{\"message\": \"where is my parcel\", \"intent\": \"shipping\"}\n"
                + "{\"message\": \"cancel my plan\", \"intent\": \"cancel\"}\n");
        CliRunner result = CliRunner.run("evaluate", run.toString(), data.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'cancel' (first at " + data + ":2)", "login", "refund", "shipping");
        assertThat(result.printedStackTrace()).isFalse();
    }
}
