package dev.hone.verdict;

import dev.hone.results.ClassifierResult;
import java.util.List;
import java.util.Locale;

/**
 * Plain-language sentences, with numbers, explaining a recommendation. They quote only what the
 * choice rests on (selection and test accuracies, the evidence, trained weights), never a timing,
 * so the same run gives the same sentence; costs and latencies are in the statistics beside it.
 */
final class Reasons {
    private Reasons() {
    }

    /**
     * Why the verdict chose as it did.
     *
     * @param best      the best on selection
     * @param leader    the candidate cost was weighed around: the best, or the highest expected accuracy when the data cannot tell
     * @param undecided candidates the selection examples could neither separate from the best nor show equal to it
     * @param equal     the leader and those shown equal to it within the tie margin, among which cost decided
     * @param expected  the expectations the leader was chosen by; null when the evidence alone decided
     * @param examples  distinct selection examples
     * @param selection "validation" or "cross-validated"
     */
    record Why(ClassifierResult chosen, ClassifierResult rival, ClassifierResult best, ClassifierResult leader, List<ClassifierResult> undecided,
               List<ClassifierResult> equal, Expectations expected, int examples, String selection) {
    }

    static String recommend(Why why, List<String> testTruth, CostModel cost, Double breakEven) {
        ClassifierResult chosen = why.chosen();
        ClassifierResult rival = why.rival();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s: %.2f %s accuracy (test %.2f)", chosen.name(), chosen.validationAccuracy(),
                why.selection(), chosen.accuracy()));
        if (rival != null) {
            s.append(String.format(Locale.ROOT, " vs %s %.2f", rival.name(), rival.validationAccuracy()));
            if (testTruth.size() == chosen.testPredictions().size() && !testTruth.isEmpty()
                    && rival.testPredictions().size() == testTruth.size()) {
                s.append(" (test McNemar ").append(pText(McNemar.pValue(testTruth, chosen.testPredictions(),
                        rival.testPredictions()))).append(')');
            }
        }
        if (!why.undecided().isEmpty()) {
            s.append(String.format(Locale.ROOT, "; %d %s examples cannot separate %s from %s", why.examples(), why.selection(),
                    why.best().name(), names(why.undecided(), null)));
            Expectations e = why.expected();
            ClassifierResult leader = why.leader();
            s.append(e.priorUsed()
                    ? String.format(Locale.ROOT, ", and combined with the few-shot protocol's evidence at %.0f examples per class"
                            + " the expected accuracy favours %s (%.2f)", e.perClass(), leader.name(), e.of(leader))
                    : String.format(Locale.ROOT, "; no route here has protocol evidence, so the better on selection leads (%s)", leader.name()));
        }
        if (why.equal().size() > 1) {
            // Name the chosen one as the subject: "favours full" followed by a bare "so the cheapest decided"
            // read as if the sentence recommended full while the verdict chose another.
            s.append(String.format(Locale.ROOT, "; %s is shown equal within %.2f to %s (the interval on each difference lies"
                    + " inside the tie margin), and among candidates shown equal the cheapest to run, then the one with the"
                    + " fewest trained weights, is chosen", chosen.name(), cost.tieMargin(), names(why.equal(), chosen)));
        }
        if (chosen.serving() != null && chosen.serving().sharedPass() != null) {
            s.append("; it runs the ").append(chosen.serving().sharedPass()).append(" forward pass");
            if (chosen.serving().nearBudget(cost.latencyBudgetMs())) {
                s.append(String.format(Locale.ROOT, ", whose p95 is within measurement noise of the %.0f ms budget (check it"
                        + " on the serving machine)", cost.latencyBudgetMs()));
            }
        }
        if (!chosen.promptOnly()) {
            s.append(String.format(Locale.ROOT, "; it trains %,d weights", chosen.trainableParameters()));
            if (breakEven != null) {
                s.append(String.format(Locale.ROOT, " and pays back after about %,.0f requests", breakEven));
            }
        }
        return s.append('.').toString();
    }

    static String whenWins(ClassifierResult rival, ClassifierResult chosen, CostModel cost) {
        if (!ClassificationVerdict.fitsLatency(rival, cost.latencyBudgetMs())) {
            return String.format(Locale.ROOT, "%s would win with a latency budget of at least %.0f ms.",
                    rival.name(), Math.ceil(rival.budgetLatencyMsP95()));
        }
        if (rival.validationAccuracy() < cost.accuracyFloor()) {
            return String.format(Locale.ROOT, "%s would win only with an accuracy floor below %.2f.",
                    rival.name(), rival.validationAccuracy());
        }
        if (rival.validationAccuracy() > chosen.validationAccuracy()) {
            return String.format(Locale.ROOT, "%s scores higher on selection (%.3f vs %.3f) but not by more than those examples"
                    + " can tell; it would win if more labelled examples confirmed its lead.", rival.name(),
                    rival.validationAccuracy(), chosen.validationAccuracy());
        }
        return String.format(Locale.ROOT, "%s would win if its selection accuracy rose above %.2f, or if %s became"
                + " unavailable.", rival.name(), chosen.validationAccuracy(), chosen.name());
    }

    private static String names(List<ClassifierResult> candidates, ClassifierResult except) {
        return String.join(", ", candidates.stream().filter(c -> c != except).map(ClassifierResult::name).toList());
    }

    static String pText(double p) {
        return p < 0.001 ? "p<0.001" : String.format(Locale.ROOT, "p=%.3f", p);
    }
}
