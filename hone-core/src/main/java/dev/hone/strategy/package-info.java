/**
 * Every route to a classifier Hone compares — encoder zero-shot and few-shot, head, LoRA and full
 * fine-tuning, contrastive (SetFit), retrieval vote, LLM prompting, cascade, remote fine-tuning and
 * distillation. A {@link dev.hone.strategy.Strategy} builds a {@link dev.hone.strategy.Candidate}
 * from the training data; a candidate predicts, saves itself, and is rebuilt by
 * {@link dev.hone.strategy.CandidateLoader}. LLM routes reach their model through {@code dev.hone.provider}.
 */
package dev.hone.strategy;
