package dev.hone.engine.weights;

import java.util.List;

/**
 * The LoRA settings a tuned checkpoint saves in PEFT's {@code adapter_config.json}. Values are
 * kept as the file holds them; the training options built from them check their ranges.
 *
 * @param rank rank r of each adapter ({@code r})
 * @param alpha scaling numerator: adapters are scaled by alpha / r ({@code lora_alpha})
 * @param dropout dropout on the adapter input while training ({@code lora_dropout})
 * @param targetModules module paths inside {@code encoder.layer.N} that carry adapters
 *     ({@code target_modules}, e.g. {@code attention.self.query}), in the file's order
 */
public record LoraAdapterConfig(int rank, float alpha, float dropout, List<String> targetModules) {
    public LoraAdapterConfig {
        targetModules = List.copyOf(targetModules);
    }
}
