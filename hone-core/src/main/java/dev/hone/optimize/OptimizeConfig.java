package dev.hone.optimize;

import dev.hone.provider.ProviderConfig;

/**
 * A prompt route's {@code optimize:} block, defaults filled in. A route without the block (or with
 * {@code optimize: false}) has no config at all: its prompt is used as written.
 *
 * @param method      what the search changes (each route allows the methods that apply to it)
 * @param maxTrials   prompts scored at most, the user's own included
 * @param maxRequests requests the search may send to an LLM (LLM routes only; 0 on encoder routes)
 * @param maxUsd      dollars the search may spend at the providers' prices (LLM routes only; 0 on encoder routes)
 * @param seed        orders the trials where the order is drawn
 * @param proposer    the provider that proposes instructions (LLM routes); null on encoder routes
 */
public record OptimizeConfig(OptimizeMethod method, int maxTrials, int maxRequests, double maxUsd, long seed, ProviderConfig proposer) {
    /**
     * Enough for the encoder's zero-shot to try every built-in template with every label form
     * (8 templates × 3 forms, plus the description templates) and for few-shot to consider a few
     * dozen references; each trial re-embeds only the label sentences, so trials are cheap.
     */
    public static final int DEFAULT_MAX_TRIALS = 32;
    public static final int DEFAULT_MAX_REQUESTS = 200;
    public static final double DEFAULT_MAX_USD = 1.0;

    public OptimizeConfig {
        if (method == null) throw new IllegalArgumentException("optimize.method must be one of " + OptimizeMethod.ids());
        if (maxTrials < 1) throw new IllegalArgumentException("optimize.max_trials must be ≥ 1, got " + maxTrials);
        if (maxRequests < 0) throw new IllegalArgumentException("optimize.max_requests must be ≥ 0, got " + maxRequests);
        if (!(maxUsd >= 0)) throw new IllegalArgumentException("optimize.max_usd must be ≥ 0, got " + maxUsd);
    }

    /** The same block with the proposer's answers cached in {@code directory} (as the route's are, under --no-cache). */
    public OptimizeConfig withProposerCacheIn(java.nio.file.Path directory) {
        return proposer == null ? this : new OptimizeConfig(method, maxTrials, maxRequests, maxUsd, seed, proposer.withCacheDirectory(directory));
    }

    /** An encoder route's block: no LLM budget, no proposer. */
    public static OptimizeConfig forEncoder(OptimizeMethod method, int maxTrials, long seed) {
        return new OptimizeConfig(method, maxTrials, 0, 0, seed, null);
    }
}
