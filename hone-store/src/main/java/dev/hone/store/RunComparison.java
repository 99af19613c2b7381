package dev.hone.store;

import dev.hone.verdict.McNemar;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Two stored runs side by side: candidates matched by name with their score and cost deltas (B
 * minus A), and, when both runs were measured on the same test set (equal test hashes), an exact
 * McNemar p-value per matched candidate from the stored predictions; the config and prompt
 * differences as unified diffs.
 *
 * @param metric        what the scores are (the runs' primary metric; A's when they differ)
 * @param configDiff    unified diff of the resolved configs, A to B; empty when equal
 * @param promptChanges matched candidates whose prompt version changed
 */
public record RunComparison(String a, String b, String task, boolean sameTestSet, String metric, String recommendedA,
                            String recommendedB, List<CandidateDelta> candidates, List<String> onlyInA, List<String> onlyInB,
                            String configDiff, List<PromptChange> promptChanges) {
    /** Below this p-value a difference counts as real (the CI gate's threshold). */
    public static final double SIGNIFICANCE = 0.05;

    /**
     * One candidate in both runs.
     *
     * @param pValue          two-sided exact McNemar p-value on the examples only one of the two got right; null when
     *                        the runs do not share a test set or the metric is not right/wrong per example (only
     *                        accuracy is)
     * @param onlyARight      examples A's candidate got right and B's wrong (null without a p-value)
     * @param onlyBRight      examples B's candidate got right and A's wrong
     */
    public record CandidateDelta(String name, Double scoreA, Double scoreB, Double delta, Double pValue, Integer onlyARight,
                                 Integer onlyBRight, Double monthlyCostA, Double monthlyCostB, Double perRequestA,
                                 Double perRequestB) {
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
        boolean paired = sameTestSet && "accuracy".equals(metric) && Objects.equals(a.run().primaryMetric(), b.run().primaryMetric());
        List<CandidateDelta> deltas = new ArrayList<>();
        List<PromptChange> prompts = new ArrayList<>();
        List<String> onlyInA = new ArrayList<>();
        for (StoredCandidate ca : a.candidates()) {
            StoredCandidate cb = b.candidate(ca.name());
            if (cb == null) {
                onlyInA.add(ca.name());
                continue;
            }
            deltas.add(delta(ca, cb, paired));
            if (!Objects.equals(ca.promptSha256(), cb.promptSha256())) {
                String textA = ca.promptSha256() == null ? "" : a.promptText(ca.promptSha256());
                String textB = cb.promptSha256() == null ? "" : b.promptText(cb.promptSha256());
                prompts.add(new PromptChange(ca.name(), ca.promptSha256(), cb.promptSha256(),
                        textA == null || textB == null ? "" : TextDiff.of(textA, textB)));
            }
        }
        List<String> onlyInB = b.candidates().stream().map(StoredCandidate::name).filter(n -> a.candidate(n) == null).toList();
        return new RunComparison(a.run().id(), b.run().id(), a.run().task(), sameTestSet, metric, a.run().recommended(),
                b.run().recommended(), deltas, onlyInA, onlyInB, TextDiff.of(a.run().config(), b.run().config()), prompts);
    }

    /**
     * The CI gate: B's recommended candidate when it is significantly worse (p &lt; {@value #SIGNIFICANCE}) than A's
     * candidate of the same name on a shared test set; empty otherwise.
     */
    public Optional<CandidateDelta> regression() {
        if (recommendedB == null) return Optional.empty();
        return candidates.stream().filter(c -> c.name().equals(recommendedB))
                .filter(c -> c.delta() != null && c.delta() < 0 && c.significant()).findFirst();
    }

    private static CandidateDelta delta(StoredCandidate a, StoredCandidate b, boolean paired) {
        Double delta = a.score() == null || b.score() == null ? null : b.score() - a.score();
        Integer onlyA = null;
        Integer onlyB = null;
        Double p = null;
        if (paired && pairable(a.predictions(), b.predictions())) {
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
                a.perRequestUsd(), b.perRequestUsd());
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
