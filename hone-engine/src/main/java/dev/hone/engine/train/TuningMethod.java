package dev.hone.engine.train;

/** Which weights a fine-tuning run changes. */
public enum TuningMethod {
    /** Frozen encoder; only the classifier head is trained. */
    HEAD,
    /** Low-rank adapters on the selected projections, plus the head. */
    LORA,
    /** Every encoder weight, plus the head. */
    FULL
}
