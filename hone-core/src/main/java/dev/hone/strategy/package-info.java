/**
 * The strategy API and every kind's registration: a {@link dev.hone.strategy.Strategy} builds a
 * {@link dev.hone.strategy.Candidate} from the {@link dev.hone.strategy.TrainingData}; a candidate
 * predicts, saves itself, and is rebuilt by {@link dev.hone.strategy.CandidateLoader}.
 * {@link dev.hone.strategy.StrategyKinds} lists every kind; each classification route lives in a
 * subpackage of its own (zero-shot, few-shot, fine-tuning, contrastive, rag-classify, LLM prompting,
 * remote fine-tuning, distillation, cascade), with what several share in {@code similarity} and
 * {@code tuned}. LLM routes reach their model through {@code dev.hone.provider}.
 */
package dev.hone.strategy;
