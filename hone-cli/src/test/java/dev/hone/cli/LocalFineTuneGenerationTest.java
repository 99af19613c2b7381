package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.local.ChatModelFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real learning check for {@code task.kind: generation} through {@code hone run}: on a synthetic
 * task this test writes (one of four keyword symbols among filler words decides a fixed two-word
 * answer), the random fixture model asked by {@code llm-generate} writes nothing like the
 * references, and the same model LoRA-tuned in process by {@code llm-finetune} on the same
 * {@code type: local} provider, trained on the reference outputs, writes almost all of them. Both
 * candidates are in results.json, the report and the verdict; a second run resumes the finished
 * job from the ledger instead of training again.
 */
class LocalFineTuneGenerationTest {
    /** Keyword symbol → the answer to write; each symbol is one token of the fixture's byte-level tokenizer. */
    static final String[][] RULES = {{"@", "red apple"}, {"#", "blue sky"}, {"$", "gold coin"}, {"%", "mint leaf"}};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    /** {@code count} input → output pairs: the classification learning test's texts, each keyword's phrase as the output. */
    static List<String> pairs(int count, SplittableRandom random) throws Exception {
        List<String> lines = new ArrayList<>();
        List<String> texts = LocalFineTuneLearningTest.examples(count, random);
        for (int i = 0; i < count; i++) {
            String text = JSON.readTree(texts.get(i)).path("text").asText();
            ObjectNode pair = JSON.createObjectNode().put("input", text).put("output", RULES[i % RULES.length][1]);
            lines.add(pair.toString());
        }
        return lines;
    }

    @Test
    void theTunedModelWritesTheReferencesTheSameModelPromptedDoesNot() throws Exception {
        Path model = ChatModelFolder.chatMl(directory.resolve("model"), 1024);
        SplittableRandom random = new SplittableRandom(2026);
        Files.write(directory.resolve("train.jsonl"), pairs(84, random));
        Files.write(directory.resolve("test.jsonl"), pairs(40, random));
        Path config = directory.resolve("hone.yaml");
        // Short prompts keep the run quick; both candidates ask with the same templates.
        Files.writeString(config, """
                task: {name: keyword-phrases, kind: generation}
                dataset: {train: train.jsonl, test: test.jsonl, validation_fraction: 0.15}
                providers:
                  m: {type: local, model: model, cache_dir: llm-cache}
                strategies:
                  - {name: prompted, kind: llm-generate, provider: m, system: "A-D", max_tokens: 12}
                  - {name: tuned, kind: llm-finetune, provider: m, system: "A-D", max_tokens: 12,
                     epochs: 50, batch_size: 8, learning_rate_multiplier: 30}
                evaluation: {seed: 3}
                decision: {latency_budget_ms: 100000}
                """);
        Path out = directory.resolve("run");

        CliRunner result = CliRunner.run("run", config.toString(), "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        // Kept for a look at the answers when an assertion below fails.
        Files.copy(out.resolve("results.json"), Path.of("target", "local-finetune-generation-results.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
        JsonNode prompted = LocalFineTuneLearningTest.candidate(results, "prompted");
        JsonNode tuned = LocalFineTuneLearningTest.candidate(results, "tuned");
        double promptedExact = prompted.path("generation").path("exact_match").asDouble();
        double tunedExact = tuned.path("generation").path("exact_match").asDouble();
        assertThat(promptedExact).as("the untuned model").isLessThanOrEqualTo(0.1);
        assertThat(tunedExact).as("the tuned model (untuned: %.2f)", promptedExact).isGreaterThanOrEqualTo(0.85);
        assertThat(tuned.path("generation").path("token_f1").asDouble())
                .isGreaterThan(prompted.path("generation").path("token_f1").asDouble() + 0.6);

        // The same finetune block as a classification candidate's, the job's time as train_seconds, adapters as trainable weights.
        assertThat(tuned.path("kind").asText()).isEqualTo("llm-finetune");
        assertThat(tuned.path("prompt_only").asBoolean()).isFalse();
        assertThat(prompted.path("prompt_only").asBoolean()).isTrue();
        JsonNode job = tuned.path("finetune");
        assertThat(job.path("in_process").asBoolean()).isTrue();
        assertThat(job.path("resumed").asBoolean()).isFalse();
        assertThat(job.path("examples").asInt()).as("the training pairs, validation held out")
                .isEqualTo(results.path("dataset").path("train_pairs").asInt());
        assertThat(job.path("truncated_answers").asInt()).isZero();
        assertThat(tuned.path("train_seconds").asDouble()).isPositive().isEqualTo(job.path("job_seconds").asDouble());
        assertThat(tuned.path("trainable_parameters").asLong()).isEqualTo(2 * 8 * (64 + 48 + 48 + 64));
        assertThat(prompted.has("finetune")).isFalse();
        JsonNode forgetting = job.path("forgetting");
        assertThat(forgetting.path("perplexity_after").asDouble()).isGreaterThan(1)
                .isNotEqualTo(forgetting.path("perplexity_before").asDouble());
        assertThat(tuned.path("llm").path("model").asText()).as("answers come from the tuned model").isEqualTo(job.path("fine_tuned_model").asText());

        // The training file is the generator's own prompt with the reference as the answer.
        Path uploaded;
        try (var files = Files.list(directory.resolve("llm-cache/local-finetune/files"))) {
            uploaded = files.findFirst().orElseThrow();
        }
        JsonNode firstChat = JSON.readTree(Files.readAllLines(uploaded).getFirst()).path("messages");
        assertThat(firstChat.get(0).path("content").asText()).isEqualTo("A-D");
        assertThat(firstChat.get(2).path("content").asText()).isIn("red apple", "blue sky", "gold coin", "mint leaf");

        // The verdict, the report and the leaderboard show both; the tuned model wins.
        JsonNode decision = results.path("decision");
        assertThat(decision.path("recommended").asText()).isEqualTo("tuned");
        assertThat(decision.path("reason").asText()).contains("prompted").contains("fine-tuned on");
        String report = Files.readString(out.resolve("report.html"));
        assertThat(report).contains("prompted").contains("tuned").contains("LLM fine-tuning jobs").contains("in-process");
        assertThat(result.out()).contains("prompted").contains("tuned");

        // Saved like a classification llm-finetune candidate: the adapters beside it, so hone generate takes the folder.
        Path saved = out.resolve("candidates/tuned");
        assertThat(saved.resolve("adapter/adapter_model.safetensors")).exists();
        assertThat(saved.resolve("finetune.json")).exists();
        assertThat(saved.resolve("generator.json")).exists();
        JsonNode firstAnswer = tuned.path("generation").path("per_example").get(0);
        CliRunner generated = CliRunner.run("generate", saved.toString(), firstAnswer.path("input").asText(), "--system", "A-D",
                "--max-tokens", "12");
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        assertThat(generated.out().strip()).isEqualTo(firstAnswer.path("answer").asText());
        ServeTarget served = ServeTarget.of(saved);
        assertThat(served.candidate()).as("a generator chats, it does not classify").isFalse();
        assertThat(served.chatModelFolder()).isEqualTo(saved.resolve("adapter"));

        // Run again into another folder: the job is found in the ledger, nothing is trained, the answers are the same.
        Path again = directory.resolve("again");
        CliRunner second = CliRunner.run("run", config.toString(), "--out", again.toString());
        assertThat(second.exitCode()).as(second.err()).isZero();
        JsonNode resumed = LocalFineTuneLearningTest.candidate(JSON.readTree(again.resolve("results.json").toFile()), "tuned");
        assertThat(resumed.path("finetune").path("resumed").asBoolean()).isTrue();
        assertThat(resumed.path("finetune").path("job_id").asText()).isEqualTo(job.path("job_id").asText());
        assertThat(resumed.path("generation").path("exact_match").asDouble()).isEqualTo(tunedExact);
    }
}
