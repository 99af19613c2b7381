package dev.hone.report;

import static dev.hone.report.Html.num;

import dev.hone.results.ClassificationResults;
import dev.hone.results.ClassifierResult;
import dev.hone.results.Decision;
import dev.hone.results.Statistics;
import java.util.List;

/** A compact Markdown summary of a classification run for pull requests. */
final class MarkdownReport {
    private MarkdownReport() {
    }

    static String render(ClassificationResults r) {
        Decision d = ReportWriter.decision(r);
        StringBuilder b = new StringBuilder("# Hone: ").append(cell(ReportWriter.taskName(r)))
                .append("\n\n**Recommended:** ").append(d.recommended() == null ? "none" : cell(d.recommended()))
                .append(" (").append(Html.text(d.status())).append(")\n\n").append(cell(d.reason())).append("\n\n");
        if (d.runnerUp() != null) {
            b.append("Runner-up: ").append(cell(d.runnerUp())).append(". ").append(cell(d.runnerUpWinsWhen())).append("\n\n");
        }
        b.append("| Candidate | Kind | Test accuracy | Wilson 95% | Macro-F1 | Validation acc. | p95 ms | $/month |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (ClassifierResult c : r.candidates()) {
            Statistics s = HtmlReport.statistics(r, c.name());
            List<Double> w = s == null ? null : s.accuracyWilson95();
            b.append("| ").append(cell(c.name())).append(c.refitOnAllTrainingData() ? " †" : "").append(" | ").append(cell(c.kind()))
                    .append(" | ").append(num(c.accuracy(), 3)).append(" | ")
                    .append(w != null && w.size() == 2 ? num(w.get(0), 3) + "–" + num(w.get(1), 3) : "–")
                    .append(" | ").append(num(c.macroF1(), 3)).append(" | ")
                    .append(num(c.validationAccuracy(), 3)).append(" | ")
                    .append(num(Html.orZero(c.latencyMsP95()), 1)).append(" | ")
                    .append(num(s == null ? Double.NaN : s.monthlyCostUsd(), 2)).append(" |\n");
        }
        if (r.selectionSummary() != null) b.append("\nSelection: ").append(cell(r.selectionSummary())).append(".\n");
        b.append(LlmSection.markdown(r)).append(TrainedLlmSection.markdown(r)).append(OptimizationSection.markdown(r));
        return b.append("\n").append(cell(d.protocol())).append("\n").toString();
    }

    /** Keeps dataset strings from breaking the table or injecting HTML into the rendered Markdown. */
    static String cell(String s) {
        return Html.esc(s).replace("|", "\\|").replace("\n", " ");
    }
}
