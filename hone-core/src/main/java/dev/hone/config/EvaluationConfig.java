package dev.hone.config;

import java.util.List;

/**
 * How candidates are measured.
 *
 * @param repeats reruns of stochastic candidates with new seeds (mean ± sd)
 * @param seed the run's base seed
 * @param latencySamples texts timed one at a time for the latency percentiles
 * @param curve training examples per class at which every strategy is also built and measured
 *              (a learning curve); empty for none
 */
public record EvaluationConfig(int repeats, long seed, int latencySamples, List<Integer> curve) {
    public EvaluationConfig {
        curve = List.copyOf(curve);
    }
}
