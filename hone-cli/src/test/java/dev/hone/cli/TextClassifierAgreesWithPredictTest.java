package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.json.Json;
import dev.hone.langchain4j.HoneTextClassifier;
import dev.langchain4j.classification.ClassificationResult;
import dev.langchain4j.classification.ScoredLabel;
import dev.langchain4j.classification.TextClassifier;
import dev.langchain4j.data.segment.TextSegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LangChain4j's {@link TextClassifier} over a linear probe Hone trained and saved (real
 * all-MiniLM-L6-v2 weights): the same labels and scores {@code hone predict --input} writes for the
 * same texts, whether classified one at a time or together, loaded from the candidate folder or from
 * the run folder (its recommended candidate).
 */
class TextClassifierAgreesWithPredictTest {
    static final List<String> TEXTS = List.of("where is my parcel", "please give me my money back",
            "I forgot my password again", "the courier has not come", "refund the broken lamp", "my login fails");

    @TempDir
    Path directory;

    @Test
    void scoresEveryTextAsHonePredictDoes() throws Exception {
        SupportTickets.writeSplits(directory, 8, 11);
        Files.writeString(directory.resolve("hone.yaml"), """
                task: {name: tickets, kind: classification}
                model: all-minilm-l6-v2
                dataset: {train: train.jsonl, test: test.jsonl, text_field: text, label_field: label}
                strategies:
                  - {name: probe, kind: linear-probe}
                evaluation: {repeats: 1, latency_samples: 5}
                """);
        Path run = directory.resolve("run");
        CliRunner trained = CliRunner.run("run", directory.resolve("hone.yaml").toString(), "--out", run.toString());
        assertThat(trained.exitCode()).as(trained.err()).isZero();

        List<String> rows = new ArrayList<>();
        for (String text : TEXTS) rows.add(Json.MAPPER.createObjectNode().put("text", text).toString());
        Path input = Files.write(directory.resolve("texts.jsonl"), rows);
        CliRunner predicted = CliRunner.run("predict", run.resolve("candidates/probe").toString(), "--input", input.toString());
        assertThat(predicted.exitCode()).as(predicted.err()).isZero();
        List<String> lines = predicted.out().lines().toList();
        assertThat(lines).hasSize(TEXTS.size());

        HoneTextClassifier everyLabel = HoneTextClassifier.fromCandidate(run.resolve("candidates/probe"), 10, 0);
        TextClassifier<String> bestOnly = HoneTextClassifier.fromCandidate(run);
        assertThat(everyLabel.labels()).containsExactlyInAnyOrder("refund", "shipping", "login");
        List<ClassificationResult<String>> together = everyLabel.classifyAllWithScores(TEXTS);
        double largestDifference = 0;
        for (int t = 0; t < TEXTS.size(); t++) {
            JsonNode line = Json.MAPPER.readTree(lines.get(t));
            String label = line.path("label").asText();
            List<ScoredLabel<String>> scored = everyLabel.classifyWithScores(TEXTS.get(t)).scoredLabels();
            assertThat(scored).hasSize(3);
            assertThat(scored.get(0).label()).as(TEXTS.get(t)).isEqualTo(label);
            assertThat(scored.get(0).score()).isCloseTo(line.path("score").asDouble(), within(1e-6));
            for (ScoredLabel<String> each : scored) {
                assertThat(each.score()).as("%s: %s", TEXTS.get(t), each.label())
                        .isCloseTo(line.path("scores").path(each.label()).asDouble(), within(1e-6));
                largestDifference = Math.max(largestDifference, Math.abs(each.score() - line.path("scores").path(each.label()).asDouble()));
            }
            assertThat(scored).isSortedAccordingTo((x, y) -> Double.compare(y.score(), x.score()));
            assertThat(together.get(t).scoredLabels().get(0).label()).isEqualTo(label);
            assertThat(bestOnly.classify(TEXTS.get(t))).containsExactly(label);
            assertThat(bestOnly.classify(TextSegment.from(TEXTS.get(t)))).containsExactly(label);
        }
        System.out.printf("HoneTextClassifier vs hone predict: %d texts, same labels, largest score difference %.1e%n",
                TEXTS.size(), largestDifference);
        assertThat(bestOnly.classify("where is my parcel")).containsExactly("shipping");
        assertThat(HoneTextClassifier.fromCandidate(run, 3, 0.999).classify("the weather is nice today")).isEmpty();
    }
}
