package dev.hone.run;

import dev.hone.config.StrategyKind;
import dev.hone.evaluation.Metrics;
import dev.hone.evaluation.Timing;
import java.util.List;

/**
 * One candidate's measurements. Test metrics are those of the first repeat (whose artifact is
 * saved); {@code repeats} holds every repeat for mean ± sd. {@code llm} is null except for LLM candidates,
 * {@code remoteFineTune} except for remote-finetune, {@code distillation} except for distill.
 *
 * @param upfrontUsd money paid before the candidate could serve, besides CPU time (a hosted job, a teacher's
 *                   labelling; a cascade's parts'), see {@link dev.hone.strategy.Candidate#upfrontUsd()};
 *                   the verdict adds it to the training cost
 */
public record CandidateResult(String name, StrategyKind kind, Metrics test, Metrics validation, List<Repeat> repeats,
                              List<String> testPredictions, List<String> validationPredictions, Timing timing,
                              double trainSeconds, long trainableParameters, long totalParameters, double peakHeapMb,
                              Forgetting forgetting, dev.hone.strategy.LlmUsage llm,
                              dev.hone.strategy.RemoteFineTune remoteFineTune, dev.hone.strategy.Distillation distillation,
                              double upfrontUsd) {
    public CandidateResult {
        if (!(upfrontUsd >= 0)) throw new IllegalArgumentException("candidate '" + name + "': upfrontUsd must be ≥ 0, got " + upfrontUsd);
    }

    /** A result of an in-process candidate (no LLM usage). */
    public CandidateResult(String name, StrategyKind kind, Metrics test, Metrics validation, List<Repeat> repeats,
                           List<String> testPredictions, List<String> validationPredictions, Timing timing,
                           double trainSeconds, long trainableParameters, long totalParameters, double peakHeapMb,
                           Forgetting forgetting) {
        this(name, kind, test, validation, repeats, testPredictions, validationPredictions, timing, trainSeconds,
                trainableParameters, totalParameters, peakHeapMb, forgetting, null, null, null, 0);
    }

    /** The forgetting probe's accuracy with the pretrained encoder and with this candidate's tuned one. */
    public record Forgetting(double before, double after) {
        public double drop() {
            return before - after;
        }
    }

    /** One repeat's seed and test figures. */
    public record Repeat(long seed, double accuracy, double macroF1, List<String> testPredictions, double trainSeconds) {
    }

    public double meanAccuracy() {
        return repeats.stream().mapToDouble(Repeat::accuracy).average().orElse(test.accuracy());
    }

    public double accuracySd() {
        return sd(repeats.stream().mapToDouble(Repeat::accuracy).toArray());
    }

    public double macroF1Sd() {
        return sd(repeats.stream().mapToDouble(Repeat::macroF1).toArray());
    }

    static double sd(double[] values) {
        if (values.length < 2) return 0;
        double mean = 0;
        for (double v : values) mean += v;
        mean /= values.length;
        double squares = 0;
        for (double v : values) squares += (v - mean) * (v - mean);
        return Math.sqrt(squares / (values.length - 1));
    }
}
