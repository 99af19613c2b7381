package dev.hone.strategy.finetune;

import dev.hone.config.StrategyConfig;
import dev.hone.engine.train.FineTuneOptions;

/** Linear probe (head only), LoRA or full fine-tuning, with the engine's options. */
public record FineTuneConfig(String name, FineTuneKind kind, FineTuneOptions options) implements StrategyConfig {
}
