package dev.hone.engine.decoder;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Hugging Face decoder classes Hone runs. They share one forward pass (RMSNorm, rotary
 * embeddings, grouped-query attention, SwiGLU) and differ in which projections carry biases:
 * Qwen2 always biases q, k and v; Llama biases all four attention projections when
 * {@code attention_bias} is set, and the MLP's when {@code mlp_bias} is; Mistral biases none.
 */
public enum DecoderArchitecture {
    LLAMA("LlamaForCausalLM", "llama"),
    QWEN2("Qwen2ForCausalLM", "qwen2"),
    MISTRAL("MistralForCausalLM", "mistral");

    private final String className;
    private final String modelType;

    DecoderArchitecture(String className, String modelType) {
        this.className = className;
        this.modelType = modelType;
    }

    /** The name in config.json's {@code architectures}, e.g. {@code LlamaForCausalLM}. */
    public String className() {
        return className;
    }

    static Optional<DecoderArchitecture> ofClassName(String name) {
        return Arrays.stream(values()).filter(a -> a.className.equals(name)).findFirst();
    }

    static Optional<DecoderArchitecture> ofModelType(String type) {
        return Arrays.stream(values()).filter(a -> a.modelType.equals(type)).findFirst();
    }

    /** "LlamaForCausalLM, Qwen2ForCausalLM, MistralForCausalLM", for messages. */
    static String supported() {
        return Arrays.stream(values()).map(DecoderArchitecture::className).collect(Collectors.joining(", "));
    }
}
