package dev.hone.strategy;

/**
 * One route to a classifier (a prompt, examples in context, a trained head, adapters, …).
 * Building may train; it must be deterministic for a given {@link TrainingData#seed()}.
 */
@FunctionalInterface
public interface Strategy {
    Candidate build(TrainingData data);
}
