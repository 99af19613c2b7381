package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.local.ChatModelFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hone run} with {@code providers: {m: {type: local}}} on the random Llama fixture: every LLM
 * classification route (likelihood and generate) and the generation routes run in this process,
 * end to end. The model is random, so its answers are garbage: these tests check that the pipeline
 * runs and that the figures are real (tokens counted from the model's own prompts, measured
 * latencies, a verdict), not accuracy.
 */
class LocalProviderRunTest {
    @TempDir
    Path directory;

    private Path writeClassification(Path model, String strategies) throws Exception {
        SupportTickets.writeSplits(directory, 4, 6);
        Path config = directory.resolve("hone.yaml");
        Files.writeString(config, """
                task: {name: tiny-local, kind: classification}
                model: all-minilm-l6-v2
                dataset: {train: train.jsonl, test: test.jsonl, validation_fraction: 0.25}
                providers:
                  m: {type: local, model: %s}
                strategies:
                %s
                evaluation: {repeats: 1, latency_samples: 5}
                decision: {latency_budget_ms: 100000}
                """.formatted(directory.relativize(model), strategies));
        return config;
    }

    @Test
    void everyLlmClassificationRouteRunsOnTheLocalModelWithRealTokenUsage() throws Exception {
        Path model = ChatModelFolder.chatMl(directory.resolve("model"), 2048);
        Path config = writeClassification(model, """
                  - {name: zero-likelihood, kind: llm-zero-shot, provider: m}
                  - {name: zero-generate, kind: llm-zero-shot, provider: m, method: generate, max_tokens: 4}
                  - {name: few-likelihood, kind: llm-few-shot, provider: m, k: 2}
                  - {name: few-generate, kind: llm-few-shot, provider: m, k: 2, method: generate, max_tokens: 4}
                  - {name: cot, kind: llm-cot, provider: m, max_tokens: 12}
                  - {name: vote, kind: llm-self-consistency, provider: m, samples: 3, max_tokens: 12}
                """);
        Path out = directory.resolve("run");

        CliRunner result = CliRunner.run("run", config.toString(), "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        JsonNode candidates = results.path("candidates");
        assertThat(candidates).extracting(c -> c.path("name").asText())
                .containsExactly("zero-likelihood", "zero-generate", "few-likelihood", "few-generate", "cot", "vote");
        for (JsonNode candidate : candidates) {
            String name = candidate.path("name").asText();
            JsonNode llm = candidate.path("llm");
            assertThat(llm.path("provider").asText()).as(name).isEqualTo("m");
            assertThat(llm.path("predictions").asLong()).as(name).isPositive();
            assertThat(llm.path("input_tokens").asLong()).as(name).isPositive();
            assertThat(candidate.path("tokens_in_per_request").asDouble()).as(name).isGreaterThan(20);
            assertThat(candidate.path("latency_ms_p95").asDouble()).as(name).isGreaterThanOrEqualTo(0);
            assertThat(candidate.path("test_predictions")).as(name).hasSize(6);
            assertThat(candidate.path("accuracy").asDouble()).as(name).isBetween(0.0, 1.0);
        }
        // Likelihood reads the prompt and the labels and generates nothing, so nothing fails to parse.
        for (int i : new int[] {0, 2}) {
            assertThat(candidates.get(i).path("llm").path("output_tokens").asLong()).isZero();
            assertThat(candidates.get(i).path("parse_failure_rate").asDouble()).isZero();
        }
        for (int i : new int[] {1, 3, 4, 5}) assertThat(candidates.get(i).path("llm").path("output_tokens").asLong()).isPositive();
        // Self-consistency samples three seeded answers per text, each a request of its own.
        JsonNode vote = candidates.get(5).path("llm");
        assertThat(vote.path("requests").asLong()).isEqualTo(3 * vote.path("predictions").asLong());
        // Demonstrations make the few-shot prompts longer than the zero-shot ones.
        assertThat(candidates.get(2).path("tokens_in_per_request").asDouble())
                .isGreaterThan(candidates.get(0).path("tokens_in_per_request").asDouble());
        assertThat(results.path("config").path("strategies").get(0).path("method").asText()).isEqualTo("likelihood");
        assertThat(results.path("config").path("strategies").get(1).path("method").asText()).isEqualTo("generate");
        JsonNode decision = results.path("decision");
        assertThat(decision.path("reason").asText()).isNotBlank();
        assertThat(decision.path("recommended").isNull() || candidates.findValuesAsText("name").contains(decision.path("recommended").asText()))
                .as(decision.toString()).isTrue();
        assertThat(Files.readString(out.resolve("report.html"))).contains("zero-likelihood").contains("cot");

        // A saved likelihood candidate reloads with its method and the same model folder.
        CliRunner predicted = CliRunner.run("predict", out.resolve("candidates/few-likelihood").toString(), "where is my parcel");
        assertThat(predicted.exitCode()).as(predicted.err()).isZero();
        assertThat(predicted.out()).matches("(refund|shipping|login)\t[01]\\.\\d{3}\t.*\\R");
    }

    @Test
    void aPromptLongerThanTheModelReadsStopsTheRunWithOneClearLine() throws Exception {
        Path model = ChatModelFolder.chatMl(directory.resolve("model"));
        Path config = writeClassification(model, """
                  - {name: cot, kind: llm-cot, provider: m}
                """);

        CliRunner result = CliRunner.run("run", config.toString(), "--out", directory.resolve("run").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("reads at most 256").contains("shorten the messages");
        assertThat(result.printedStackTrace()).isFalse();
    }

    @Test
    void generationRoutesRunOnTheLocalModel() throws Exception {
        Path model = ChatModelFolder.chatMl(directory.resolve("model"), 4096);
        Path documents = Files.createDirectories(directory.resolve("docs"));
        Files.writeString(documents.resolve("pump.md"), "# Pump\n\nError E1 means the water tank is empty. Refill it and press start.\n");
        Files.writeString(documents.resolve("heater.md"), "# Heater\n\nError E2 means the heater overheated. Let it cool for ten minutes.\n");
        List<String> train = new ArrayList<>();
        for (int i = 0; i < 4; i++) train.add("{\"input\": \"What does error E" + (i % 2 + 1) + " mean?\", \"output\": \""
                + (i % 2 == 0 ? "The tank is empty." : "It overheated.") + "\"}");
        Files.write(directory.resolve("train.jsonl"), train);
        Files.writeString(directory.resolve("test.jsonl"), """
                {"input": "Why E1?", "output": "The tank is empty."}
                {"input": "Why E2?", "output": "It overheated."}
                {"input": "What is E1?", "output": "The water tank is empty."}
                """);
        Path config = directory.resolve("hone.yaml");
        Files.writeString(config, """
                task: {name: local-answers, kind: generation}
                model: all-minilm-l6-v2
                dataset: {train: train.jsonl, test: test.jsonl}
                providers:
                  m: {type: local, model: model}
                strategies:
                  - {name: plain, kind: llm-generate, provider: m, max_tokens: 8}
                  - {name: shots, kind: llm-generate, provider: m, k: 2, max_tokens: 8}
                  - {name: rag, kind: rag, provider: m, documents: docs, k: 2, max_tokens: 8}
                decision: {latency_budget_ms: 100000}
                """);
        Path out = directory.resolve("run");

        CliRunner result = CliRunner.run("run", config.toString(), "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("candidate: plain (llm-generate)").contains("candidate: rag (rag)");
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        JsonNode candidates = results.path("candidates");
        assertThat(candidates).hasSize(3);
        for (JsonNode candidate : candidates) {
            String name = candidate.path("name").asText();
            assertThat(candidate.path("llm").path("input_tokens").asLong()).as(name).isPositive();
            assertThat(candidate.path("llm").path("output_tokens").asLong()).as(name).isPositive();
        }
        // The retrieved passages make rag's prompts the longest.
        assertThat(candidates.get(2).path("llm").path("input_tokens").asLong())
                .isGreaterThan(candidates.get(0).path("llm").path("input_tokens").asLong());
        assertThat(results.path("decision").path("reason").asText()).isNotBlank();
        assertThat(out.resolve("report.html")).exists();
    }
}
