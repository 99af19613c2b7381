package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.Classifier;
import dev.hone.Hone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job on real all-MiniLM-L6-v2 weights and small generated data: every strategy kind runs,
 * results.json has the contract fields, candidates reload through the Java API and the CLI.
 */
class EndToEndTest {
    @TempDir
    Path directory;

    @Test
    void runsEveryStrategyAndReloadsTheWinner() throws Exception {
        SupportTickets.writeSplits(directory, 8, SupportTickets.PER_LABEL);
        Path config = directory.resolve("hone.yaml");
        Files.writeString(config, """
                task: {name: tiny, kind: classification}
                model: all-minilm-l6-v2
                dataset: {train: train.jsonl, test: test.jsonl, validation_fraction: 0.25}
                labels: {refund: "money back", shipping: "where is my order", login: "cannot access the account"}
                strategies:
                  - {name: zero-shot, kind: zero-shot}
                  - {name: knn, kind: few-shot, k: 2, select: similar}
                  - {name: probe, kind: linear-probe}
                  - {name: lora, kind: lora, epochs: 2, learning_rate: 2.0e-3, patience: 0}
                  - {name: full, kind: full-finetune, epochs: 1}
                  - {name: setfit, kind: contrastive, pairs_per_example: 2}
                evaluation: {repeats: 2, seed: 3, latency_samples: 5, curve: [2, 4]}
                decision: {latency_budget_ms: 10000}
                """);
        Path out = directory.resolve("run");
        CliRunner result = CliRunner.run("run", config.toString(), "--out", out.toString());
        assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
        assertThat(result.out()).contains("recommended").contains("wall time");

        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.path("task").path("name").asText()).isEqualTo("tiny");
        assertThat(results.path("dataset").path("sha256").asText()).hasSize(64);
        assertThat(results.path("candidates")).hasSize(6);
        for (JsonNode candidate : results.path("candidates")) {
            for (String field : List.of("name", "kind", "accuracy", "macro_f1", "accuracy_ci95", "latency_ms_p50",
                    "latency_ms_p95", "throughput_per_s", "train_seconds", "trainable_parameters", "total_parameters")) {
                assertThat(candidate.has(field)).as(candidate.path("name") + "." + field).isTrue();
            }
            assertThat(candidate.path("test_predictions")).hasSize(SupportTickets.rows(9, SupportTickets.PER_LABEL).size());
        }
        assertThat(results.path("candidates").get(3).path("repeats")).hasSize(2);
        assertThat(results.path("candidates").get(2).path("accuracy").asDouble()).isGreaterThan(0.8);
        String recommended = results.path("decision").path("recommended").asText();
        assertThat(out.resolve("candidates").resolve(recommended).resolve("candidate.json")).exists();
        assertThat(out.resolve("candidates/lora/adapter_model.safetensors")).exists();
        assertThat(out.resolve("candidates/full/model.safetensors")).exists();
        assertThat(results.path("decision").has("break_even_requests")).isTrue();
        assertThat(results.path("decision").has("runner_up")).isTrue();
        assertThat(Files.readString(out.resolve("report.html"))).contains("<svg").contains(recommended);
        assertThat(out.resolve("report.md")).exists();

        // Learning curve: every strategy at 2 and 4 examples per class, plus the sentence the report shows.
        for (JsonNode candidate : results.path("candidates")) {
            JsonNode points = results.path("learning_curve").path(candidate.path("name").asText());
            assertThat(points).as(candidate.path("name").asText()).hasSize(2);
            assertThat(points.get(1).path("per_class").asInt()).isEqualTo(4);
            assertThat(points.get(1).path("accuracy").asDouble()).isBetween(0.0, 1.0);
        }
        assertThat(results.path("learning_curve_summary").asText()).isNotBlank();
        assertThat(Files.readString(out.resolve("report.html"))).contains("Learning curves");
        // Forgetting: measured for candidates whose encoder changed, absent for those that use it as is.
        JsonNode lora = results.path("candidates").get(3).path("forgetting");
        assertThat(lora.path("probe_accuracy_before").asDouble()).isBetween(0.5, 1.0);
        assertThat(lora.path("drop").asDouble()).isLessThan(0.15);
        assertThat(results.path("candidates").get(5).has("forgetting")).isTrue();
        assertThat(results.path("candidates").get(2).has("forgetting")).isFalse();
        assertThat(results.path("candidates").get(0).has("forgetting")).isFalse();

        Classifier winner = Hone.load(out);
        assertThat(winner.labels()).containsExactly("refund", "shipping", "login");
        assertThat(winner.predict("I forgot my password and cannot log in").label()).isEqualTo("login");
        CliRunner predicted = CliRunner.run("predict", out.resolve("candidates/probe").toString(), "where is my parcel?");
        assertThat(predicted.exitCode()).as(predicted.err()).isEqualTo(0);
        assertThat(predicted.out()).startsWith("shipping\t");
        assertThat(Hone.load(out.resolve("candidates/lora")).predict("refund my money").scores()).hasSize(3);
    }

    @Test
    void embedPrintsOneJsonLinePerInput() throws Exception {
        CliRunner result = CliRunner.run("embed", "hello world", "naïve café – 東京");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
        String[] lines = result.out().strip().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertThat(first.path("text").asText()).isEqualTo("hello world");
        assertThat(first.path("tokens").asInt()).isEqualTo(4);
        assertThat(first.path("embedding")).hasSize(384);
    }
}
