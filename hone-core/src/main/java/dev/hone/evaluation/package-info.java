/**
 * Measuring a candidate: classification metrics with Wilson intervals, latency and throughput,
 * answer scores for generation (exact match, token F1), JSON Schema (draft 2020-12) checks, reading an LLM
 * judge's grade, and the forgetting probe for tuned encoders. It measures; {@code verdict} decides.
 */
package dev.hone.evaluation;
