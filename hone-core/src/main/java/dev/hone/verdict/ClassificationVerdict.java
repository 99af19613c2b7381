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
import java.util.function.Function;

/**
 * Chooses the classifier to recommend, and the statistics that describe every candidate.
 * Selection reads validation figures only; the statistics describe the test set.
 */
public final class ClassificationVerdict {
    /** Significance level for McNemar. */
    public static final double ALPHA = 0.05;
    private static final int RESAMPLES = 1000;
    /** Running costs closer than this share to the cheapest count as equal (see {@link #cheapestThenSimplest}). */
    static final double COST_NOISE = 0.25;
    /** A per-request saving under this share of the prompt-only candidate's cost has no break-even. */
    static final double MIN_SAVING = 0.01;

    private ClassificationVerdict() {
    }

    /** The results with their decision and statistics, leaning on the few-shot protocol's prior where the data cannot tell. */
    public static ClassificationResults decide(ClassificationResults results, CostModel cost) {
        return decide(results, cost, RoutePrior.builtin());
    }

    /**
     * The results with their decision and statistics. The choice is a pure function of the selection
     * predictions, the config and the cost model's figures, so the same run decides the same way:
     * <ol>
     *   <li>eligible: the accuracy floor, the latency budget on the cost model's robust p95 (a candidate
     *       within the measurement's noise of the budget stays, flagged), the monthly budget;</li>
     *   <li>the best on selection, and every candidate the selection examples do not show to be worse
     *       (the interval on the paired difference includes none);</li>
     *   <li>if any of those is neither worse nor shown to be equal within {@code tie_margin}, the data
     *       cannot tell: the leader is the one of highest expected accuracy, the run's evidence
     *       combined with the few-shot protocol's prior for its route ({@link RoutePrior});</li>
     *   <li>among the leader and those shown equal to it within the margin, cost decides: the cheapest
     *       to run, then the fewest trained weights, then the better on selection.</li>
     * </ol>
     */
    public static ClassificationResults decide(ClassificationResults results, CostModel cost, RoutePrior prior) {
        List<ClassifierResult> all = results.candidates();
        List<String> testTruth = results.examples().testLabels();
        List<String> selectionTruth = results.examples().validationLabels();
        // Under repeated cross-validation every training example is predicted once per repeat.
        boolean crossValidated = results.selection() != null && results.selection().crossValidated();
        int repeats = crossValidated ? results.selection().repeats() : 1;
        String protocol = SelectionProtocol.sentence(results.selection());
        Map<String, Double> breakEven = new LinkedHashMap<>();
        for (ClassifierResult c : all) {
            breakEven.put(c.name(), breakEven(c, all, cost));
        }

        List<ClassifierResult> floorMet = all.stream().filter(c -> c.validationAccuracy() >= cost.accuracyFloor()).toList();
        List<ClassifierResult> eligible = floorMet.stream().filter(c -> fitsLatency(c, cost.latencyBudgetMs()))
                .filter(c -> Double.isNaN(cost.budgetPerMonth()) || cost.monthlyUsd(c) <= cost.budgetPerMonth())
                .sorted(Comparator.comparingDouble(ClassifierResult::validationAccuracy).reversed()
                        .thenComparing(SIMPLEST).thenComparing(ClassifierResult::name))
                .toList();
        if (eligible.isEmpty()) {
            Decision none = new Decision(null, "none", nothingReason(all, floorMet, cost), protocol, breakEven, null, null, null, null);
            return results.decided(none, statistics(all, null, testTruth, cost, results.provenance().seed()));
        }
        ClassifierResult best = eligible.get(0);
        Function<ClassifierResult, PairedDifference> fromBest = c -> PairedDifference.of(selectionTruth,
                best.validationPredictions(), c.validationPredictions(), repeats);
        List<ClassifierResult> contenders = eligible.stream().filter(c -> c == best || !fromBest.apply(c).separates()).toList();
        List<ClassifierResult> undecided = contenders.stream().filter(c -> c != best && !fromBest.apply(c).within(cost.tieMargin())).toList();
        ClassifierResult leader = best;
        Expectations expected = null;
        if (!undecided.isEmpty()) {
            expected = Expectations.of(contenders, prior, perClass(results, selectionTruth.size() / repeats), results.model(),
                    selectionTruth.size() / repeats);
            leader = expected.highest();
        }
        ClassifierResult top = leader;
        List<ClassifierResult> equal = contenders.stream().filter(c -> c == top || PairedDifference.of(selectionTruth,
                top.validationPredictions(), c.validationPredictions(), repeats).within(cost.tieMargin())).toList();
        ClassifierResult chosen = cheapestThenSimplest(equal, cost);
        ClassifierResult rival = chosen != best ? best : contenders.stream().filter(c -> c != chosen).findFirst()
                .orElse(eligible.stream().filter(c -> c != chosen).findFirst()
                        .orElse(all.stream().filter(c -> c != chosen).max(Comparator.comparingDouble(ClassifierResult::validationAccuracy)).orElse(null)));
        String status = !undecided.isEmpty() ? "uncertain" : equal.size() > 1 ? "tied" : "best";
        var why = new Reasons.Why(chosen, rival, best, leader, undecided, equal, expected, selectionTruth.size() / repeats,
                crossValidated ? "cross-validated" : "validation");
        String reason = Reasons.recommend(why, testTruth, cost, breakEven.get(chosen.name()));
        Decision decision = new Decision(chosen.name(), status, reason, protocol, breakEven,
                rival == null ? null : rival.name(), rival == null ? null : Reasons.whenWins(rival, chosen, cost), null, null);
        return results.decided(decision, statistics(all, chosen, testTruth, cost, results.provenance().seed()));
    }

    /** Labelled training examples per class (train and validation), the size the prior is read at. */
    private static double perClass(ClassificationResults results, int selectionExamples) {
        int labels = results.labels() == null || results.labels().isEmpty() ? 1 : results.labels().size();
        int examples = results.dataset() != null ? results.dataset().train() : selectionExamples;
        return (double) examples / labels;
    }

    /** Fewest trained weights first: such a candidate cannot have overfitted a small selection set, and costs least to retrain. */
    private static final Comparator<ClassifierResult> SIMPLEST = Comparator.comparingLong(ClassifierResult::trainableParameters);

    /**
     * Within the latency budget on the cost model's robust p95 (one whose latency was not measured is
     * not ruled out for it); a candidate whose rounds put the budget within their range is too close
     * to call and stays in, and the reason says so.
     */
    static boolean fitsLatency(ClassifierResult c, double budgetMs) {
        Double p95 = c.budgetLatencyMsP95();
        return p95 == null || !(p95 > budgetMs) || (c.serving() != null && c.serving().nearBudget(budgetMs));
    }

    /**
     * The cheapest to run, except that running costs within {@link #COST_NOISE} of the cheapest count
     * as equal; among those the fewest trained weights, then the better on selection, then the name.
     * The cost model gives candidates on the same encoder the same measured pass, so they differ by
     * the work they add (a k-NN's comparisons), which is far inside that share.
     */
    static ClassifierResult cheapestThenSimplest(List<ClassifierResult> equal, CostModel cost) {
        double cheapest = equal.stream().mapToDouble(cost::monthlyUsd).min().orElse(0);
        return equal.stream().filter(c -> cost.monthlyUsd(c) <= cheapest * (1 + COST_NOISE) + 1e-12)
                .min(SIMPLEST.thenComparing(Comparator.comparingDouble(ClassifierResult::validationAccuracy).reversed())
                        .thenComparing(ClassifierResult::name))
                .orElseThrow();
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
     * prompt-only candidate of at least its selection accuracy, to two significant figures (training time is a
     * measurement); null when there is no such candidate, or the saving is under {@link #MIN_SAVING} of that
     * candidate's cost per request (candidates on the same encoder differ only by their extra work, and a
     * break-even of billions of requests is no saving).
     */
    static Double breakEven(ClassifierResult c, List<ClassifierResult> all, CostModel cost) {
        if (c.promptOnly()) {
            return null;
        }
        return all.stream().filter(ClassifierResult::promptOnly)
                .filter(p -> p.validationAccuracy() >= c.validationAccuracy())
                .min(Comparator.comparingDouble(cost::perRequestUsd))
                .filter(p -> cost.perRequestUsd(p) - cost.perRequestUsd(c) > MIN_SAVING * cost.perRequestUsd(p))
                .map(p -> twoSignificant(cost.trainingUsd(c) / (cost.perRequestUsd(p) - cost.perRequestUsd(c))))
                .orElse(null);
    }

    static double twoSignificant(double requests) {
        if (!(requests > 0) || Double.isInfinite(requests)) return Math.ceil(Math.max(0, requests));
        double scale = Math.pow(10, Math.floor(Math.log10(requests)) - 1);
        return Math.max(1, Math.ceil(requests / scale) * scale);
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
