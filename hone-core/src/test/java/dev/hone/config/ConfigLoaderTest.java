package dev.hone.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.engine.train.LoraTarget;
import dev.hone.engine.train.TuningMethod;
import dev.hone.error.BadInputException;
import dev.hone.strategy.contrastive.ContrastiveConfig;
import dev.hone.strategy.fewshot.FewShotConfig;
import dev.hone.strategy.finetune.FineTuneConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path directory;

    private Path write(String yaml) throws Exception {
        Path file = directory.resolve("hone.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void readsTheDesignExampleWithDefaultsAndOverrides() throws Exception {
        Path file = write("""
                task: {name: support-intents, kind: classification}
                dataset: {train: data/train.jsonl, test: data/test.jsonl, text_field: text, label_field: label}
                labels: {refund: "The customer wants money back", shipping: "Where is my order"}
                model: all-minilm-l6-v2
                strategies:
                  - {name: zero-shot, kind: zero-shot, template: "A support request about {label}: {description}"}
                  - {name: knn-8, kind: few-shot, k: 8, select: similar}
                  - {name: probe, kind: linear-probe}
                  - {name: lora-r8, kind: lora, rank: 8, alpha: 16, epochs: 5, learning_rate: 5.0e-4, targets: [query, value, intermediate]}
                  - {name: full, kind: full-finetune, epochs: 3, learning_rate: 3.0e-5}
                  - {name: setfit, kind: contrastive, tuning: full}
                evaluation: {repeats: 3, seed: 7}
                decision: {monthly_requests: 1000000, accuracy_floor: 0.85, latency_budget_ms: 50}
                """);
        HoneConfig config = ConfigLoader.load(file, List.of("strategies[3].epochs=2", "evaluation.repeats=1"));
        assertThat(Setups.classification(config).dataset().train()).isEqualTo(directory.resolve("data/train.jsonl"));
        assertThat(Setups.classification(config).labels()).containsKeys("refund", "shipping");
        assertThat(Setups.classification(config).strategies()).hasSize(6);
        FineTuneConfig lora = (FineTuneConfig) Setups.classification(config).strategies().get(3);
        assertThat(lora.options().epochs()).isEqualTo(2);
        assertThat(lora.options().loraTargets()).containsExactlyInAnyOrder(LoraTarget.QUERY, LoraTarget.VALUE, LoraTarget.INTERMEDIATE);
        assertThat(((FewShotConfig) Setups.classification(config).strategies().get(1)).method()).isEqualTo("knn");
        assertThat(((ContrastiveConfig) Setups.classification(config).strategies().get(5)).tuning().method()).isEqualTo(TuningMethod.FULL);
        assertThat(config.evaluation().repeats()).isEqualTo(1);
        assertThat(config.resolved().path("strategies").path(3).path("epochs").asInt()).isEqualTo(2);
        assertThat(config.resolved().path("strategies").path(2).path("head_learning_rate").isNumber()).isTrue();
    }

    @Test
    void withoutModelARunUsesBgeSmall() throws Exception {
        Path file = write("""
                task: {name: t}
                dataset: {train: a.jsonl, test_fraction: 0.2}
                strategies:
                  - {kind: zero-shot}
                """);
        Files.writeString(file.resolveSibling("a.jsonl"), "");
        assertThat(ConfigLoader.load(file, List.of()).model()).isEqualTo("bge-small-en-v1.5");
    }

    @Test
    void reportsEveryProblemWithItsPath() throws Exception {
        Path file = write("""
                task: {name: t}
                datset: {train: a.jsonl}
                strategies:
                  - {name: a, kind: lora, rank: 0, targets: [querry]}
                  - {name: b, kind: few-shot, select: nearest}
                evaluation: {repeats: 0, curve: [8, 4]}
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("datset: unknown key, did you mean 'dataset'?")
                .hasMessageContaining("dataset: is required")
                .hasMessageContaining("strategies[0].rank: must be within [1, 1024], got 0")
                .hasMessageContaining("'querry' is not one of")
                .hasMessageContaining("did you mean 'query'?")
                .hasMessageContaining("strategies[1].select: must be one of random, similar, got 'nearest'")
                .hasMessageContaining("evaluation.repeats: must be within [1, 100], got 0")
                .hasMessageContaining("evaluation.curve[1]: sizes must be ascending, got 4 after 8");
    }

    @Test
    void selectionDefaultsToAutoWithFiveFoldsTwiceAndIsSavedResolved() throws Exception {
        Path file = write("task: {name: t}\ndataset: {train: a.jsonl, test: b.jsonl}\nstrategies:\n  - {name: z, kind: zero-shot}\n");
        HoneConfig config = ConfigLoader.load(file, List.of());
        assertThat(config.evaluation().selection()).isEqualTo(SelectionMode.AUTO);
        assertThat(config.evaluation().folds()).isEqualTo(5);
        assertThat(config.evaluation().crossValidationRepeats()).isEqualTo(2);
        assertThat(config.resolved().path("evaluation").path("selection").asText()).isEqualTo("auto");
        assertThat(config.resolved().path("evaluation").path("folds").asInt()).isEqualTo(5);
        assertThat(config.resolved().path("evaluation").path("cv_repeats").asInt()).isEqualTo(2);
        HoneConfig forced = ConfigLoader.load(file, List.of("evaluation.selection=cross-validation", "evaluation.folds=3",
                "evaluation.cv_repeats=1"));
        assertThat(forced.evaluation().selection()).isEqualTo(SelectionMode.CROSS_VALIDATION);
        assertThat(forced.resolved().path("evaluation").path("folds").asInt()).isEqualTo(3);
        assertThat(forced.resolved().path("evaluation").path("cv_repeats").asInt()).isEqualTo(1);
    }

    @Test
    void selectionMistakesNameTheirKey() throws Exception {
        Path file = write("""
                task: {name: t}
                dataset: {train: a.jsonl, test: b.jsonl}
                strategies:
                  - {name: z, kind: zero-shot}
                evaluation: {selection: crossvalidation, folds: 1, cv_repeats: 0}
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("evaluation.selection: must be one of auto, validation, cross-validation, got 'crossvalidation'"
                        + ", did you mean 'cross-validation'?")
                .hasMessageContaining("evaluation.folds: must be within [2, 20], got 1")
                .hasMessageContaining("evaluation.cv_repeats: must be within [1, 20], got 0");
        Path noSplit = write("""
                task: {name: t}
                dataset: {train: a.jsonl, test: b.jsonl, validation_fraction: 0}
                strategies:
                  - {name: z, kind: zero-shot}
                evaluation: {selection: validation}
                """);
        assertThatThrownBy(() -> ConfigLoader.load(noSplit, List.of()))
                .hasMessageContaining("evaluation.selection: 'validation' needs a validation split, but dataset.validation_fraction is 0");
    }

    @Test
    void overridesNameTheirMistakes() throws Exception {
        Path file = write("task: {name: t}\ndataset: {train: a.jsonl, test: b.jsonl}\nstrategies:\n  - {name: z, kind: zero-shot}\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of("strategies[4].k=2")))
                .hasMessageContaining("strategies[4] does not exist (the list has 1 entries");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of("noequals")))
                .hasMessageContaining("expected PATH=VALUE");
    }
}
