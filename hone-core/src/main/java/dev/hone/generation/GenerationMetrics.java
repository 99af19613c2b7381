package dev.hone.generation;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A candidate's answers summarised: means over the examples that have each score (NaN when none
 * has it), and how many judge replies could not be read.
 *
 * @param judgeScore         mean grade in the judge scale's units
 * @param judgeNormalised    the same mapped onto [0, 1] (grade − lowest) / (highest − lowest), for comparing and margins
 * @param judgeParseFailures answers whose judge reply gave no readable grade (left out of the mean)
 * @param judged             whether a judge graded the answers (then the verdict compares its grade)
 */
public record GenerationMetrics(int examples, double exactMatch, double tokenF1, double jsonValidRate, double judgeScore,
                                double judgeNormalised, int judgeParseFailures, double citationRate, double recallAtK,
                                boolean judged) {

    public static GenerationMetrics of(List<ScoredAnswer> answers, double judgeLowest, double judgeHighest, boolean judged) {
        double judge = judged ? mean(answers, ScoredAnswer::judgeScore) : Double.NaN;
        int failures = judged ? (int) answers.stream().filter(a -> Double.isNaN(a.judgeScore())).count() : 0;
        return new GenerationMetrics(answers.size(), mean(answers, ScoredAnswer::exactMatch), mean(answers, ScoredAnswer::tokenF1),
                mean(answers, a -> a.jsonValid() == null ? Double.NaN : a.jsonValid() ? 1 : 0), judge,
                Double.isNaN(judge) ? Double.NaN : (judge - judgeLowest) / (judgeHighest - judgeLowest), failures,
                mean(answers, a -> a.cited() == null ? Double.NaN : a.cited() ? 1 : 0), mean(answers, ScoredAnswer::recallAtK), judged);
    }

    /**
     * The figure candidates are compared by: with a judge its normalised grade (0 when no reply could
     * be read), else token F1 (0 when there were no answers).
     */
    public double primary() {
        double value = judged ? judgeNormalised : tokenF1;
        return Double.isNaN(value) ? 0 : value;
    }

    /** The mean over values that are not NaN; NaN when every value is. */
    private static double mean(List<ScoredAnswer> answers, ToDoubleFunction<ScoredAnswer> value) {
        double sum = 0;
        int n = 0;
        for (ScoredAnswer a : answers) {
            double v = value.applyAsDouble(a);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
