package dev.hone.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.error.BadInputException;
import dev.hone.optimize.OptimizeConfig;
import dev.hone.optimize.OptimizeMethod;
import dev.hone.strategy.fewshot.FewShotConfig;
import dev.hone.strategy.zeroshot.ZeroShotConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code optimize:} block, as every prompt route reads it: defaults, settings, and the mistakes it names. */
class OptimizeConfigTest {
    @TempDir
    Path directory;

    private HoneConfig load(String strategies) throws Exception {
        Path file = directory.resolve("hone.yaml");
        Files.writeString(file, """
                task: {name: t}
                dataset: {train: train.jsonl, test: test.jsonl}
                evaluation: {seed: 11}
                strategies:
                """ + strategies);
        return ConfigLoader.load(file, List.of());
    }

    @Test
    void trueTakesTheDefaultsAndTheRunsSeed() throws Exception {
        HoneConfig config = load("""
                  - {name: zs, kind: zero-shot, optimize: true}
                  - {name: plain, kind: zero-shot, optimize: false}
                  - {name: fs, kind: few-shot, optimize: true}
                """);
        var strategies = Setups.classification(config).strategies();
        OptimizeConfig zeroShot = ((ZeroShotConfig) strategies.get(0)).optimize();
        assertThat(zeroShot).isEqualTo(OptimizeConfig.forEncoder(OptimizeMethod.INSTRUCTION_SEARCH, OptimizeConfig.DEFAULT_MAX_TRIALS, 11));
        assertThat(((ZeroShotConfig) strategies.get(1)).optimize()).isNull();
        assertThat(((FewShotConfig) strategies.get(2)).optimize().method()).isEqualTo(OptimizeMethod.BOOTSTRAP_FEW_SHOT);
        // The resolved config (saved with results and candidates) spells the block out, and leaves it out when off.
        assertThat(config.resolved().path("strategies").path(0).path("optimize").path("method").asText()).isEqualTo("instruction-search");
        assertThat(config.resolved().path("strategies").path(0).path("optimize").path("max_trials").asInt()).isEqualTo(32);
        assertThat(config.resolved().path("strategies").path(1).has("optimize")).isFalse();
    }

    @Test
    void aMappingSetsTheBudgetAndSeed() throws Exception {
        HoneConfig config = load("""
                  - {name: zs, kind: zero-shot, optimize: {method: instruction-search, max_trials: 5, seed: 3}}
                """);
        assertThat(((ZeroShotConfig) Setups.classification(config).strategies().get(0)).optimize())
                .isEqualTo(OptimizeConfig.forEncoder(OptimizeMethod.INSTRUCTION_SEARCH, 5, 3));
    }

    @Test
    void anLlmRouteAddsARequestAndDollarBudgetAndAProposer() throws Exception {
        String providers = """
                providers:
                  api: {type: openai, base_url: "http://127.0.0.1:9/v1", model: m}
                  big: {type: openai, base_url: "http://127.0.0.1:9/v1", model: big-m}
                """;
        Path file = directory.resolve("llm.yaml");
        Files.writeString(file, """
                task: {name: t}
                dataset: {train: train.jsonl, test: test.jsonl}
                evaluation: {seed: 11}
                %s
                strategies:
                  - {name: fs, kind: llm-few-shot, provider: api, optimize: true}
                  - {name: zs, kind: llm-zero-shot, provider: api, optimize: {max_requests: 50, max_usd: 0.25, proposer: big}}
                """.formatted(providers));
        var strategies = Setups.classification(ConfigLoader.load(file, List.of())).strategies();
        OptimizeConfig fewShot = ((dev.hone.strategy.llm.LlmConfig) strategies.get(0)).optimize();
        assertThat(fewShot.method()).isEqualTo(OptimizeMethod.BOTH);
        assertThat(fewShot.maxRequests()).isEqualTo(OptimizeConfig.DEFAULT_MAX_REQUESTS);
        assertThat(fewShot.proposer().name()).as("the route's own provider by default").isEqualTo("api");
        OptimizeConfig zeroShot = ((dev.hone.strategy.llm.LlmConfig) strategies.get(1)).optimize();
        assertThat(zeroShot.method()).isEqualTo(OptimizeMethod.INSTRUCTION_SEARCH);
        assertThat(zeroShot.maxRequests()).isEqualTo(50);
        assertThat(zeroShot.maxUsd()).isEqualTo(0.25);
        assertThat(zeroShot.proposer().model()).isEqualTo("big-m");

        Files.writeString(file, """
                task: {name: t}
                dataset: {train: train.jsonl, test: test.jsonl}
                %s
                strategies:
                  - {name: a, kind: llm-few-shot, provider: api, select: similar, optimize: {method: both}}
                  - {name: b, kind: llm-zero-shot, provider: api, optimize: {proposer: gpt, max_requests: 0}}
                  - {name: c, kind: llm-self-consistency, provider: api, optimize: true}
                """.formatted(providers));
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("strategies[0].optimize.method: 'both' does not apply to this route; use instruction-search")
                .hasMessageContaining("strategies[1].optimize.proposer:")
                .hasMessageContaining("strategies[1].optimize.max_requests: must be ≥ 1, got 0")
                .hasMessageContaining("strategies[2].optimize: unknown key");
    }

    @Test
    void everyMistakeIsNamedWithItsPath() throws Exception {
        assertThatThrownBy(() -> load("""
                  - {name: a, kind: zero-shot, optimize: {max_trial: 5}}
                  - {name: b, kind: zero-shot, optimize: {method: bootstrap-few-shot, max_trials: 0}}
                  - {name: c, kind: few-shot, optimize: {max_requests: 10, proposer: gpt}}
                  - {name: d, kind: zero-shot, optimize: yes please}
                  - {name: e, kind: linear-probe, optimize: true}
                """))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("hone.yaml: 7 problems in the config")
                .hasMessageContaining("strategies[0].optimize.max_trial: unknown key, did you mean 'max_trials'?")
                .hasMessageContaining("strategies[1].optimize.method: 'bootstrap-few-shot' does not apply to this route; use instruction-search")
                .hasMessageContaining("strategies[1].optimize.max_trials: must be within [1, 100000], got 0")
                .hasMessageContaining("strategies[2].optimize.max_requests: applies only to llm-* routes")
                .hasMessageContaining("strategies[2].optimize.proposer: applies only to llm-* routes")
                .hasMessageContaining("strategies[3].optimize: must be true, false or a mapping such as {method: instruction-search, max_trials: 32}, got 'yes please'")
                .hasMessageContaining("strategies[4].optimize: unknown key");
    }
}
