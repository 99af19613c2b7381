package dev.hone.run;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The leaderboard as a plain-text table, best test accuracy first, the recommendation marked. */
public final class Leaderboard {
    private Leaderboard() {
    }

    public static String format(List<CandidateResult> results, Decision decision) {
        // Columns as wide as their longest entry, so llm-self-consistency or a long name does not shift the row.
        int nameWidth = Math.max(18, results.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        int kindWidth = Math.max(14, results.stream().mapToInt(r -> r.kind().id().length()).max().orElse(0));
        String text = "%-" + nameWidth + "s %-" + kindWidth + "s";
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "  " + text + " %9s %15s %8s %8s %8s %9s %12s%n", "candidate", "kind",
                "accuracy", "95% interval", "± sd", "macro-F1", "p95 ms", "train s", "trainable"));
        results.stream().sorted(Comparator.comparingDouble((CandidateResult r) -> r.test().accuracy()).reversed()).forEach(r -> {
            boolean recommended = decision != null && r.name().equals(decision.recommended());
            table.append(String.format(Locale.ROOT, "%s " + text + " %9.3f   [%.3f, %.3f] %8.3f %8.3f %8.1f %9.1f %12s%n",
                    recommended ? "*" : " ", r.name(), r.kind().id(), r.test().accuracy(), r.test().accuracyInterval()[0],
                    r.test().accuracyInterval()[1], r.accuracySd(), r.test().macroF1(), r.timing().latencyP95Ms(),
                    r.trainSeconds(), String.format(Locale.ROOT, "%,d", r.trainableParameters())));
        });
        if (decision != null && decision.recommended() != null) table.append("* recommended: ").append(decision.reason()).append('\n');
        return table.toString();
    }
}
