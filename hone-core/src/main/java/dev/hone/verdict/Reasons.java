package dev.hone.verdict;

import dev.hone.results.ClassifierResult;
import java.util.List;
import java.util.Locale;

/** Plain-language sentences, with numbers, explaining a recommendation. */
final class Reasons {
    private Reasons() {
    }

    static String recommend(ClassifierResult chosen, ClassifierResult rival, List<ClassifierResult> tied, List<ClassifierResult> close,
                            List<String> testTruth, CostModel cost, double margin, Double breakEven) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s: %.2f validation accuracy (test %.2f)", chosen.name(),
                chosen.validationAccuracy(), chosen.accuracy()));
        if (rival != null) {
            s.append(String.format(Locale.ROOT, " vs %s %.2f", rival.name(), rival.validationAccuracy()));
            if (testTruth.size() == chosen.testPredictions().size() && !testTruth.isEmpty()
                    && rival.testPredictions().size() == testTruth.size()) {
                s.append(" (test McNemar ").append(pText(McNemar.pValue(testTruth, chosen.testPredictions(),
                        rival.testPredictions()))).append(')');
            }
        }
        if (tied.size() > 1) {
            s.append("; statistically tied with ").append(String.join(", ", tied.stream()
                    .filter(c -> c != chosen).map(ClassifierResult::name).toList()));
            s.append(close.size() > 1
                    ? String.format(Locale.ROOT, ", chosen as the simplest (fewest trained weights) of those within %.2f of the best validation accuracy"
                            + " whose running cost is within %.0f%% of the cheapest", margin, ClassificationVerdict.COST_NOISE * 100)
                    : ", chosen for the best validation accuracy (no cheaper candidate came within "
                            + String.format(Locale.ROOT, "%.2f", margin) + ")");
        }
        s.append(String.format(Locale.ROOT, ", p95 %.0f ms within the %.0f ms budget, $%.4f per month at %,.0f requests",
                chosen.latencyMsP95(), cost.latencyBudgetMs(), cost.monthlyUsd(chosen), cost.monthlyRequests()));
        if (!chosen.promptOnly()) {
            s.append(String.format(Locale.ROOT, "; its %.0f s of training cost $%.4f", chosen.trainSeconds(),
                    cost.trainingUsd(chosen)));
            if (breakEven != null) {
                s.append(String.format(Locale.ROOT, " and pay back after %,.0f requests", breakEven));
            }
        }
        return s.append('.').toString();
    }

    static String whenWins(ClassifierResult rival, ClassifierResult chosen, CostModel cost) {
        if (rival.latencyMsP95() > cost.latencyBudgetMs()) {
            return String.format(Locale.ROOT, "%s would win with a latency budget of at least %.0f ms.",
                    rival.name(), Math.ceil(rival.latencyMsP95()));
        }
        if (rival.validationAccuracy() < cost.accuracyFloor()) {
            return String.format(Locale.ROOT, "%s would win only with an accuracy floor below %.2f.",
                    rival.name(), rival.validationAccuracy());
        }
        if (rival.validationAccuracy() > chosen.validationAccuracy()) {
            return String.format(Locale.ROOT, "%s scores higher but not significantly; it wins if its extra accuracy"
                    + " (%.2f vs %.2f) is worth $%.4f more per month.", rival.name(), rival.validationAccuracy(),
                    chosen.validationAccuracy(), cost.monthlyUsd(rival) - cost.monthlyUsd(chosen));
        }
        return String.format(Locale.ROOT, "%s would win if its validation accuracy rose above %.2f, or if %s became"
                + " unavailable.", rival.name(), chosen.validationAccuracy(), chosen.name());
    }

    static String pText(double p) {
        return p < 0.001 ? "p<0.001" : String.format(Locale.ROOT, "p=%.3f", p);
    }
}
