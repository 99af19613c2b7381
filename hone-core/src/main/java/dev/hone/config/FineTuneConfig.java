package dev.hone.config;

import dev.hone.engine.train.FineTuneOptions;
import dev.hone.strategy.FineTuneKind;

/** Linear probe (head only), LoRA or full fine-tuning, with the engine's options. */
public record FineTuneConfig(String name, FineTuneKind kind, FineTuneOptions options) implements StrategyConfig {
}
