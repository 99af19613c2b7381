package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.Hone;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rag-classify} as a candidate of {@code hone run} on real all-MiniLM-L6-v2 weights, beside
 * the few-shot strategy whose {@code select: similar} goes through the same index: both are
 * measured, saved, and reload through the Java API and {@code hone predict}.
 */
class RagClassifyRunTest {
    @TempDir
    Path directory;

    @Test
    void runsAsACandidateAndReloads() throws Exception {
        SupportTickets.writeSplits(directory, 8, SupportTickets.PER_LABEL);
        Path config = directory.resolve("hone.yaml");
        Files.writeString(config, """
                task: {name: tiny-rag, kind: classification}
                model: all-minilm-l6-v2
                dataset: {train: train.jsonl, test: test.jsonl, validation_fraction: 0.25}
                strategies:
                  - {name: rag, kind: rag-classify, k: 5}
                  - {name: rag-bm25, kind: rag-classify, k: 5, mode: bm25}
                  - {name: knn, kind: few-shot, k: 3, select: similar}
                evaluation: {repeats: 1, latency_samples: 5}
                decision: {latency_budget_ms: 10000}
                """);
        Path out = directory.resolve("run");
        CliRunner result = CliRunner.run("run", config.toString(), "--out", out.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();

        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        JsonNode rag = results.path("candidates").get(0);
        assertThat(rag.path("kind").asText()).isEqualTo("rag-classify");
        assertThat(rag.path("test_predictions")).hasSize(SupportTickets.rows(9, SupportTickets.PER_LABEL).size());
        assertThat(rag.path("trainable_parameters").asLong()).isZero();
        // Prompt-only (it trains nothing, only indexes): results.json and the verdict's cost say so alike. The
        // verdict once read the trait from the kind's name and charged the indexing time as training CPU.
        assertThat(rag.path("prompt_only").asBoolean()).isTrue();
        assertThat(rag.path("train_seconds").asDouble()).as("indexing time").isPositive();
        assertThat(results.path("statistics").path("rag").path("training_cost_usd").asDouble()).isZero();
        assertThat(results.path("decision").path("break_even_requests").path("rag").isNull()).isTrue();
        // Nearest labelled examples on three well-separated intents: far above the 1/3 of guessing.
        assertThat(rag.path("accuracy").asDouble()).isGreaterThan(0.7);
        assertThat(results.path("candidates").get(2).path("accuracy").asDouble()).isGreaterThan(0.7);
        assertThat(results.path("config").path("strategies").get(0).path("mode").asText()).isEqualTo("hybrid");

        Path candidate = out.resolve("candidates/rag");
        assertThat(candidate.resolve("rag.json")).exists();
        assertThat(Files.isDirectory(candidate.resolve("index"))).isTrue();
        assertThat(Hone.load(candidate).predict("I forgot my password and cannot log in").label()).isEqualTo("login");
        CliRunner predicted = CliRunner.run("predict", candidate.toString(), "where is my parcel?");
        assertThat(predicted.exitCode()).as(predicted.err()).isZero();
        assertThat(predicted.out()).startsWith("shipping\t");
    }
}
