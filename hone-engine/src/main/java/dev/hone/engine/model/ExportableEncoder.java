package dev.hone.engine.model;

/**
 * A sentence encoder that Hone's engine runs, so it can be written in another runtime's format:
 * the model, tokenizer and pooling {@link TextEncoder#embed} uses, and where the pretrained model
 * came from. Pretrained encoders and tuned ones (LoRA, full, contrastive) are; a test double is not.
 */
public interface ExportableEncoder extends TextEncoder {

    /**
     * What {@link #embed} runs: a tuned encoder's model with its LoRA adapters merged into the
     * weights (W + (alpha/r)·B·A) and its tuned weights, the tokenizer, the pooling and the source.
     */
    SentenceEmbedder servingEmbedder();
}
