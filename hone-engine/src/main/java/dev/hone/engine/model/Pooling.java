package dev.hone.engine.model;

/**
 * How token states become one sentence embedding: the sentence-transformers pooling modes Hone
 * runs, each named by its {@code 1_Pooling/config.json} key.
 */
public enum Pooling {
    /** Mean of the last hidden states over the attention mask ({@code pooling_mode_mean_tokens}; all-MiniLM-L6-v2). */
    MEAN("pooling_mode_mean_tokens"),
    /** The first ([CLS]) token's last hidden state ({@code pooling_mode_cls_token}; bge-small-en-v1.5). */
    CLS("pooling_mode_cls_token"),
    /** Per dimension, the largest last hidden state over the attention mask ({@code pooling_mode_max_tokens}). */
    MAX("pooling_mode_max_tokens"),
    /** The last real token's last hidden state ({@code pooling_mode_lasttoken}). */
    LAST_TOKEN("pooling_mode_lasttoken");

    private final String configKey;

    Pooling(String configKey) {
        this.configKey = configKey;
    }

    /** The key that selects this mode in a sentence-transformers {@code 1_Pooling/config.json}. */
    public String configKey() {
        return configKey;
    }
}
