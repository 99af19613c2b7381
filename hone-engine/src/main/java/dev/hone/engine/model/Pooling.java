package dev.hone.engine.model;

/** How token states become one sentence embedding. */
public enum Pooling {
    /** Mean of the last hidden states over the attention mask (all-MiniLM-L6-v2). */
    MEAN,
    /** The first ([CLS]) token's last hidden state (bge-small-en-v1.5). */
    CLS
}
