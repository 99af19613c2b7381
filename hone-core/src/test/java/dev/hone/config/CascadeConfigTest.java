package dev.hone.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.error.BadInputException;
import dev.hone.strategy.cascade.CascadeConfig;
import dev.hone.strategy.finetune.FineTuneKind;
import dev.hone.strategy.llm.LlmConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CascadeConfigTest {
    @TempDir
    Path directory;

    private Path write(String strategies) throws Exception {
        Path file = directory.resolve("hone.yaml");
        Files.writeString(file, """
                task: {name: t}
                dataset: {train: train.jsonl, test: test.jsonl}
                providers:
                  teacher: {model: gpt-4o-mini, api_key_env: OPENAI_API_KEY}
                strategies:
                """ + strategies);
        return file;
    }

    @Test
    void namesItsPartsAndKeepsItsPlaceInTheList() throws Exception {
        HoneConfig config = ConfigLoader.load(write("""
                  - {name: probe, kind: linear-probe}
                  - {name: both, kind: cascade, local: probe, remote: gpt}
                  - {name: gpt, kind: llm-zero-shot, provider: teacher}
                """), List.of());
        assertThat(Setups.classification(config).strategies()).extracting(StrategyConfig::name).containsExactly("probe", "both", "gpt");
        CascadeConfig cascade = (CascadeConfig) Setups.classification(config).strategies().get(1);
        assertThat(cascade.local().kind()).isEqualTo(FineTuneKind.LINEAR_PROBE);
        assertThat(cascade.remote()).isInstanceOf(LlmConfig.class);
        assertThat(cascade.threshold()).isNaN();
        assertThat(cascade.stochastic()).isFalse();
        assertThat(config.resolved().path("strategies").get(1).path("threshold").asText()).isEqualTo("chosen on validation");
        assertThat(((CascadeConfig) Setups.classification(config.withLlmCacheIn(directory.resolve("fresh"))).strategies().get(1)).remote())
                .satisfies(r -> assertThat(((LlmConfig) r).provider().cacheDirectory()).isEqualTo(directory.resolve("fresh")));
    }

    @Test
    void rejectsWrongPartsWithTheirPaths() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(write("""
                  - {name: probe, kind: linear-probe}
                  - {name: gpt, kind: llm-zero-shot, provider: teacher}
                  - {name: a, kind: cascade, local: gpt, remote: probe, threshold: 2}
                  - {name: b, kind: cascade, local: prob, remote: gpt, treshold: 0.5}
                """), List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("strategies[2].local: 'gpt' is llm-zero-shot; local must be an in-process strategy")
                .hasMessageContaining("strategies[2].remote: 'probe' is linear-probe; remote must be an llm-* strategy (llm-finetune included)")
                .hasMessageContaining("strategies[2].threshold: must be within [0, 1], got 2")
                .hasMessageContaining("strategies[3].local: 'prob' is not the name of a strategy in this config, did you mean 'probe'?")
                .hasMessageContaining("strategies[3].treshold: unknown key, did you mean 'threshold'?");
    }
}
