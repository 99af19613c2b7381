package dev.hone.strategy.cascade;

import dev.hone.config.StrategyConfig;
import java.nio.file.Path;

/**
 * An in-process candidate answers when its confidence (the top label's score) is at least
 * {@code threshold}; below it the text escalates to an LLM candidate.
 *
 * @param local     the in-process strategy (any non-LLM kind), by its name in {@code strategies:}
 * @param remote    the LLM strategy ({@code llm-*}, fine-tuned or not) it escalates to
 * @param threshold fixed confidence threshold in [0, 1], or NaN (the default) to choose it on the
 *                  validation split: the most accurate threshold, the lowest one among ties
 *                  (fewest escalations), subject to {@code maxEscalation}
 * @param maxEscalation upper bound on the share of validation texts escalated (default 1: no bound)
 */
public record CascadeConfig(String name, StrategyConfig local, StrategyConfig remote, double threshold, double maxEscalation)
        implements StrategyConfig {
    public CascadeConfig {
        if (local == null || remote == null) throw new IllegalArgumentException("cascade '" + name + "' needs local and remote strategies");
        if (local.asksAnLlm() || local instanceof CascadeConfig) {
            throw new IllegalArgumentException("cascade '" + name + "': local must be an in-process strategy, got " + local.kind().id());
        }
        if (!remote.asksAnLlm()) {
            throw new IllegalArgumentException("cascade '" + name + "': remote must be an llm-* strategy (llm-finetune included), got "
                    + remote.kind().id());
        }
        if (!Double.isNaN(threshold) && !(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("cascade '" + name + "': threshold must be within [0, 1], got " + threshold);
        }
        if (!(maxEscalation >= 0 && maxEscalation <= 1)) {
            throw new IllegalArgumentException("cascade '" + name + "': max_escalation must be within [0, 1], got " + maxEscalation);
        }
    }

    @Override
    public CascadeKind kind() {
        return CascadeKind.CASCADE;
    }

    @Override
    public CascadeConfig withLlmCacheIn(Path directory) {
        return new CascadeConfig(name, local, remote.withLlmCacheIn(directory), threshold, maxEscalation);
    }

    @Override
    public boolean startsPaidJobs() {
        return remote.startsPaidJobs();
    }

    @Override
    public boolean stochastic() {
        return local.stochastic() || remote.stochastic();
    }
}
