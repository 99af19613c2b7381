package dev.hone.report;

import static dev.hone.report.Html.esc;
import static dev.hone.report.Html.num;

import dev.hone.results.ClassificationResults;
import dev.hone.results.GenerationResults;
import dev.hone.results.OptimizationEvidence;
import java.util.ArrayList;
import java.util.List;

/**
 * Prompt optimisation, for each candidate whose prompt was searched ({@code optimize:}): the score of
 * the user's prompt and of the best one, the score path over the trials, the best prompt and its
 * diff from the user's. Every text from the run is escaped. Empty when nothing was optimised.
 */
final class OptimizationSection {
    /** Unchanged lines of a diff shown at most; the rest are counted. */
    static final int UNCHANGED_SHOWN = 40;
    private static final String NOTE = "Trials are scored on the training examples (or pairs) of the build that was saved (never on "
            + "validation or test); the leaderboard's validation and test figures judge the optimised prompt like any other.";

    private OptimizationSection() {
    }

    /** A candidate whose prompt was searched, of either task kind. */
    record Searched(String name, OptimizationEvidence optimization) {
    }

    static List<Searched> optimised(ClassificationResults r) {
        return r.candidates().stream().filter(c -> c.optimization() != null).map(c -> new Searched(c.name(), c.optimization())).toList();
    }

    static List<Searched> optimised(GenerationResults r) {
        return r.candidates().stream().filter(c -> c.optimization() != null).map(c -> new Searched(c.name(), c.optimization())).toList();
    }

    static String html(ClassificationResults r) {
        return html(optimised(r));
    }

    static String html(GenerationResults r) {
        return html(optimised(r));
    }

    static String markdown(ClassificationResults r) {
        return markdown(optimised(r));
    }

    static String markdown(GenerationResults r) {
        return markdown(optimised(r));
    }

    private static String html(List<Searched> optimised) {
        if (optimised.isEmpty()) return "";
        StringBuilder b = new StringBuilder("<h2>Prompt optimisation</h2><div class=\"wide\"><table><tr><th>Candidate</th>")
                .append("<th>Searched</th><th>Trials</th><th>Configured → best (training)</th><th>Requests</th><th>$</th>")
                .append("<th>Seconds</th></tr>");
        for (Searched c : optimised) {
            OptimizationEvidence o = c.optimization();
            b.append("<tr><td>").append(esc(c.name())).append("</td><td>").append(esc(o.method())).append(" (").append(esc(o.target()))
                    .append(")</td><td class=\"n\">").append(o.trials().size()).append(" / ").append(o.maxTrials())
                    .append("</td><td class=\"n\">").append(num(o.baselineScore(), 3)).append(" → ").append(num(o.bestScore(), 3))
                    .append("</td><td class=\"n\">").append(o.requests()).append("</td><td class=\"n\">").append(num(o.usd(), 4))
                    .append("</td><td class=\"n\">").append(num(o.seconds(), 1)).append("</td></tr>");
        }
        b.append("</table></div><p class=\"muted\">").append(esc(NOTE)).append("</p>");
        for (Searched c : optimised) {
            OptimizationEvidence o = c.optimization();
            b.append("<h3>").append(esc(c.name())).append("</h3><p>Scored on ").append(esc(o.scoredOn())).append(". Kept trial ")
                    .append(o.bestTrial()).append(": ").append(esc(trial(o, o.bestTrial()))).append(".</p>");
            b.append(Charts.plot("Score over trials: " + c.name(), "trial", "score on training examples", path(o), true, false));
            b.append("<p>Best prompt:</p><pre>").append(esc(o.promptAfter())).append("</pre>");
            b.append("<p>Diff from the configured prompt (− removed, + added):</p><pre>");
            for (String line : diffLines(o)) b.append(esc(line)).append('\n');
            b.append("</pre>");
        }
        return b.toString();
    }

    private static String markdown(List<Searched> optimised) {
        if (optimised.isEmpty()) return "";
        StringBuilder b = new StringBuilder("\n## Prompt optimisation\n\n| candidate | searched | trials | configured → best (training) | requests | $ |\n")
                .append("|---|---|---:|---:|---:|---:|\n");
        for (Searched c : optimised) {
            OptimizationEvidence o = c.optimization();
            b.append("| ").append(MarkdownReport.cell(c.name())).append(" | ").append(MarkdownReport.cell(o.method() + " (" + o.target() + ")"))
                    .append(" | ").append(o.trials().size()).append(" / ").append(o.maxTrials()).append(" | ")
                    .append(num(o.baselineScore(), 3)).append(" → ").append(num(o.bestScore(), 3)).append(" | ").append(o.requests())
                    .append(" | ").append(num(o.usd(), 4)).append(" |\n");
        }
        b.append('\n').append(NOTE).append('\n');
        for (Searched c : optimised) {
            OptimizationEvidence o = c.optimization();
            b.append("\n### ").append(MarkdownReport.cell(c.name())).append("\n\nScore path (kept trials): ").append(scorePath(o))
                    .append("\n\nDiff from the configured prompt:\n\n```diff\n");
            // Inside a fence nothing is rendered, so the text goes in as it is, with fences in it broken.
            for (String line : diffLines(o)) b.append(line.replace("```", "`\u200b``")).append('\n');
            b.append("```\n");
        }
        return b.toString();
    }

    /** Every trial's score, and the best so far, as chart series. */
    static List<Charts.Series> path(OptimizationEvidence o) {
        List<double[]> every = new ArrayList<>();
        List<double[]> best = new ArrayList<>();
        double running = Double.NEGATIVE_INFINITY;
        for (OptimizationEvidence.Trial t : o.trials()) {
            every.add(new double[] {t.id(), t.score()});
            if (t.kept()) running = t.score();
            best.add(new double[] {t.id(), running});
        }
        return List.of(new Charts.Series("trial", every), new Charts.Series("kept so far", best));
    }

    /** The kept trials' scores in order, e.g. "0.333 (0) → 0.667 (3) → 1.000 (9)". */
    static String scorePath(OptimizationEvidence o) {
        List<String> steps = new ArrayList<>();
        for (OptimizationEvidence.Trial t : o.trials()) if (t.kept()) steps.add(num(t.score(), 3) + " (" + t.id() + ")");
        return String.join(" → ", steps);
    }

    private static String trial(OptimizationEvidence o, int id) {
        return o.trials().stream().filter(t -> t.id() == id).map(OptimizationEvidence.Trial::prompt).findFirst().orElse("");
    }

    /** The diff as marked lines; long runs of unchanged lines are shortened to a count. */
    static List<String> diffLines(OptimizationEvidence o) {
        List<PromptDiff.Line> diff = PromptDiff.of(o.promptBefore(), o.promptAfter());
        List<String> out = new ArrayList<>();
        int unchanged = 0;
        int hidden = 0;
        for (PromptDiff.Line line : diff) {
            if (line.mark() == ' ' && ++unchanged > UNCHANGED_SHOWN) {
                hidden++;
                continue;
            }
            out.add((line.mark() == '-' ? "− " : line.mark() == '+' ? "+ " : "  ") + line.text());
        }
        if (hidden > 0) out.add("  … " + hidden + " more unchanged lines");
        if (diff.stream().allMatch(l -> l.mark() == ' ')) out.add(0, "(unchanged: the configured prompt scored best)");
        return out;
    }
}
