/**
 * Training on the engine: AdamW, learning-rate schedules and batching; classifier (head, LoRA,
 * full), contrastive (SetFit) and head-only trainers with their options; and which weights of a
 * tuned encoder or classifier are saved, and how a saved one is rebuilt for serving
 * ({@link dev.hone.engine.train.TunedArtifacts}; the files themselves are
 * {@link dev.hone.engine.weights.TunedCheckpoint}). Progress is reported to
 * {@link dev.hone.engine.train.TrainingListener}s.
 */
package dev.hone.engine.train;
