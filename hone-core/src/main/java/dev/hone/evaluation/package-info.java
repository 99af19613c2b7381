/**
 * Measuring a candidate: classification metrics with Wilson intervals, latency and throughput,
 * answer scores for generation (exact match, token F1), a JSON Schema subset, reading an LLM
 * judge's grade, and the forgetting probe for tuned encoders. It measures; {@code verdict} decides.
 */
package dev.hone.evaluation;
