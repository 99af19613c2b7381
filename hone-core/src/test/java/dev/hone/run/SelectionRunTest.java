package dev.hone.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.results.ClassificationResults;
import dev.hone.results.ClassifierResult;
import dev.hone.strategy.WordHashEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole classification runs on the word-hash encoder: how the choice is made, and what is saved and reported after it. */
class SelectionRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private final List<String> messages = new ArrayList<>();

    private ClassificationResults run(Path config, String out) {
        RunListener listener = new RunListener() {
            @Override
            public void message(String text) {
                messages.add(text);
            }

            @Override
            public dev.hone.engine.train.TrainingListener training(String candidate, int repeat) {
                return dev.hone.engine.train.TrainingListener.NONE;
            }
        };
        WordHashEncoder encoder = new WordHashEncoder();
        return (ClassificationResults) new Runner(name -> encoder, listener)
                .run(GeneratedIntents.load(config), directory.resolve(out), false).results();
    }

    private int savedReferences(String out, String candidate) throws Exception {
        return JSON.readTree(directory.resolve(out).resolve("candidates").resolve(candidate).resolve("references.json").toFile())
                .path("texts").size();
    }

    @Test
    void aSmallSetIsCrossValidatedAndEveryCandidateTrainsOnAllOfIt() throws Exception {
        // 60 per label: a 0.2 validation split would hold 36 texts, far below 200.
        ClassificationResults results = run(GeneratedIntents.write(directory, 60, "selection: auto"), "run");

        ClassificationResults.Selection selection = results.selection();
        assertThat(selection.method()).isEqualTo("cross-validation");
        assertThat(selection.folds()).isEqualTo(5);
        assertThat(selection.repeats()).isEqualTo(2);
        assertThat(selection.examples()).isEqualTo(180);
        assertThat(selection.refit()).isNull();
        assertThat(results.dataset().validation()).isZero();
        // Two repeats: every training example predicted twice, the truth repeated in the same order.
        List<String> truth = results.examples().validationLabels();
        assertThat(truth).hasSize(360);
        assertThat(truth.subList(180, 360)).isEqualTo(truth.subList(0, 180));
        for (ClassifierResult c : results.candidates()) {
            assertThat(c.validationPredictions()).as(c.name()).hasSize(360);
            assertThat(c.refitOnAllTrainingData()).isFalse();
        }
        assertThat(savedReferences("run", "knn")).isEqualTo(180);
        assertThat(results.decision().recommended()).isEqualTo("knn");
        assertThat(results.decision().protocol()).contains("stratified 5-fold cross-validation, repeated 2 times",
                "over all 180 labelled training examples", "not independent");
        assertThat(Leaderboard.format(results)).contains("selection: chosen by 5-fold cross-validation × 2 over all 180 training examples");
        assertThat(messages).contains("selection: 5-fold cross-validation × 2 (a validation split would hold 36 examples, fewer than 200)");
    }

    @Test
    void aChoiceOnTheValidationSplitIsRefitOnTrainAndValidation() throws Exception {
        ClassificationResults results = run(GeneratedIntents.write(directory, 60, "selection: validation"), "run");

        assertThat(results.selection().method()).isEqualTo("validation split");
        assertThat(results.selection().examples()).isEqualTo(36);
        assertThat(results.decision().recommended()).isEqualTo("knn");
        assertThat(results.selection().refit()).isEqualTo("knn");
        ClassifierResult knn = results.candidate("knn");
        assertThat(knn.refitOnAllTrainingData()).isTrue();
        assertThat(results.candidate("zero-shot").refitOnAllTrainingData()).isFalse();
        // The saved artifact is the rebuild: k-NN keeps every example it was built on, now all 180.
        assertThat(savedReferences("run", "knn")).isEqualTo(180);
        JsonNode card = JSON.readTree(directory.resolve("run/candidates/knn/candidate.json").toFile());
        assertThat(card.path("refit_on_all_training_data").asBoolean()).isTrue();
        assertThat(card.path("metrics").path("accuracy").asDouble()).isEqualTo(knn.accuracy());
        assertThat(directory.resolve("run/candidates/knn/config.yaml")).exists();
        assertThat(directory.resolve("run/candidates/.knn.refit")).doesNotExist();
        // The headline test figures are the refit's; the repeats stay those of the candidate built on train.
        assertThat(knn.testPredictions()).hasSize(60);
        assertThat(knn.repeats().get(0).testPredictions()).hasSize(60);
        assertThat(results.statistics().get("knn").accuracyWilson95()).isNotNull();
        // results.json on disk is the refit one, and says so.
        JsonNode saved = JSON.readTree(directory.resolve("run/results.json").toFile());
        assertThat(saved.path("selection").path("refit").asText()).isEqualTo("knn");
        assertThat(saved.path("candidates").get(1).path("refit_on_all_training_data").asBoolean()).isTrue();
        assertThat(results.decision().protocol()).contains("validation split of 36 examples (accuracy floor", "knn was then rebuilt on train + validation");
        assertThat(Leaderboard.format(results)).contains("* knn †", "selection: chosen on a validation split of 36 examples; "
                + "† knn was then refit on train + validation (180 examples): its test figures are the refit's");
        assertThat(messages).anyMatch(m -> m.startsWith("  refit on 180 examples: test accuracy"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "validation"})
    void theTestLabelsPlayNoPartInTheChoice(String selection) throws Exception {
        Path config = GeneratedIntents.write(directory, 60, "selection: " + selection);
        ClassificationResults honest = run(config, "honest");
        GeneratedIntents.rotateTestLabels(directory);
        ClassificationResults rotated = run(config, "rotated");

        assertThat(rotated.candidate("knn").accuracy()).isLessThan(honest.candidate("knn").accuracy() - 0.4);
        assertThat(rotated.decision().recommended()).isEqualTo(honest.decision().recommended());
        assertThat(rotated.decision().runnerUp()).isEqualTo(honest.decision().runnerUp());
        assertThat(rotated.decision().status()).isEqualTo(honest.decision().status());
        assertThat(rotated.selection()).isEqualTo(honest.selection());
        for (ClassifierResult c : honest.candidates()) {
            ClassifierResult other = rotated.candidate(c.name());
            assertThat(other.validationPredictions()).as(c.name()).isEqualTo(c.validationPredictions());
            assertThat(other.validationAccuracy()).as(c.name()).isEqualTo(c.validationAccuracy());
            // Same predictions on test too: only the truth they are scored against moved.
            assertThat(other.testPredictions()).as(c.name()).isEqualTo(c.testPredictions());
        }
        assertThat(JSON.readTree(directory.resolve("rotated/results.json").toFile()).path("decision").path("recommended").asText())
                .isEqualTo(honest.decision().recommended());
    }
}
