package dev.hone.config;

/**
 * How candidates are measured.
 *
 * @param repeats reruns of stochastic candidates with new seeds (mean ± sd)
 * @param seed the run's base seed
 * @param latencySamples texts timed one at a time for the latency percentiles
 */
public record EvaluationConfig(int repeats, long seed, int latencySamples) {
}
