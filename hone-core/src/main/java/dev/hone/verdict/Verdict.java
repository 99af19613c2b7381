package dev.hone.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the candidate to recommend and writes {@code decision} and {@code statistics} into a results tree.
 * Selection reads validation figures only; the statistics describe the test set.
 */
public final class Verdict {
    /** Significance level for McNemar. */
    public static final double ALPHA = 0.05;
    private static final int RESAMPLES = 1000;
    /** Running costs closer than this share to the cheapest are within measurement noise (see {@link #simplestOfTheCheapest}). */
    static final double COST_NOISE = 0.25;
    private static final String PROTOCOL = "The recommendation is chosen on the validation split (accuracy floor,"
            + " latency budget, monthly budget, then validation accuracy with McNemar on validation predictions);"
            + " every figure shown is measured on the held-out test split, which played no part in the choice.";

    private Verdict() {
    }

    /** Rewrites {@code results.decision} and adds {@code results.statistics}, in place. */
    public static void decide(ObjectNode results) {
        CostModel cost = CostModel.from(results);
        List<Candidate> all = new ArrayList<>();
        results.path("candidates").forEach(n -> all.add(Candidate.from(n)));
        List<String> testTruth = labels(results.path("examples").path("test"));
        List<String> valTruth = labels(results.path("examples").path("validation"));
        long seed = results.path("provenance").path("seed").asLong(42);

        ObjectNode decision = results.putObject("decision");
        int folds = results.path("selection").path("folds").asInt(0);
        decision.put("protocol", folds > 0 ? PROTOCOL.replace("chosen on the validation split", "chosen by " + folds
                + "-fold cross-validation on the training split (out-of-fold predictions, since a held-out validation"
                + " split would have had fewer than 3 examples in a class)").replace("validation accuracy", "cross-validated accuracy")
                : PROTOCOL);
        ObjectNode breakEven = decision.putObject("break_even_requests");
        for (Candidate c : all) {
            Double requests = breakEven(c, all, cost);
            if (requests == null) {
                breakEven.putNull(c.name());
            } else {
                breakEven.put(c.name(), Math.ceil(requests));
            }
        }

        List<Candidate> floorMet = all.stream().filter(c -> c.validationAccuracy() >= cost.accuracyFloor()).toList();
        List<Candidate> eligible = floorMet.stream()
                .filter(c -> c.latencyP95() <= cost.latencyBudgetMs())
                .filter(c -> Double.isNaN(cost.budgetPerMonth()) || cost.monthlyUsd(c) <= cost.budgetPerMonth())
                .sorted(Comparator.comparingDouble(Candidate::validationAccuracy).reversed()
                        .thenComparingDouble(cost::monthlyUsd))
                .toList();
        Candidate chosen = null;
        if (eligible.isEmpty()) {
            decision.putNull("recommended");
            decision.put("status", "none");
            decision.put("reason", nothingReason(all, floorMet, cost));
        } else {
            Candidate top = eligible.get(0);
            List<Candidate> tied = eligible.stream().filter(c -> tiedOnValidation(top, c, valTruth)).toList();
            // Among candidates the validation data cannot separate and that score within the tie margin of the
            // best, the cheaper one to run is the better buy. The margin matters with tiny validation sets:
            // six examples "tie" a 0.33 with a 0.67, and cost alone must not pick the 0.33.
            double margin = tieMargin(cost, valTruth.size());
            List<Candidate> close = tied.stream()
                    .filter(c -> c.validationAccuracy() >= top.validationAccuracy() - margin - 1e-9).toList();
            chosen = simplestOfTheCheapest(close, cost).orElse(top);
            decision.put("recommended", chosen.name());
            decision.put("status", tied.size() > 1 ? "tied" : "best");
            Candidate runnerUp = eligible.stream().filter(c -> c != top).findFirst()
                    .orElse(all.stream().filter(c -> c != top).max(Comparator.comparingDouble(
                            Candidate::validationAccuracy)).orElse(null));
            Candidate rival = chosen != top ? top : runnerUp;
            decision.put("reason", Reasons.recommend(chosen, rival, tied, close, testTruth, cost, margin,
                    breakEven.path(chosen.name())));
            if (rival != null) {
                decision.put("runner_up", rival.name());
                decision.put("runner_up_wins_when", Reasons.whenWins(rival, chosen, cost));
            }
        }
        writeStatistics(results.putObject("statistics"), all, chosen, testTruth, cost, seed);
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
    static java.util.Optional<Candidate> simplestOfTheCheapest(List<Candidate> close, CostModel cost) {
        double cheapest = close.stream().mapToDouble(cost::monthlyUsd).min().orElse(0);
        return close.stream().filter(c -> cost.monthlyUsd(c) <= cheapest * (1 + COST_NOISE) + 1e-12)
                .min(Comparator.comparingLong(Candidate::trainableParameters)
                        .thenComparing(Comparator.comparingDouble(Candidate::validationAccuracy).reversed())
                        .thenComparingDouble(cost::trainingUsd)
                        .thenComparingDouble(cost::monthlyUsd));
    }

    private static void writeStatistics(ObjectNode stats, List<Candidate> all, Candidate chosen,
                                        List<String> truth, CostModel cost, long seed) {
        for (Candidate c : all) {
            ObjectNode s = stats.putObject(c.name());
            if (truth.size() == c.testPredictions().size() && !truth.isEmpty()) {
                int correct = 0;
                for (int i = 0; i < truth.size(); i++) {
                    correct += truth.get(i).equals(c.testPredictions().get(i)) ? 1 : 0;
                }
                Interval w = Interval.wilson(correct, truth.size());
                s.putArray("accuracy_wilson95").add(w.low()).add(w.high());
                Interval f = MacroF1.bootstrap(truth, c.testPredictions(), RESAMPLES, seed);
                s.putArray("macro_f1_bootstrap95").add(f.low()).add(f.high());
                if (chosen != null && c != chosen && chosen.testPredictions().size() == truth.size()) {
                    double p = McNemar.pValue(truth, chosen.testPredictions(), c.testPredictions());
                    s.put("mcnemar_p_vs_recommended", p);
                    s.put("significant", p < ALPHA);
                }
            }
            if (c.repeatAccuracies().size() >= 2) {
                double mean = c.repeatAccuracies().stream().mapToDouble(Double::doubleValue).average().orElse(0);
                double var = c.repeatAccuracies().stream().mapToDouble(a -> (a - mean) * (a - mean)).sum()
                        / (c.repeatAccuracies().size() - 1);
                s.put("accuracy_mean", mean);
                s.put("accuracy_sd", Math.sqrt(var));
            }
            if (c.stochastic() && !Double.isNaN(c.consistency())) {
                s.put("consistency", c.consistency());
            }
            s.put("monthly_cost_usd", cost.monthlyUsd(c));
            s.put("training_cost_usd", cost.trainingUsd(c));
            s.put("per_request_usd", cost.perRequestUsd(c));
        }
    }

    /**
     * Requests after which a trained candidate's training cost is paid back by serving more cheaply than the cheapest
     * prompt-only candidate of at least its validation accuracy; null when there is no such candidate or no saving.
     */
    static Double breakEven(Candidate c, List<Candidate> all, CostModel cost) {
        if (c.promptOnly()) {
            return null;
        }
        return all.stream().filter(Candidate::promptOnly)
                .filter(p -> p.validationAccuracy() >= c.validationAccuracy())
                .min(Comparator.comparingDouble(cost::perRequestUsd))
                .map(p -> cost.perRequestUsd(p) - cost.perRequestUsd(c))
                .filter(saving -> saving > 0)
                .map(saving -> cost.trainingUsd(c) / saving)
                .orElse(null);
    }

    private static boolean tiedOnValidation(Candidate top, Candidate other, List<String> truth) {
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

    private static String nothingReason(List<Candidate> all, List<Candidate> floorMet, CostModel cost) {
        Candidate best = all.stream().max(Comparator.comparingDouble(Candidate::validationAccuracy)).orElse(null);
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

    static List<String> labels(JsonNode examples) {
        List<String> out = new ArrayList<>();
        examples.forEach(e -> out.add(e.path("label").asText()));
        return out;
    }
}
