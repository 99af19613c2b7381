package dev.hone.verdict;

import dev.hone.results.ClassificationResults;
import dev.hone.results.ClassifierResult;
import dev.hone.results.Decision;
import dev.hone.results.Statistics;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the classifier to recommend, and the statistics that describe every candidate.
 * Selection reads validation figures only; the statistics describe the test set.
 */
public final class ClassificationVerdict {
    /** Significance level for McNemar. */
    public static final double ALPHA = 0.05;
    private static final int RESAMPLES = 1000;
    /** Running costs closer than this share to the cheapest are within measurement noise (see {@link #simplestOfTheCheapest}). */
    static final double COST_NOISE = 0.25;
    private static final String PROTOCOL = "The recommendation is chosen on the validation split (accuracy floor,"
            + " latency budget, monthly budget, then validation accuracy with McNemar on validation predictions);"
            + " every figure shown is measured on the held-out test split, which played no part in the choice.";

    private ClassificationVerdict() {
    }

    /** The results with their decision and statistics. */
    public static ClassificationResults decide(ClassificationResults results, CostModel cost) {
        List<ClassifierResult> all = results.candidates();
        List<String> testTruth = results.examples().testLabels();
        List<String> valTruth = results.examples().validationLabels();
        int folds = results.selection().folds();
        String protocol = folds > 0 ? PROTOCOL.replace("chosen on the validation split", "chosen by " + folds
                + "-fold cross-validation on the training split (out-of-fold predictions, since a held-out validation"
                + " split would have had fewer than 3 examples in a class)").replace("validation accuracy", "cross-validated accuracy")
                : PROTOCOL;
        Map<String, Double> breakEven = new LinkedHashMap<>();
        for (ClassifierResult c : all) {
            Double requests = breakEven(c, all, cost);
            breakEven.put(c.name(), requests == null ? null : Math.ceil(requests));
        }

        List<ClassifierResult> floorMet = all.stream().filter(c -> c.validationAccuracy() >= cost.accuracyFloor()).toList();
        List<ClassifierResult> eligible = Choice.withinLatencyBudget(floorMet, cost.latencyBudgetMs()).stream()
                .filter(c -> Double.isNaN(cost.budgetPerMonth()) || cost.monthlyUsd(c) <= cost.budgetPerMonth())
                .sorted(Comparator.comparingDouble(ClassifierResult::validationAccuracy).reversed()
                        .thenComparingDouble(cost::monthlyUsd))
                .toList();
        ClassifierResult chosen = null;
        Decision decision;
        if (eligible.isEmpty()) {
            decision = new Decision(null, "none", nothingReason(all, floorMet, cost), protocol, breakEven, null, null, null, null);
        } else {
            ClassifierResult top = eligible.get(0);
            List<ClassifierResult> tied = eligible.stream().filter(c -> tiedOnValidation(top, c, valTruth)).toList();
            // Among candidates the validation data cannot separate and that score within the tie margin of the
            // best, the cheaper one to run is the better buy. The margin matters with tiny validation sets:
            // six examples "tie" a 0.33 with a 0.67, and cost alone must not pick the 0.33.
            double margin = tieMargin(cost, valTruth.size());
            List<ClassifierResult> close = Choice.withinMargin(tied, ClassifierResult::validationAccuracy, top.validationAccuracy(), margin);
            chosen = simplestOfTheCheapest(close, cost).orElse(top);
            ClassifierResult runnerUp = eligible.stream().filter(c -> c != top).findFirst()
                    .orElse(all.stream().filter(c -> c != top).max(Comparator.comparingDouble(
                            ClassifierResult::validationAccuracy)).orElse(null));
            ClassifierResult rival = chosen != top ? top : runnerUp;
            String reason = Reasons.recommend(chosen, rival, tied, close, testTruth, cost, margin, breakEven.get(chosen.name()));
            decision = new Decision(chosen.name(), tied.size() > 1 ? "tied" : "best", reason, protocol, breakEven,
                    rival == null ? null : rival.name(), rival == null ? null : Reasons.whenWins(rival, chosen, cost), null, null);
        }
        return results.decided(decision, statistics(all, chosen, testTruth, cost, results.provenance().seed()));
    }

    /**
     * The configured margin, but never less than one selection example: with n examples accuracy
     * moves in steps of 1/n, and one example more or less right is no evidence of a better candidate.
     * In the few-shot benchmark (bge-small, 8 per class) a lead of one cross-validated example chose a
     * fine-tune over class prototypes on emotion and sst2, and the prototypes were better on test both
     * times (54.2 vs 49.6, 84.8 vs 84.0).
     */
    static double tieMargin(CostModel cost, int selectionExamples) {
        return Math.max(cost.tieMargin(), selectionExamples == 0 ? 0 : 1.0 / selectionExamples);
    }

    /**
     * The cheapest to run, except that running costs within {@link #COST_NOISE} of the cheapest count
     * as equal: candidates on the same encoder differ by timing noise alone (one run measured the same
     * forward pass at $0.30 and $0.36 a month). Among those the simplest wins: fewest trained weights,
     * then the better validation accuracy, then the cheapest training. A tiny validation set cannot
     * tell 0.38 from 0.38, but a prompt that trains nothing cannot have overfitted those examples,
     * and costs nothing to retrain. Between two that train nothing, a second of training is no
     * reason to take the one a validation example behind (that order let 5 ms of latency noise
     * swap a prototype for a zero-shot prompt 18 test points worse).
     */
    static Optional<ClassifierResult> simplestOfTheCheapest(List<ClassifierResult> close, CostModel cost) {
        double cheapest = close.stream().mapToDouble(cost::monthlyUsd).min().orElse(0);
        return close.stream().filter(c -> cost.monthlyUsd(c) <= cheapest * (1 + COST_NOISE) + 1e-12)
                .min(Comparator.comparingLong(ClassifierResult::trainableParameters)
                        .thenComparing(Comparator.comparingDouble(ClassifierResult::validationAccuracy).reversed())
                        .thenComparingDouble(cost::trainingUsd)
                        .thenComparingDouble(cost::monthlyUsd));
    }

    private static Map<String, Statistics> statistics(List<ClassifierResult> all, ClassifierResult chosen, List<String> truth,
                                                      CostModel cost, long seed) {
        Map<String, Statistics> out = new LinkedHashMap<>();
        for (ClassifierResult c : all) {
            List<Double> wilson = null;
            List<Double> macroF1 = null;
            Double p = null;
            if (truth.size() == c.testPredictions().size() && !truth.isEmpty()) {
                int correct = 0;
                for (int i = 0; i < truth.size(); i++) {
                    correct += truth.get(i).equals(c.testPredictions().get(i)) ? 1 : 0;
                }
                Interval w = Interval.wilson(correct, truth.size());
                wilson = List.of(w.low(), w.high());
                Interval f = MacroF1.bootstrap(truth, c.testPredictions(), RESAMPLES, seed);
                macroF1 = List.of(f.low(), f.high());
                if (chosen != null && c != chosen && chosen.testPredictions().size() == truth.size()) {
                    p = McNemar.pValue(truth, chosen.testPredictions(), c.testPredictions());
                }
            }
            // Mean ± sd over repeats, as the candidate's record holds them: only where there are repeats to vary.
            boolean repeated = c.repeats().size() >= 2;
            Double mean = repeated ? c.accuracyMean() : null;
            Double sd = repeated ? c.accuracySd() : null;
            Double consistency = c.stochastic() && !Double.isNaN(c.consistency()) ? c.consistency() : null;
            out.put(c.name(), new Statistics(wilson, macroF1, p, p == null ? null : p < ALPHA, mean, sd, consistency,
                    cost.monthlyUsd(c), cost.trainingUsd(c), cost.perRequestUsd(c)));
        }
        return out;
    }

    /**
     * Requests after which a trained candidate's training cost is paid back by serving more cheaply than the cheapest
     * prompt-only candidate of at least its validation accuracy; null when there is no such candidate or no saving.
     */
    static Double breakEven(ClassifierResult c, List<ClassifierResult> all, CostModel cost) {
        if (c.promptOnly()) {
            return null;
        }
        return all.stream().filter(ClassifierResult::promptOnly)
                .filter(p -> p.validationAccuracy() >= c.validationAccuracy())
                .min(Comparator.comparingDouble(cost::perRequestUsd))
                .map(p -> cost.perRequestUsd(p) - cost.perRequestUsd(c))
                .filter(saving -> saving > 0)
                .map(saving -> cost.trainingUsd(c) / saving)
                .orElse(null);
    }

    private static boolean tiedOnValidation(ClassifierResult top, ClassifierResult other, List<String> truth) {
        if (other == top) {
            return true;
        }
        int n = truth.size();
        if (n == 0 || top.validationPredictions().size() != n || other.validationPredictions().size() != n) {
            return other.validationAccuracy() == top.validationAccuracy();
        }
        Interval a = Interval.wilson((int) Math.round(top.validationAccuracy() * n), n);
        Interval b = Interval.wilson((int) Math.round(other.validationAccuracy() * n), n);
        double p = McNemar.pValue(truth, top.validationPredictions(), other.validationPredictions());
        return a.overlaps(b) && p >= ALPHA;
    }

    private static String nothingReason(List<ClassifierResult> all, List<ClassifierResult> floorMet, CostModel cost) {
        ClassifierResult best = all.stream().max(Comparator.comparingDouble(ClassifierResult::validationAccuracy)).orElse(null);
        if (best == null) {
            return "No candidates were run; add strategies to the config and run again.";
        }
        if (floorMet.isEmpty()) {
            return String.format(Locale.ROOT, "Nothing reaches the %.2f accuracy floor: the best, %s, scores %.2f on "
                    + "validation. Try more labelled examples per class, a full fine-tune or LoRA with more epochs, "
                    + "a larger model, or revisit the floor.", cost.accuracyFloor(), best.name(),
                    best.validationAccuracy());
        }
        return String.format(Locale.ROOT, "%d candidate(s) reach the %.2f floor but none fits the %.0f ms p95 "
                + "latency budget or the monthly budget. Try a smaller model, a linear probe, or a larger budget.",
                floorMet.size(), cost.accuracyFloor(), cost.latencyBudgetMs());
    }
}
