package dev.hone.store;

import dev.hone.verdict.McNemar;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Two stored runs side by side: candidates matched by name with their score and cost deltas (B
 * minus A), and, when both runs were measured on the same test set (equal test hashes), an exact
 * McNemar p-value per matched candidate from the stored predictions' pass or fail per example
 * (classification: the right label; generation: an exact match of the reference; retrieval: a
 * relevant document retrieved); the config and prompt differences as unified diffs.
 *
 * @param metric        what the scores are (the runs' primary metric; A's when they differ)
 * @param configDiff    unified diff of the resolved configs, A to B; empty when equal
 * @param promptChanges matched candidates whose prompt version changed
 * @param pairedOn      what passing an example means for the p-values; null when there are none
 * @param noPValues     why there are no p-values at all (different test sets, different task kinds); null otherwise
 */
public record RunComparison(String a, String b, String task, boolean sameTestSet, String metric, String recommendedA,
                            String recommendedB, List<CandidateDelta> candidates, List<String> onlyInA, List<String> onlyInB,
                            String configDiff, List<PromptChange> promptChanges, String pairedOn, String noPValues) {
    /** Below this p-value a difference counts as real (the CI gate's threshold). */
    public static final double SIGNIFICANCE = 0.05;

    /**
     * One candidate in both runs.
     *
     * @param pValue          two-sided exact McNemar p-value on the examples only one of the two passed (see
     *                        {@link RunComparison#pairedOn}); null when it cannot be computed ({@code noPValue} says why)
     * @param onlyARight      examples A's candidate passed and B's failed (null without a p-value)
     * @param onlyBRight      examples B's candidate passed and A's failed
     * @param noPValue        why {@code pValue} is null; null when there is one
     */
    public record CandidateDelta(String name, Double scoreA, Double scoreB, Double delta, Double pValue, Integer onlyARight,
                                 Integer onlyBRight, Double monthlyCostA, Double monthlyCostB, Double perRequestA,
                                 Double perRequestB, String noPValue) {
        /** B's monthly cost minus A's; null when either is unknown. */
        public Double monthlyCostDelta() {
            return monthlyCostA == null || monthlyCostB == null ? null : monthlyCostB - monthlyCostA;
        }

        public boolean significant() {
            return pValue != null && pValue < SIGNIFICANCE;
        }
    }

    /** A matched candidate whose prompt version differs; {@code diff} is empty when a text is unknown (only hashes stored). */
    public record PromptChange(String candidate, String sha256A, String sha256B, String diff) {
    }

    public static RunComparison of(RecordedRun a, RecordedRun b) {
        boolean sameTestSet = a.run().testSha256() != null && a.run().testSha256().equals(b.run().testSha256());
        String metric = a.run().primaryMetric() != null ? a.run().primaryMetric() : b.run().primaryMetric();
        String noPValues = !a.run().kind().equals(b.run().kind()) ? "the runs are of different task kinds ("
                + a.run().kind() + ", " + b.run().kind() + ")"
                : !sameTestSet ? "the runs were not measured on the same test set (their test hashes differ)"
                : passMeaning(a.run().kind()) == null ? "a " + a.run().kind() + " run has no pass or fail per example" : null;
        boolean paired = noPValues == null;
        List<CandidateDelta> deltas = new ArrayList<>();
        List<PromptChange> prompts = new ArrayList<>();
        List<String> onlyInA = new ArrayList<>();
        for (StoredCandidate ca : a.candidates()) {
            StoredCandidate cb = b.candidate(ca.name());
            if (cb == null) {
                onlyInA.add(ca.name());
                continue;
            }
            deltas.add(delta(ca, cb, noPValues));
            if (!Objects.equals(ca.promptSha256(), cb.promptSha256())) {
                String textA = ca.promptSha256() == null ? "" : a.promptText(ca.promptSha256());
                String textB = cb.promptSha256() == null ? "" : b.promptText(cb.promptSha256());
                prompts.add(new PromptChange(ca.name(), ca.promptSha256(), cb.promptSha256(),
                        textA == null || textB == null ? "" : TextDiff.of(textA, textB)));
            }
        }
        List<String> onlyInB = b.candidates().stream().map(StoredCandidate::name).filter(n -> a.candidate(n) == null).toList();
        return new RunComparison(a.run().id(), b.run().id(), a.run().task(), sameTestSet, metric, a.run().recommended(),
                b.run().recommended(), deltas, onlyInA, onlyInB, TextDiff.of(a.run().config(), b.run().config()), prompts,
                paired ? passMeaning(a.run().kind()) : null, noPValues);
    }

    /**
     * What the stored {@code correct} of a prediction means for runs of this task kind: the pass or
     * fail per example the p-values pair. For generation and retrieval it is not the primary metric
     * (token F1 or a judge's score, recall@k), which has no pass or fail; the p-value tests this instead.
     */
    static String passMeaning(String kind) {
        return switch (kind) {
            case "classification" -> "the predicted label is the gold label";
            case "generation" -> "the answer matches the reference exactly (after normalisation)";
            case "retrieval" -> "a relevant document is among those retrieved";
            default -> null;
        };
    }

    /**
     * The CI gate: B's recommended candidate when it is significantly worse (p &lt; {@value #SIGNIFICANCE}) than A's
     * candidate of the same name on a shared test set — a lower score, and fewer examples passed, the difference
     * the p-value tests; empty otherwise.
     */
    public Optional<CandidateDelta> regression() {
        if (recommendedB == null) return Optional.empty();
        return candidates.stream().filter(c -> c.name().equals(recommendedB))
                .filter(c -> c.delta() != null && c.delta() < 0 && c.significant() && c.onlyARight() > c.onlyBRight()).findFirst();
    }

    /** @param noPValues why the runs cannot be paired at all; null when they can */
    private static CandidateDelta delta(StoredCandidate a, StoredCandidate b, String noPValues) {
        Double delta = a.score() == null || b.score() == null ? null : b.score() - a.score();
        Integer onlyA = null;
        Integer onlyB = null;
        Double p = null;
        String noPValue = null;
        if (noPValues != null) {
            noPValue = noPValues;
        } else if (!pairable(a.predictions(), b.predictions())) {
            noPValue = a.predictions().isEmpty() || b.predictions().isEmpty() ? "a run holds no test predictions for it"
                    : "its predictions do not pair up (different examples, or a pass or fail missing)";
        } else {
            int countA = 0;
            int countB = 0;
            for (int i = 0; i < a.predictions().size(); i++) {
                boolean rightA = a.predictions().get(i).correct();
                boolean rightB = b.predictions().get(i).correct();
                if (rightA && !rightB) countA++;
                else if (rightB && !rightA) countB++;
            }
            onlyA = countA;
            onlyB = countB;
            p = McNemar.pValue(countA, countB);
        }
        return new CandidateDelta(a.name(), a.score(), b.score(), delta, p, onlyA, onlyB, a.monthlyCostUsd(), b.monthlyCostUsd(),
                a.perRequestUsd(), b.perRequestUsd(), noPValue);
    }

    /** Both have a right/wrong outcome for every example, in the same order (same indices, same texts). */
    private static boolean pairable(List<Prediction> a, List<Prediction> b) {
        if (a.isEmpty() || a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            Prediction pa = a.get(i);
            Prediction pb = b.get(i);
            if (pa.correct() == null || pb.correct() == null || pa.index() != pb.index()
                    || !pa.exampleSha256().equals(pb.exampleSha256())) {
                return false;
            }
        }
        return true;
    }
}
