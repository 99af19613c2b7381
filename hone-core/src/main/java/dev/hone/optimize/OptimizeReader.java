package dev.hone.optimize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.config.ConfigNode;
import dev.hone.config.StrategyContext;
import dev.hone.provider.ProviderConfig;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes back the {@code optimize:} block of a prompt route, the one reader every kind that
 * offers optimisation calls: {@code optimize: true} takes the defaults, a mapping sets
 * {@code method}, {@code max_trials}, {@code max_requests}, {@code max_usd}, {@code seed} and
 * {@code proposer}. Problems are recorded on the entry's node like every other config problem.
 */
public final class OptimizeReader {
    static final String KEY = "optimize";
    /** Keys that only mean something where the search asks an LLM. */
    private static final Set<String> LLM_KEYS = Set.of("max_requests", "max_usd", "proposer");

    private OptimizeReader() {
    }

    /**
     * The block of an encoder route (the search asks no LLM, so its budget is {@code max_trials}), or
     * null when the entry has none or says {@code optimize: false}.
     *
     * @param allowed       the methods that apply to the route, the default first
     * @param runSeed       the run's seed, the default {@code seed}
     */
    public static OptimizeConfig readForEncoder(ConfigNode node, List<OptimizeMethod> allowed, long runSeed) {
        if (!node.has(KEY)) return null;
        JsonNode raw = node.raw(KEY);
        if (raw.isBoolean()) {
            return raw.asBoolean() ? OptimizeConfig.forEncoder(allowed.get(0), OptimizeConfig.DEFAULT_MAX_TRIALS, runSeed) : null;
        }
        if (!raw.isObject()) {
            node.problem(KEY, "must be true, false or a mapping such as {method: " + allowed.get(0).id() + ", max_trials: "
                    + OptimizeConfig.DEFAULT_MAX_TRIALS + "}, got " + ConfigNode.describe(raw));
            return null;
        }
        ConfigNode block = node.object(KEY, false);
        Set<String> known = new LinkedHashSet<>(List.of("method", "max_trials", "seed"));
        for (String key : LLM_KEYS) {
            if (block.has(key)) {
                block.problem(key, "applies only to llm-* routes, which ask a provider; this route searches in process "
                        + "and its budget is max_trials");
            }
        }
        // Named above already; the list of allowed keys shows only this route's.
        known.addAll(LLM_KEYS.stream().filter(block::has).toList());
        block.rejectUnknownKeys(known);
        OptimizeMethod chosen = method(block, allowed);
        int maxTrials = block.integer("max_trials", OptimizeConfig.DEFAULT_MAX_TRIALS, 1, 100_000);
        long seed = block.integer("seed", (int) runSeed, 0, Integer.MAX_VALUE);
        return OptimizeConfig.forEncoder(chosen, maxTrials, seed);
    }

    /**
     * The block of an LLM route, or null when the entry has none or says {@code optimize: false}. Its
     * budget adds {@code max_requests} and {@code max_usd}; {@code proposer} names the provider that
     * proposes instructions, by default the route's own.
     *
     * @param allowed       the methods that apply to the route, the default first
     * @param routeProvider the route's provider (null when the entry's provider is missing: a problem is recorded already)
     */
    public static OptimizeConfig readForLlm(ConfigNode node, StrategyContext context, List<OptimizeMethod> allowed,
                                            ProviderConfig routeProvider, long runSeed) {
        if (!node.has(KEY)) return null;
        JsonNode raw = node.raw(KEY);
        if (raw.isBoolean()) {
            return raw.asBoolean() && routeProvider != null ? new OptimizeConfig(allowed.get(0), OptimizeConfig.DEFAULT_MAX_TRIALS,
                    OptimizeConfig.DEFAULT_MAX_REQUESTS, OptimizeConfig.DEFAULT_MAX_USD, runSeed, routeProvider) : null;
        }
        if (!raw.isObject()) {
            node.problem(KEY, "must be true, false or a mapping such as {method: " + allowed.get(0).id() + ", max_requests: "
                    + OptimizeConfig.DEFAULT_MAX_REQUESTS + "}, got " + ConfigNode.describe(raw));
            return null;
        }
        ConfigNode block = node.object(KEY, false);
        block.rejectUnknownKeys(Set.of("method", "max_trials", "max_requests", "max_usd", "seed", "proposer"));
        OptimizeMethod method = method(block, allowed);
        int maxTrials = block.integer("max_trials", OptimizeConfig.DEFAULT_MAX_TRIALS, 1, 100_000);
        int maxRequests = block.integer("max_requests", OptimizeConfig.DEFAULT_MAX_REQUESTS, 1, Integer.MAX_VALUE);
        double maxUsd = block.number("max_usd", OptimizeConfig.DEFAULT_MAX_USD, 0, 1e9);
        long seed = block.integer("seed", (int) runSeed, 0, Integer.MAX_VALUE);
        ProviderConfig proposer = block.has("proposer") ? context.provider(block, "proposer") : routeProvider;
        if (proposer == null || routeProvider == null) return null;
        return new OptimizeConfig(method, maxTrials, maxRequests, maxUsd, seed, proposer);
    }

    private static OptimizeMethod method(ConfigNode block, List<OptimizeMethod> allowed) {
        String method = block.choice("method", allowed.get(0).id(), OptimizeMethod.ids());
        OptimizeMethod chosen = OptimizeMethod.of(method);
        if (!allowed.contains(chosen)) {
            block.problem("method", "'" + method + "' does not apply to this route; use "
                    + String.join(" or ", allowed.stream().map(OptimizeMethod::id).toList()));
            return allowed.get(0);
        }
        return chosen;
    }

    /** Puts the resolved block into a strategy's resolved entry; nothing when the route is not optimised. */
    public static void write(OptimizeConfig optimize, ObjectNode entry) {
        if (optimize == null) return;
        ObjectNode block = entry.putObject(KEY);
        block.put("method", optimize.method().id()).put("max_trials", optimize.maxTrials());
        if (optimize.proposer() != null) {
            block.put("max_requests", optimize.maxRequests()).put("max_usd", optimize.maxUsd()).put("proposer", optimize.proposer().name());
        }
        block.put("seed", optimize.seed());
    }
}
