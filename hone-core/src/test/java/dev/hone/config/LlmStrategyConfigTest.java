package dev.hone.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.error.BadInputException;
import dev.hone.strategy.llm.LlmConfig;
import dev.hone.strategy.llm.LlmMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmStrategyConfigTest {
    @TempDir
    Path directory;

    private Path write(String strategies) throws Exception {
        Path file = directory.resolve("hone.yaml");
        Files.writeString(file, """
                task: {name: t}
                dataset: {train: train.jsonl, test: test.jsonl}
                providers:
                  teacher: {base_url: "http://localhost:11434/v1", model: "llama3.2:3b"}
                  scorer: {type: scripted-scorer, model: m}
                strategies:
                """ + strategies);
        return file;
    }

    @Test
    void readsEachKindWithItsDefaults() throws Exception {
        HoneConfig config = ConfigLoader.load(write("""
                  - {name: zs, kind: llm-zero-shot, provider: teacher}
                  - {name: fs, kind: llm-few-shot, provider: teacher, select: similar}
                  - {name: cot, kind: llm-cot, provider: teacher, user: "Message: {text}"}
                  - {name: sc, kind: llm-self-consistency, provider: teacher, samples: 7}
                """), List.of());
        LlmConfig zs = (LlmConfig) Setups.classification(config).strategies().get(0);
        LlmConfig fs = (LlmConfig) Setups.classification(config).strategies().get(1);
        LlmConfig cot = (LlmConfig) Setups.classification(config).strategies().get(2);
        LlmConfig sc = (LlmConfig) Setups.classification(config).strategies().get(3);
        assertThat(zs.provider().model()).isEqualTo("llama3.2:3b");
        assertThat(zs.systemTemplate()).isEqualTo(LlmConfig.DEFAULT_SYSTEM);
        assertThat(zs.temperature()).isZero();
        assertThat(zs.stochastic()).isFalse();
        assertThat(fs.k()).isEqualTo(LlmConfig.DEFAULT_K);
        assertThat(fs.select()).isEqualTo("similar");
        assertThat(cot.reasons()).isTrue();
        assertThat(cot.userTemplate()).isEqualTo("Message: {text}");
        assertThat(cot.maxTokens()).isEqualTo(400);
        assertThat(sc.samples()).isEqualTo(7);
        assertThat(sc.temperature()).isEqualTo(LlmConfig.DEFAULT_SAMPLING_TEMPERATURE);
        assertThat(sc.stochastic()).isTrue();
        assertThat(config.resolved().path("strategies").get(3).path("samples").asInt()).isEqualTo(7);
        assertThat(config.resolved().path("strategies").get(1).path("provider").asText()).isEqualTo("teacher");

        HoneConfig fresh = config.withLlmCacheIn(directory.resolve("run/llm-cache"));
        assertThat(config.providers().get("teacher").cacheDirectory()).isEqualTo(dev.hone.provider.ProviderConfig.defaultCacheDirectory());
        assertThat(fresh.providers().get("teacher").cacheDirectory()).isEqualTo(directory.resolve("run/llm-cache"));
        assertThat(((LlmConfig) Setups.classification(fresh).strategies().get(2)).provider().cacheDirectory()).isEqualTo(directory.resolve("run/llm-cache"));
    }

    @Test
    void reportsBadProviderReferencesAndSettingsTogether() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(write("""
                  - {name: a, kind: llm-zero-shot, provider: teachr}
                  - {name: b, kind: llm-zero-shot}
                  - {name: c, kind: llm-few-shot, provider: teacher, k: 0, samples: 3}
                  - {name: d, kind: llm-self-consistency, provider: teacher, temperature: 0}
                  - {name: e, kind: llm-cot, provider: teacher, user: "no placeholder"}
                  - {name: f, kind: llm-zero-shoot, provider: teacher}
                """), List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("strategies[0].provider: 'teachr' is not under providers:, did you mean 'teacher'?")
                .hasMessageContaining("strategies[1].provider: is required")
                .hasMessageContaining("strategies[2].k: must be within [1, 200], got 0")
                .hasMessageContaining("strategies[2].samples: unknown key")
                .hasMessageContaining("strategies[3].temperature: must be > 0 for llm-self-consistency")
                .hasMessageContaining("strategies[4].user: must contain {text}")
                .hasMessageContaining("strategies[5].kind: must be one of").hasMessageContaining("did you mean 'llm-zero-shot'?");
    }

    @Test
    void theMethodIsLikelihoodWhereTheProviderScoresAndGenerateElsewhere() throws Exception {
        HoneConfig config = ConfigLoader.load(write("""
                  - {name: zs, kind: llm-zero-shot, provider: teacher}
                  - {name: zs-local, kind: llm-zero-shot, provider: scorer}
                  - {name: fs-local, kind: llm-few-shot, provider: scorer, method: generate}
                  - {name: cot-local, kind: llm-cot, provider: scorer}
                """), List.of());
        List<LlmMethod> methods = Setups.classification(config).strategies().stream().map(s -> ((LlmConfig) s).method()).toList();

        assertThat(methods).containsExactly(LlmMethod.GENERATE, LlmMethod.LIKELIHOOD, LlmMethod.GENERATE, LlmMethod.GENERATE);
        assertThat(config.resolved().path("strategies").get(1).path("method").asText()).isEqualTo("likelihood");
        assertThat(config.resolved().path("strategies").get(3).has("method")).isFalse();
    }

    @Test
    void likelihoodOnAProviderThatOnlyGeneratesIsAProblemNamingTheFixes() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(write("""
                  - {name: a, kind: llm-few-shot, provider: teacher, method: likelihood}
                  - {name: b, kind: llm-cot, provider: scorer, method: likelihood}
                  - {name: c, kind: llm-zero-shot, provider: scorer, method: logits}
                """), List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("strategies[0].method: likelihood needs a provider that scores label likelihoods, and provider"
                        + " 'teacher' (type: openai) only generates: use method: generate, or a provider of type: local")
                .hasMessageContaining("strategies[1].method: unknown key")
                .hasMessageContaining("strategies[2].method: must be one of");
    }
}
