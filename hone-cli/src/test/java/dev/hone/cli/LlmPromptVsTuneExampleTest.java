package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.local.ChatModelFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped demo {@code examples/llm-prompt-vs-tune} runs as written through {@code hone run},
 * with only its model folder, the cache (kept out of the user's home) and the reasoning's length set
 * on the command line (the random model never ends an answer, so every reasoning would run 256 tokens):
 * the random fixture model is prompted three ways and LoRA-tuned in process, and results and report
 * show the four side by side with accuracy, cost, latency, forgetting and break-even volume. The
 * model is random, so this checks the pipeline and its figures, not which route wins.
 */
class LlmPromptVsTuneExampleTest {
    @TempDir
    Path directory;

    @Test
    void theDemoComparesPromptedAndTunedCandidatesOfOneLocalModel() throws Exception {
        Path model = ChatModelFolder.chatMl(directory.resolve("model"), 4096);
        Path out = directory.resolve("run");

        CliRunner result = CliRunner.run("run", Path.of("..", "examples", "llm-prompt-vs-tune", "hone.yaml").toString(),
                "--set", "providers.m.model=" + model, "--set", "providers.m.cache_dir=" + directory.resolve("cache"),
                "--set", "strategies[2].max_tokens=24",
                "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.path("candidates")).extracting(c -> c.path("name").asText())
                .containsExactlyInAnyOrder("zero-shot", "few-shot-8", "cot", "lora");
        for (JsonNode candidate : results.path("candidates")) {
            String name = candidate.path("name").asText();
            assertThat(candidate.path("test_predictions")).as(name).hasSize(28);
            assertThat(candidate.path("latency_ms_p50").asDouble()).as(name).isPositive();
            assertThat(candidate.path("llm").path("model").asText()).as(name).isNotEmpty();
        }
        JsonNode lora = LocalFineTuneLearningTest.candidate(results, "lora");
        JsonNode job = lora.path("finetune");
        assertThat(job.path("in_process").asBoolean()).isTrue();
        assertThat(job.path("examples").asInt()).as("the training split, a quarter held out to choose on").isEqualTo(40);
        assertThat(job.path("forgetting").path("perplexity_before").asDouble()).isGreaterThan(1);
        assertThat(lora.path("train_seconds").asDouble()).isPositive();
        assertThat(results.path("decision").path("break_even_requests").has("lora")).as(results.path("decision").toString()).isTrue();
        String report = Files.readString(out.resolve("report.html"));
        assertThat(report).contains("zero-shot", "few-shot-8", "cot", "lora", "General-text perplexity", "ppl ", "Break-even");
    }
}
