package dev.hone.strategy;

import dev.hone.config.ContrastiveConfig;
import dev.hone.config.FewShotConfig;
import dev.hone.config.FineTuneConfig;
import dev.hone.config.RagClassifyConfig;
import dev.hone.config.StrategyConfig;
import dev.hone.config.ZeroShotConfig;

/** Turns a strategy's config into the strategy. */
public final class Strategies {
    private Strategies() {
    }

    public static Strategy of(StrategyConfig config) {
        return switch (config) {
            case ZeroShotConfig z -> new ZeroShotStrategy(z);
            case FewShotConfig f -> new FewShotStrategy(f);
            case FineTuneConfig t -> new FineTuneStrategy(t);
            case ContrastiveConfig c -> new ContrastiveStrategy(c);
            case RagClassifyConfig r -> new RagClassifyStrategy(r);
            case dev.hone.config.LlmConfig l -> new LlmStrategy(l);
            case dev.hone.config.CascadeConfig c -> new CascadeStrategy(c);
            case dev.hone.config.RemoteFineTuneConfig r -> new RemoteFineTuneStrategy(r);
            case dev.hone.config.DistillConfig d -> new DistillStrategy(d);
        };
    }
}
