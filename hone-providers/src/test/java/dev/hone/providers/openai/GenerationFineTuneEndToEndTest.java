package dev.hone.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.Hone;
import dev.hone.config.GenerateConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * llm-finetune in a {@code task.kind: generation} run against the test server's hosted fine-tuning:
 * the training pairs go up as chat JSONL with llm-generate's own prompt and the reference outputs as
 * answers, the job is polled to its end, the {@code ft:} model writes the test answers, and the
 * candidate carries the same {@code finetune} block (cost at the training price) as a classifier.
 * A second run resumes the job from the ledger: nothing uploaded or created again.
 */
class GenerationFineTuneEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void aHostedJobTrainsOnTheReferenceOutputsAndTheTunedModelAnswers() throws Exception {
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        for (String[] fact : GenerationEndToEndTest.FACTS) {
            for (int q = 2; q < fact.length; q++) {
                ObjectNode pair = JSON.createObjectNode().put("question", fact[q]).put("answer", fact[1]);
                (q == 2 ? test : train).add(pair.toString());
            }
        }
        Files.write(directory.resolve("train.jsonl"), train);
        Files.write(directory.resolve("test.jsonl"), test);
        try (OpenAiTestServer server = new OpenAiTestServer(ScriptedGenerator::answer, null)) {
            Path config = directory.resolve("hone.yaml");
            Files.writeString(config, """
                    task: {name: kettle-tuned, kind: generation}
                    dataset: {train: train.jsonl, test: test.jsonl, input_field: question, output_field: answer}
                    providers:
                      writer: {type: openai, base_url: "%s", model: test-writer, requests_per_minute: 60000, cache_dir: llm-cache,
                               usd_per_million_input_tokens: 1.0, usd_per_million_output_tokens: 2.0,
                               usd_per_million_training_tokens: 25}
                    strategies:
                      - {name: plain, kind: llm-generate, provider: writer}
                      - {name: tuned, kind: llm-finetune, provider: writer, epochs: 2, suffix: kettle, poll_seconds: 0.01}
                    decision: {latency_budget_ms: 10000}
                    """.formatted(server.baseUrl()));

            Hone.run(config, directory.resolve("run"));

            FineTuningEndpoints fineTuning = server.fineTuning();
            assertThat(fineTuning.uploads()).isEqualTo(1);
            assertThat(fineTuning.jobsCreated()).isEqualTo(1);
            JsonNode results = JSON.readTree(directory.resolve("run/results.json").toFile());
            JsonNode tuned = candidate(results, "tuned");
            JsonNode job = tuned.path("finetune");
            assertThat(job.path("fine_tuned_model").asText()).isEqualTo("ft:test-writer:hone-test:kettle:ftjob-1");
            assertThat(job.path("in_process").asBoolean()).isFalse();
            assertThat(job.path("examples").asInt()).isEqualTo(results.path("dataset").path("train_pairs").asInt());
            assertThat(job.path("training_usd").asDouble()).isPositive()
                    .isCloseTo(job.path("trained_tokens").asLong() * 25 / 1e6, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(job.has("forgetting")).as("a hosted model's probabilities are not at hand").isFalse();
            assertThat(tuned.path("train_seconds").asDouble()).isEqualTo(job.path("job_seconds").asDouble());
            assertThat(tuned.path("llm").path("model").asText()).isEqualTo("ft:test-writer:hone-test:kettle:ftjob-1");
            assertThat(tuned.path("generation").path("per_example")).hasSize(test.size());
            assertThat(candidate(results, "plain").has("finetune")).isFalse();
            assertThat(server.bodies()).anyMatch(b -> b.path("model").asText().startsWith("ft:test-writer"));

            // Every training pair, asked as llm-generate asks it, answered with its reference.
            String[] lines = fineTuning.file(job.path("training_file_id").asText()).strip().split("\n");
            assertThat(lines).hasSize(train.size() - results.path("dataset").path("validation_pairs").asInt());
            JsonNode messages = JSON.readTree(lines[0]).path("messages");
            assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
            assertThat(messages.get(0).path("content").asText()).isEqualTo(GenerateConfig.DEFAULT_SYSTEM);
            JsonNode firstPair = JSON.readTree(train.stream().filter(t -> t.contains(messages.get(1).path("content").asText()))
                    .findFirst().orElseThrow());
            assertThat(messages.get(2).path("content").asText()).isEqualTo(firstPair.path("answer").asText());

            // Again into another folder: the recorded job is reused, nothing is uploaded or created.
            Hone.run(config, directory.resolve("again"));
            assertThat(fineTuning.uploads()).isEqualTo(1);
            assertThat(fineTuning.jobsCreated()).isEqualTo(1);
            JsonNode again = candidate(JSON.readTree(directory.resolve("again/results.json").toFile()), "tuned");
            assertThat(again.path("finetune").path("resumed").asBoolean()).isTrue();
        }
    }

    private static JsonNode candidate(JsonNode results, String name) {
        for (JsonNode c : results.get("candidates")) if (c.get("name").asText().equals(name)) return c;
        throw new AssertionError("no candidate " + name + " in results.json");
    }
}
