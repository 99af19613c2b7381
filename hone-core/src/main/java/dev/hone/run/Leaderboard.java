package dev.hone.run;

import dev.hone.results.ClassificationResults;
import dev.hone.results.ClassifierResult;
import dev.hone.results.Decision;
import dev.hone.results.GenerationResults;
import dev.hone.results.GeneratorResult;
import dev.hone.results.RetrievalCandidate;
import dev.hone.results.RetrievalResults;
import dev.hone.results.RunResults;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** A run's leaderboard as a plain-text table, the recommendation marked; one layout per task kind. */
public final class Leaderboard {
    private Leaderboard() {
    }

    public static String format(RunResults results) {
        return switch (results) {
            case ClassificationResults c -> classification(c.candidates(), c.decision(), c.selectionSummary());
            case RetrievalResults r -> retrieval(r.candidates(), r.decision());
            case GenerationResults g -> generation(g.candidates(), g.decision());
        };
    }

    /** Best test accuracy first; a candidate refit on train + validation after the choice is marked †. */
    private static String classification(List<ClassifierResult> results, Decision decision, String selection) {
        // Columns as wide as their longest entry, so llm-self-consistency or a long name does not shift the row.
        int nameWidth = Math.max(18, results.stream().mapToInt(r -> shownName(r).length()).max().orElse(0));
        int kindWidth = Math.max(14, results.stream().mapToInt(r -> r.kind().length()).max().orElse(0));
        String text = "%-" + nameWidth + "s %-" + kindWidth + "s";
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "  " + text + " %9s %15s %8s %8s %8s %9s %12s%n", "candidate", "kind",
                "accuracy", "95% interval", "± sd", "macro-F1", "p95 ms", "train s", "trainable"));
        results.stream().sorted(Comparator.comparingDouble(ClassifierResult::accuracy).reversed()).forEach(r -> {
            boolean recommended = decision != null && r.name().equals(decision.recommended());
            table.append(String.format(Locale.ROOT, "%s " + text + " %9.3f   [%.3f, %.3f] %8.3f %8.3f %8.1f %9.1f %12s%n",
                    recommended ? "*" : " ", shownName(r), r.kind(), r.accuracy(), r.accuracyCi95().get(0),
                    r.accuracyCi95().get(1), r.accuracySd(), r.macroF1(), r.latencyMsP95(),
                    r.trainSeconds(), String.format(Locale.ROOT, "%,d", r.trainableParameters())));
        });
        if (decision != null && decision.recommended() != null) table.append("* recommended: ").append(decision.reason()).append('\n');
        if (selection != null) table.append("selection: ").append(selection).append('\n');
        return table.toString();
    }

    private static String shownName(ClassifierResult r) {
        return r.refitOnAllTrainingData() ? r.name() + " †" : r.name();
    }

    /** One row per search mode. */
    private static String retrieval(List<RetrievalCandidate> modes, Decision decision) {
        StringBuilder table = new StringBuilder();
        int k = modes.isEmpty() ? 0 : modes.get(0).retrieval().k();
        table.append(String.format(Locale.ROOT, "  %-10s %10s %8s %10s %8s %8s%n", "mode", "recall@" + k, "MRR", "nDCG@" + k,
                "p50 ms", "p95 ms"));
        for (RetrievalCandidate c : modes) {
            table.append(String.format(Locale.ROOT, "%s %-10s %10.3f %8.3f %10.3f %8.1f %8.1f%n",
                    c.name().equals(decision.recommended()) ? "*" : " ", c.name(), c.retrieval().recallAtK(),
                    c.retrieval().mrr(), c.retrieval().ndcgAtK(), c.latencyMsP50(), c.latencyMsP95()));
        }
        return footer(table, decision);
    }

    /** One row per candidate, test figures. */
    private static String generation(List<GeneratorResult> candidates, Decision decision) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "  %-18s %-13s %7s %7s %7s %7s %7s %8s %11s%n", "candidate", "kind", "EM", "F1", "json",
                "judge", "cited", "p95 ms", "$/answer"));
        for (GeneratorResult c : candidates) {
            var g = c.generation().test();
            table.append(String.format(Locale.ROOT, "%s %-18s %-13s %7s %7s %7s %7s %7s %8.0f %11.6f%n",
                    c.name().equals(decision.recommended()) ? "*" : " ", c.name(), c.kind(), figure(g.exactMatch()),
                    figure(g.tokenF1()), figure(g.jsonValidRate()), figure(g.judgeScore()), figure(g.citationRate()),
                    c.latencyMsP95() == null ? 0.0 : c.latencyMsP95(), c.usdPerPrediction()));
        }
        return footer(table, decision);
    }

    private static String footer(StringBuilder table, Decision decision) {
        table.append(decision.recommended() == null ? "no recommendation: " : "* recommended: ").append(decision.reason()).append('\n');
        return table.toString();
    }

    private static String figure(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.3f", value);
    }
}
