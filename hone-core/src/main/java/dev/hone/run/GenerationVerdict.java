package dev.hone.run;

import dev.hone.config.DecisionConfig;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The recommendation of a generation run: among candidates whose p95 latency fits the budget, the
 * best primary metric (the judge's grade when a judge is configured, else token F1) on the
 * selection pairs; a candidate within {@code tie_margin} of the best that costs less per answer is
 * preferred. When the training file was too small to spare a validation split the choice is made
 * on test, and the reason says the winner's test figures are therefore optimistic.
 */
final class GenerationVerdict {
    private GenerationVerdict() {
    }

    static Decision decide(List<GenerationCandidate> candidates, DecisionConfig decision, boolean onTest, int selectionSize) {
        String metric = !candidates.isEmpty() && candidates.get(0).selection().judged() ? "judge score (0–1)" : "token F1";
        String split = onTest ? "test" : "validation";
        List<GenerationCandidate> within = candidates.stream().filter(c -> !(c.usage().latencyP95Ms() > decision.latencyBudgetMs())).toList();
        if (within.isEmpty()) {
            return new Decision(null, String.format(Locale.ROOT, "no candidate answers within the %.0f ms p95 latency budget;"
                    + " raise decision.latency_budget_ms or use a faster provider or model", decision.latencyBudgetMs()));
        }
        GenerationCandidate best = within.stream().max(Comparator.comparingDouble(c -> c.selection().primary())).orElseThrow();
        double floor = best.selection().primary() - decision.tieMargin() - 1e-9;
        GenerationCandidate chosen = within.stream().filter(c -> c.selection().primary() >= floor)
                .min(Comparator.comparingDouble(GenerationCandidate::usdPerPrediction)
                        .thenComparing(Comparator.comparingDouble((GenerationCandidate c) -> c.selection().primary()).reversed()))
                .orElseThrow();
        StringBuilder reason = new StringBuilder(String.format(Locale.ROOT, "%s has %s %.3f on %s (%d pairs)", chosen.name(),
                chosen == best ? "the best " + metric : metric, chosen.selection().primary(), split, selectionSize));
        if (chosen != best) {
            reason.append(String.format(Locale.ROOT, ", within the %.2f tie margin of %s (%.3f) at $%.6f instead of $%.6f per answer",
                    decision.tieMargin(), best.name(), best.selection().primary(), chosen.usdPerPrediction(), best.usdPerPrediction()));
        }
        StringBuilder others = new StringBuilder();
        for (GenerationCandidate c : candidates) {
            if (c == chosen || c == best) continue;
            others.append(others.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.3f", c.name(), c.selection().primary()));
            if (!within.contains(c)) others.append(" (over the latency budget)");
        }
        if (!others.isEmpty()) reason.append(" (vs ").append(others).append(')');
        reason.append(String.format(Locale.ROOT, "; test: exact match %.3f, token F1 %.3f, p95 %.0f ms", chosen.test().exactMatch(),
                chosen.test().tokenF1(), chosen.usage().latencyP95Ms()));
        if (onTest) {
            reason.append(". Caveat: the training file is too small to hold out a validation split (fewer than ")
                    .append(dev.hone.dataset.GenerationDatasetReader.MIN_VALIDATION)
                    .append(" pairs), so the choice was made on the test pairs and the winner's test figures are optimistic;"
                            + " add training pairs for an unbiased choice");
        }
        return new Decision(chosen.name(), reason.toString());
    }
}
