package dev.hone.engine.weights;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.json.Json;
import java.util.List;

/**
 * The LoRA settings PEFT's {@code adapter_config.json} holds, for a tuned encoder checkpoint or a
 * decoder's adapters. Values are kept as the file holds them; the training options built from them
 * check their ranges.
 *
 * @param rank rank r of each adapter ({@code r})
 * @param alpha scaling numerator: adapters are scaled by alpha / r ({@code lora_alpha})
 * @param dropout dropout on the adapter input while training ({@code lora_dropout})
 * @param targetModules modules that carry adapters ({@code target_modules}): paths inside
 *     {@code encoder.layer.N} for an encoder (e.g. {@code attention.self.query}), names such as
 *     {@code q_proj} for a decoder; in the file's order
 */
public record LoraAdapterConfig(int rank, float alpha, float dropout, List<String> targetModules) {
    public LoraAdapterConfig {
        targetModules = List.copyOf(targetModules);
    }

    /**
     * PEFT's {@code adapter_config.json} for these settings: {@code peft_type} LORA, the given
     * {@code task_type} (FEATURE_EXTRACTION for an encoder, CAUSAL_LM for a decoder) and
     * {@code base_model_name_or_path}, no bias, the target modules sorted.
     */
    public ObjectNode toPeftJson(String baseModel, String taskType) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("peft_type", "LORA");
        json.put("task_type", taskType);
        json.put("base_model_name_or_path", baseModel);
        json.put("r", rank);
        json.put("lora_alpha", alpha);
        json.put("lora_dropout", dropout);
        json.put("bias", "none");
        json.put("fan_in_fan_out", false);
        json.put("inference_mode", true);
        var targets = json.putArray("target_modules");
        targetModules.stream().sorted().forEach(targets::add);
        return json;
    }
}
