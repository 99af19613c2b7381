package dev.hone.config;

import dev.hone.strategy.ClassifierKind;
import dev.hone.strategy.Trait;
import java.nio.file.Path;

/**
 * One strategy to build and measure; each kind has its own record of settings, and its
 * registration ({@link ClassifierKind}) says how to read, write back, build and load it.
 */
public interface StrategyConfig {

    /** Unique name in the run (leaderboard row, candidate folder). */
    String name();

    /** The kind's registration: its id and traits come from there only. */
    ClassifierKind<?> kind();

    /**
     * The route this strategy takes, as the verdict's prior on the few-shot protocol names routes: the
     * kind's id, except where a setting changes the route (few-shot's k-NN or prototypes).
     */
    default String route() {
        return kind().id();
    }

    /** Whether repeats with other seeds can differ (so are worth running); by kind unless a setting decides. */
    default boolean stochastic() {
        return kind().stochastic();
    }

    /**
     * Every prediction is an LLM's answer ({@code llm-*}, fine-tuned or not): such a strategy
     * can be a cascade's {@code remote} or a distillation's {@code teacher}.
     */
    default boolean asksAnLlm() {
        return kind().has(Trait.ASKS_AN_LLM);
    }

    /**
     * Building it starts a paid hosted fine-tuning job for its training data, so it must be built
     * once on the real training split: never per cross-validation fold or learning-curve point.
     */
    default boolean startsPaidJobs() {
        return false;
    }

    /**
     * The same strategy with its LLM answers cached in {@code directory} (its own, or those of the
     * strategies it names); strategies that ask no LLM are returned as they are.
     */
    default StrategyConfig withLlmCacheIn(Path directory) {
        return this;
    }
}
