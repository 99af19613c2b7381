/**
 * Training on the engine: AdamW, learning-rate schedules and batching; classifier (head, LoRA,
 * full), contrastive (SetFit) and head-only trainers with their options; and how tuned encoders and
 * classifiers are saved and loaded (PEFT-layout adapters, safetensors checkpoints). Progress is
 * reported to {@link dev.hone.engine.train.TrainingListener}s.
 */
package dev.hone.engine.train;
