package dev.hone.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.engine.train.TuningMethod;
import dev.hone.error.BadInputException;
import dev.hone.run.RunListener;
import dev.hone.run.Runner;
import dev.hone.strategy.distill.DistillConfig;
import dev.hone.strategy.llmfinetune.LlmFineTuneConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmFineTuneAndDistillConfigTest {
    @TempDir
    Path directory;

    private Path write(String strategies) throws Exception {
        Path file = directory.resolve("hone.yaml");
        Files.writeString(file, """
                task: {name: t}
                dataset: {train: train.jsonl, test: test.jsonl}
                providers:
                  openai: {model: gpt-4o-mini-2024-07-18, api_key_env: OPENAI_API_KEY, usd_per_million_training_tokens: 3, cache_dir: cache}
                strategies:
                """ + strategies);
        return file;
    }

    @Test
    void readsBothKindsWithDefaultsAndKeepsTheJobLedgerUnderNoCache() throws Exception {
        HoneConfig config = ConfigLoader.load(write("""
                  - {name: student, kind: distill, teacher: gpt-ft}
                  - {name: gpt-ft, kind: llm-finetune, provider: openai, epochs: 4, suffix: tickets}
                  - {name: full-student, kind: distill, teacher: gpt-ft, student: full, epochs: 2}
                """), List.of());
        assertThat(Setups.classification(config).strategies()).extracting(StrategyConfig::name).containsExactly("student", "gpt-ft", "full-student");
        LlmFineTuneConfig ft = (LlmFineTuneConfig) Setups.classification(config).strategies().get(1);
        assertThat(ft.epochs()).isEqualTo(4);
        assertThat(ft.pollSeconds()).isEqualTo(LlmFineTuneConfig.DEFAULT_POLL_SECONDS);
        assertThat(ft.provider().usdPerMillionTraining()).isEqualTo(3);
        assertThat(ft.jobDirectory()).isEqualTo(directory.resolve("cache/finetune-jobs"));
        assertThat(ft.answering("ft:gpt-4o-mini:org::x").provider().model()).isEqualTo("ft:gpt-4o-mini:org::x");
        DistillConfig lora = (DistillConfig) Setups.classification(config).strategies().get(0);
        assertThat(lora.student().method()).isEqualTo(TuningMethod.LORA);
        assertThat(lora.student().epochs()).isEqualTo(5);
        assertThat(lora.unlabeled()).isNull();
        assertThat(((DistillConfig) Setups.classification(config).strategies().get(2)).student().method()).isEqualTo(TuningMethod.FULL);
        assertThat(lora.startsPaidJobs()).isTrue();
        assertThat(config.resolved().path("strategies").get(0).path("teacher").asText()).isEqualTo("gpt-ft");
        assertThat(config.resolved().path("providers").path("openai").path("usd_per_million_training_tokens").asDouble()).isEqualTo(3);

        // --no-cache moves the answers to a fresh folder; the ledger of paid jobs stays where it was.
        HoneConfig fresh = config.withLlmCacheIn(directory.resolve("run/llm-cache"));
        LlmFineTuneConfig moved = (LlmFineTuneConfig) Setups.classification(fresh).strategies().get(1);
        assertThat(moved.provider().cacheDirectory()).isEqualTo(directory.resolve("run/llm-cache"));
        assertThat(moved.jobDirectory()).isEqualTo(directory.resolve("cache/finetune-jobs"));
        assertThat(((LlmFineTuneConfig) ((DistillConfig) Setups.classification(fresh).strategies().get(0)).teacher()).provider().cacheDirectory())
                .isEqualTo(directory.resolve("run/llm-cache"));
    }

    /** remote-finetune, the kind's name before in-process tuning, reads as llm-finetune and is saved under the new name. */
    @Test
    void theFormerNameReadsAsLlmFineTune() throws Exception {
        HoneConfig config = ConfigLoader.load(write("""
                  - {name: gpt-ft, kind: remote-finetune, provider: openai, epochs: 2}
                  - {name: student, kind: distill, teacher: gpt-ft}
                """), List.of());
        LlmFineTuneConfig ft = (LlmFineTuneConfig) Setups.classification(config).strategies().get(0);
        assertThat(ft.kind().id()).isEqualTo("llm-finetune");
        assertThat(ft.epochs()).isEqualTo(2);
        assertThat(config.resolved().path("strategies").get(0).path("kind").asText()).isEqualTo("llm-finetune");
    }

    @Test
    void reportsEveryProblemWithItsPath() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(write("""
                  - {name: probe, kind: linear-probe}
                  - {name: gpt, kind: llm-zero-shot, provider: openai}
                  - {name: ft, kind: llm-finetune, provider: opneai, epoch: 3, suffix: "has space"}
                  - {name: ft2, kind: remote-finetune}
                  - {name: a, kind: distill, teacher: gtp}
                  - {name: b, kind: distill, teacher: probe, student: full, rank: 4}
                  - {name: c, kind: distill, teacher: gpt, student: qlora, unlabeled: missing.txt}
                """), List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("strategies[2].provider: 'opneai' is not under providers:, did you mean 'openai'?")
                .hasMessageContaining("strategies[2].epoch: unknown key, did you mean 'epochs'?")
                .hasMessageContaining("strategies[2].suffix: may use up to 40 letters")
                .hasMessageContaining("strategies[3].provider: is required")
                .hasMessageContaining("strategies[4].teacher: 'gtp' is not the name of a strategy in this config, did you mean 'gpt'?")
                .hasMessageContaining("strategies[5].teacher: 'probe' is linear-probe; the teacher must be an LLM strategy")
                .hasMessageContaining("strategies[5].rank: unknown key")
                .hasMessageContaining("strategies[6].student: must be one of lora, full, got 'qlora'")
                .hasMessageContaining("strategies[6].unlabeled: file not found: " + directory.resolve("missing.txt"));
    }

    @Test
    void aBadUnlabeledFileStopsTheRunWithFileAndLineBeforeTheModelLoads() throws Exception {
        List<String> rows = new ArrayList<>();
        for (String label : List.of("a", "b")) for (int i = 0; i < 12; i++) rows.add("{\"text\": \"" + label + " text " + i + "\", \"label\": \"" + label + "\"}");
        Files.write(directory.resolve("train.jsonl"), rows);
        Files.write(directory.resolve("test.jsonl"), rows.subList(0, 4));
        Path unlabeled = directory.resolve("unlabeled.jsonl");
        Files.write(unlabeled, List.of("{\"text\": \"fine\"}", "{\"body\": \"wrong field\"}", "not json"));
        HoneConfig config = ConfigLoader.load(write("""
                  - {name: gpt, kind: llm-zero-shot, provider: openai}
                  - {name: d, kind: distill, teacher: gpt, unlabeled: unlabeled.jsonl}
                """), List.of());
        assertThatThrownBy(() -> new Runner(name -> {
            throw new AssertionError("the model must not load before the unlabeled file is checked");
        }, RunListener.SILENT).run(config, directory.resolve("out"), false))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(unlabeled + ":2: expected an object with a text field \"text\"")
                .hasMessageContaining(unlabeled + ":3: not valid JSON");
    }
}
