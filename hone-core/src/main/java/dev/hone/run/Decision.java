package dev.hone.run;

import dev.hone.config.DecisionConfig;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The recommendation: the best VALIDATION accuracy among candidates within the latency budget
 * (and above the accuracy floor when any is); test figures are reported, never used to choose.
 */
public record Decision(String recommended, String reason) {

    public static Decision of(List<CandidateResult> results, DecisionConfig config) {
        if (results.isEmpty()) return new Decision(null, "no candidates were measured");
        Comparator<CandidateResult> byValidation = Comparator.comparingDouble(r -> r.validation().accuracy());
        List<CandidateResult> withinBudget = results.stream()
                .filter(r -> r.timing().latencyP95Ms() <= config.latencyBudgetMs()).toList();
        List<CandidateResult> pool = withinBudget.isEmpty() ? results : withinBudget;
        CandidateResult best = pool.stream().max(byValidation.thenComparing(r -> -r.trainSeconds())).orElseThrow();
        Optional<CandidateResult> runnerUp = pool.stream().filter(r -> r != best).max(byValidation);
        StringBuilder reason = new StringBuilder(String.format(Locale.ROOT,
                "%s has the best validation accuracy (%.3f; test %.3f) with p95 latency %.1f ms", best.name(),
                best.validation().accuracy(), best.test().accuracy(), best.timing().latencyP95Ms()));
        reason.append(withinBudget.isEmpty()
                ? String.format(Locale.ROOT, ", but no candidate meets the %.0f ms latency budget", config.latencyBudgetMs())
                : String.format(Locale.ROOT, " within the %.0f ms budget", config.latencyBudgetMs()));
        runnerUp.ifPresent(r -> reason.append(String.format(Locale.ROOT, "; runner-up %s at %.3f", r.name(), r.validation().accuracy())));
        if (best.test().accuracy() < config.accuracyFloor()) {
            reason.append(String.format(Locale.ROOT, "; below the accuracy floor of %.2f: try more examples per class, "
                    + "the larger encoder (bge-small-en-v1.5) or more epochs", config.accuracyFloor()));
        }
        return new Decision(best.name(), reason.toString());
    }
}
