package dev.hone.strategy;

/**
 * What a strategy kind is, as declared once in its registration ({@link StrategyKind}); every
 * part of Hone that needs to know reads it from there, never from the kind's name.
 */
public enum Trait {
    /** No weights are trained: the route costs nothing upfront. */
    PROMPT_ONLY,
    /**
     * Depends on the seed (example draws, initialisation, shuffling), so repeats vary; a config's
     * settings may decide otherwise ({@link dev.hone.config.StrategyConfig#stochastic()}).
     */
    STOCHASTIC,
    /** Every prediction is an LLM's answer: such a strategy can be a cascade's remote or a distillation's teacher. */
    ASKS_AN_LLM,
    /** Its config entry names other strategies of the config, so it is read after all the others. */
    NAMES_OTHER_STRATEGIES,
    /** Sends the texts it is unsure of to an LLM and answers the rest itself: results report its escalation rate. */
    ESCALATES,
    /**
     * A classification kind that serves {@code task.kind: generation} too, the reference output
     * being the answer it learns ({@code llm-finetune}: the same job trains on labels or on references).
     */
    ALSO_GENERATES
}
