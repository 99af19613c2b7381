package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.local.ChatModelFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real learning check through {@code hone run}: on a synthetic task this test writes (one of four
 * keyword symbols among filler words decides the label), the random fixture model prompted
 * zero-shot (likelihood) answers at about chance, and the same model LoRA-tuned in process by
 * {@code llm-finetune} on one {@code type: local} provider answers the held-out test texts almost
 * all right. The tuned model is the base folder plus PEFT adapters, saved with the candidate.
 */
class LocalFineTuneLearningTest {
    /** Keyword symbol → label; each is one token of the fixture's byte-level tokenizer. */
    static final String[][] RULES = {{"@", "A"}, {"#", "B"}, {"$", "C"}, {"%", "D"}};
    private static final String[] FILLER = {"the", "a", "cat", "sun", "red", "box", "ran", "old", "sea", "map", "cup", "hat", "big",
            "dog", "sky", "pen"};

    @TempDir
    Path directory;

    /** {@code count} texts of two to four filler words with one keyword at a random place, labels in turn. */
    static List<String> examples(int count, SplittableRandom random) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] rule = RULES[i % RULES.length];
            List<String> words = new ArrayList<>();
            int length = 2 + random.nextInt(3);
            for (int w = 0; w < length; w++) words.add(FILLER[random.nextInt(FILLER.length)]);
            words.add(random.nextInt(length + 1), rule[0]);
            lines.add("{\"text\": \"" + String.join(" ", words) + "\", \"label\": \"" + rule[1] + "\"}");
        }
        return lines;
    }

    @Test
    void theTunedModelBeatsTheSameModelPromptedByAWideMargin() throws Exception {
        Path model = ChatModelFolder.chatMl(directory.resolve("model"), 1024);
        SplittableRandom random = new SplittableRandom(2026);
        Files.write(directory.resolve("train.jsonl"), examples(84, random));
        Files.write(directory.resolve("test.jsonl"), examples(40, random));
        Path config = directory.resolve("hone.yaml");
        // Short prompts keep the run quick; both candidates read the same ones.
        Files.writeString(config, """
                task: {name: keyword-labels, kind: classification}
                dataset: {train: train.jsonl, test: test.jsonl, validation_fraction: 0.15}
                providers:
                  m: {type: local, model: model, cache_dir: llm-cache}
                strategies:
                  - {name: prompted, kind: llm-zero-shot, provider: m, system: "A-D", user: "{text}"}
                  - {name: tuned, kind: llm-finetune, provider: m, system: "A-D", user: "{text}", max_tokens: 3,
                     epochs: 50, batch_size: 8, learning_rate_multiplier: 15}
                evaluation: {repeats: 1, seed: 3, latency_samples: 5}
                decision: {latency_budget_ms: 100000}
                """);
        Path out = directory.resolve("run");

        CliRunner result = CliRunner.run("run", config.toString(), "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        double prompted = candidate(results, "prompted").path("accuracy").asDouble();
        JsonNode tuned = candidate(results, "tuned");
        assertThat(prompted).as("the untuned model, about chance").isLessThanOrEqualTo(0.5);
        assertThat(tuned.path("accuracy").asDouble()).as("the tuned model (untuned: %.2f)", prompted).isGreaterThanOrEqualTo(0.9);
        JsonNode job = tuned.path("finetune");
        assertThat(job.path("in_process").asBoolean()).isTrue();
        assertThat(tuned.path("train_seconds").asDouble()).isPositive();
        // r 8 on q, k, v, o of the fixture's 2 layers (hidden 32, 4 heads, 2 key/value heads of 8): 2 × 8 × (64 + 48 + 48 + 64).
        assertThat(tuned.path("trainable_parameters").asLong()).isEqualTo(2 * 8 * (64 + 48 + 48 + 64));
        Path adapters = Path.of(job.path("fine_tuned_model").asText());
        assertThat(adapters.resolve("adapter_config.json")).exists();
        assertThat(adapters.resolve("adapter_model.safetensors")).exists();
        assertThat(adapters.resolve("config.json")).as("adapters only, not a copy of the model").doesNotExist();
        assertThat(out.resolve("candidates/tuned/adapter/adapter_model.safetensors")).exists();
        // Forgetting, beside accuracy: the base's and the tuned model's perplexity on the same general text.
        JsonNode forgetting = job.path("forgetting");
        assertThat(forgetting.path("probe").asText()).isEqualTo("general-english");
        assertThat(forgetting.path("perplexity_before").asDouble()).isGreaterThan(1);
        assertThat(forgetting.path("perplexity_after").asDouble()).isGreaterThan(1).isNotEqualTo(forgetting.path("perplexity_before").asDouble());
        assertThat(forgetting.path("rise").asDouble()).isCloseTo(forgetting.path("perplexity_after").asDouble()
                / forgetting.path("perplexity_before").asDouble() - 1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Files.readString(out.resolve("report.html"))).contains("General-text perplexity").contains("ppl ");

        // hone generate and hone serve take the tuned candidate (or its adapter folder) as a model: base + adapters.
        String firstTest = new ObjectMapper().readTree(Files.readAllLines(directory.resolve("test.jsonl")).getFirst()).path("text").asText();
        for (Path tunedModel : List.of(out.resolve("candidates/tuned"), adapters)) {
            CliRunner generated = CliRunner.run("generate", tunedModel.toString(), firstTest, "--system", "A-D", "--max-tokens", "3");
            assertThat(generated.exitCode()).as(generated.err()).isZero();
            assertThat(generated.out().strip()).as(tunedModel.toString()).isEqualTo(tuned.path("test_predictions").get(0).asText());
        }
        ServeTarget served = ServeTarget.of(adapters);
        assertThat(served.candidate()).isFalse();
        assertThat(served.load().name()).isEqualTo(adapters.getFileName().toString());
        assertThat(ServeTarget.of(out.resolve("candidates/tuned")).chatModelFolder()).isEqualTo(adapters);
    }

    static JsonNode candidate(JsonNode results, String name) {
        for (JsonNode c : results.path("candidates")) if (c.path("name").asText().equals(name)) return c;
        throw new AssertionError("no candidate " + name + " in " + results);
    }
}
