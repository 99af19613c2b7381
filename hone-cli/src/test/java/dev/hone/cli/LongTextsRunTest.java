package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * News-length texts (up to ~20,000 characters, far past the model's 512 tokens) beside short ones,
 * through the default model and the six encoder strategy kinds, in the CLI's default 1.5 GB heap,
 * in a JVM of its own. The few-shot sets are all short; texts like these once ran out of memory.
 */
class LongTextsRunTest {
    static final String[][] TOPICS = {
        {"grain", "Wheat and corn exports rose as the harvest came in early this season.",
            "Farmers reported record soybean yields across the midwest states.",
            "The agriculture ministry cut its estimate for the maize crop after the drought.",
            "Grain elevators were full and barley prices fell for the third week."},
        {"shipping", "The container ship was delayed at the port by a strike of dock workers.",
            "Freight rates for tankers climbed as fleets were rerouted around the canal.",
            "The shipping line ordered six new vessels from a Korean yard.",
            "Port authorities reported congestion and long queues of cargo ships."}};

    @TempDir
    Path directory;

    @Test
    void sixStrategiesOnTheDefaultModelFinishInTheDefaultHeap() throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        int[] sentencesPerText = {1, 2, 250, 3, 60, 1, 400};  // 60 and more run past 512 tokens
        for (String[] topic : TOPICS) {
            for (int i = 0; i < sentencesPerText.length; i++) {
                StringBuilder text = new StringBuilder();
                for (int s = 0; s < sentencesPerText[i]; s++) text.append(topic[1 + (s + i) % (topic.length - 1)]).append(' ');
                String line = json.createObjectNode().put("text", text.toString().trim()).put("label", topic[0]).toString();
                (i < 4 ? train : test).add(line);
            }
        }
        Files.write(directory.resolve("train.jsonl"), train);
        Files.write(directory.resolve("test.jsonl"), test);
        Path config = directory.resolve("hone.yaml");
        // Eight examples choose by cross-validation; two folds once (not the default 4 × 2) keep the long texts going
        // through fold builds and held-out predictions while the test stays inside its limit on a loaded machine.
        Files.writeString(config, """
                task: {name: long-news, kind: classification}
                dataset: {train: train.jsonl, test: test.jsonl}
                strategies:
                  - {name: zero-shot, kind: zero-shot}
                  - {name: few-shot, kind: few-shot}
                  - {name: probe, kind: linear-probe}
                  - {name: lora, kind: lora, epochs: 1}
                  - {name: full, kind: full-finetune, epochs: 1}
                  - {name: contrastive, kind: contrastive, epochs: 1, pairs_per_example: 2}
                evaluation: {repeats: 1, latency_samples: 5, selection: cross-validation, folds: 2, cv_repeats: 1}
                """);
        Path out = directory.resolve("run");
        CliRunner result = CliRunner.inOwnJvm("1500m", Duration.ofMinutes(10), "run", config.toString(), "--out", out.toString());

        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(0);
        assertThat(train.stream().mapToInt(String::length).max().orElse(0)).isGreaterThan(13_000);
        JsonNode results = json.readTree(out.resolve("results.json").toFile());
        assertThat(results.path("model").asText()).isEqualTo("bge-small-en-v1.5");
        assertThat(results.path("candidates")).hasSize(6);
        for (JsonNode candidate : results.path("candidates")) {
            assertThat(candidate.path("test_predictions")).as(candidate.path("name").asText()).hasSize(test.size());
        }
    }
}
