package dev.hone.verdict;

import dev.hone.config.DecisionConfig;
import dev.hone.results.Decision;
import dev.hone.results.GenerationEvidence;
import dev.hone.results.GeneratorResult;
import dev.hone.results.LlmFineTuneJob;
import dev.hone.results.OptimizationEvidence;
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
public final class GenerationVerdict {
    private static final String PROTOCOL = "every candidate answers the selection pairs (validation, carved from train, or test when train is too"
            + " small) and the test pairs; the best primary metric on the selection pairs within the p95 latency budget"
            + " is recommended, a cheaper candidate within decision.tie_margin of it preferred";

    private GenerationVerdict() {
    }

    /**
     * @param judged        a judge graded the answers: its normalised grade is the primary metric
     * @param onTest        there was no validation split, so the selection pairs are the test pairs
     * @param minValidation the fewest training pairs that leave a validation split (named in the caveat)
     */
    public static Decision decide(List<GeneratorResult> candidates, DecisionConfig decision, boolean judged, boolean onTest,
                                  int selectionSize, int minValidation) {
        String metric = judged ? "judge score (0–1)" : "token F1";
        String split = onTest ? "test" : "validation";
        List<GeneratorResult> within = Choice.withinLatencyBudget(candidates, decision.latencyBudgetMs());
        if (within.isEmpty()) {
            return generation(null, "none", String.format(Locale.ROOT, "no candidate answers within the %.0f ms p95 latency budget;"
                    + " raise decision.latency_budget_ms or use a faster provider or model", decision.latencyBudgetMs()), judged, onTest);
        }
        GeneratorResult best = within.stream().max(Comparator.comparingDouble(c -> primary(c, judged))).orElseThrow();
        GeneratorResult chosen = Choice.withinMargin(within, c -> primary(c, judged), primary(best, judged), decision.tieMargin()).stream()
                .min(Comparator.comparingDouble(GeneratorResult::usdPerPrediction)
                        .thenComparing(Comparator.comparingDouble((GeneratorResult c) -> primary(c, judged)).reversed()))
                .orElseThrow();
        StringBuilder reason = new StringBuilder(String.format(Locale.ROOT, "%s has %s %.3f on %s (%d pairs)", chosen.name(),
                chosen == best ? "the best " + metric : metric, primary(chosen, judged), split, selectionSize));
        if (chosen != best) {
            reason.append(String.format(Locale.ROOT, ", within the %.2f tie margin of %s (%.3f) at $%.6f instead of $%.6f per answer",
                    decision.tieMargin(), best.name(), primary(best, judged), chosen.usdPerPrediction(), best.usdPerPrediction()));
        }
        StringBuilder others = new StringBuilder();
        for (GeneratorResult c : candidates) {
            if (c == chosen || c == best) continue;
            others.append(others.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.3f", c.name(), primary(c, judged)));
            if (!within.contains(c)) others.append(" (over the latency budget)");
        }
        if (!others.isEmpty()) reason.append(" (vs ").append(others).append(')');
        GenerationEvidence.Figures test = chosen.generation().test();
        reason.append(String.format(Locale.ROOT, "; test: exact match %.3f, token F1 %.3f, p95 %.0f ms", number(test.exactMatch()),
                number(test.tokenF1()), number(chosen.latencyMsP95())));
        LlmFineTuneJob job = chosen.finetune();
        if (job != null) {
            // A tuned winner cost a job first: say what, since the per-answer price above does not show it.
            reason.append(String.format(Locale.ROOT, "; fine-tuned on %d training pairs in %.0f s %s", job.examples(), job.jobSeconds(),
                    job.inProcess() ? "on this machine" : String.format(Locale.ROOT, "for $%.4f", job.trainingUsd())));
            if (job.truncatedAnswers() > 0) {
                reason.append(String.format(Locale.ROOT, " (%d reference outputs cut to the trainer's maximum length)",
                        job.truncatedAnswers()));
            }
        }
        OptimizationEvidence search = chosen.optimization();
        if (search != null) {
            // The search's requests were paid before the first answer, like a job's training: say so beside the per-answer price.
            reason.append(String.format(Locale.ROOT, "; its prompt was searched on %d training pairs first (%d trials, %d requests)"
                    + " for $%.4f upfront", search.examples(), search.trials().size(), search.requests(), chosen.upfrontUsd()));
        }
        if (onTest) {
            reason.append(". Caveat: the training file is too small to hold out a validation split (fewer than ").append(minValidation)
                    .append(" pairs), so the choice was made on the test pairs and the winner's test figures are optimistic;"
                            + " add training pairs for an unbiased choice");
        }
        return generation(chosen.name(), "recommended", reason.toString(), judged, onTest);
    }

    /** The decision written while candidates are still being measured. */
    public static Decision pending(boolean judged, boolean onTest) {
        return generation(null, "running", "the run has not finished", judged, onTest);
    }

    private static Decision generation(String recommended, String status, String reason, boolean judged, boolean onTest) {
        return new Decision(recommended, status, reason, PROTOCOL, null, null, null, judged ? "judge_score" : "token_f1",
                onTest ? "test" : "validation");
    }

    /**
     * The figure the recommendation compares: with a judge its normalised grade (0 when no reply
     * could be read: a candidate nobody could grade ranks last), else token F1.
     */
    static double primary(GeneratorResult c, boolean judged) {
        GenerationEvidence.Figures selection = c.generation().selection();
        if (!judged) return number(selection.tokenF1());
        return selection.judgeScoreNormalised() == null ? 0 : selection.judgeScoreNormalised();
    }

    /** A figure that does not apply is null in results.json and NaN in arithmetic. */
    private static double number(Double value) {
        return value == null ? Double.NaN : value;
    }
}
