/**
 * Prompt optimisation: the {@code optimize:} block a prompt route may carry, the searches that run
 * when a candidate of such a route is built (label templates for the encoder's zero-shot, reference
 * selection for its few-shot), the pieces every LLM route's search shares — the request budget, the
 * scoring split of the training examples, the scored history, the bootstrap moves and the OPRO-style
 * instruction proposer (used by {@code strategy.llm}'s and {@code generation}'s searches) — and the
 * record of every prompt tried.
 *
 * <p>The protocol is the run's: a search sees only the examples its build was given to train on
 * ({@link dev.hone.strategy.TrainingData#train()}), never the validation split or the test split, so
 * the selection protocol (validation split or cross-validation) judges the optimised candidate
 * against the others like any candidate, and under cross-validation each fold's build searches on its
 * own training part.
 */
package dev.hone.optimize;
