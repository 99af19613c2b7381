package dev.hone.report;

import static dev.hone.report.Html.esc;
import static dev.hone.report.Html.num;
import static dev.hone.report.Html.orNaN;
import static dev.hone.report.Html.orZero;

import dev.hone.results.ClassificationResults;
import dev.hone.results.ClassifierResult;
import dev.hone.results.Decision;
import dev.hone.results.Forgetting;
import dev.hone.results.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the self-contained HTML report of a classification run: inline CSS and SVG, no scripts, no
 * network. Statistics the file lacks (a run still going, an older file) show as –.
 */
final class HtmlReport {
    private HtmlReport() {
    }

    static String render(ClassificationResults r) {
        Decision decision = ReportWriter.decision(r);
        String recommended = Html.text(decision.recommended());
        String name = ReportWriter.taskName(r);
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Hone report: ").append(esc(name)).append("</title><style>")
                .append(Html.STYLE).append("</style></head><body>");
        b.append("<h1>").append(esc(name == null ? "Hone run" : name)).append("</h1><p class=\"muted\">")
                .append(esc(r.task() == null ? null : r.task().kind())).append(" · model ")
                .append(esc(r.model())).append(" · ").append(Sections.testExamples(r).size())
                .append(" test examples</p>");

        b.append("<h2>Recommendation</h2><div class=\"rec").append(recommended.isEmpty() ? " none" : "")
                .append("\"><p><strong>").append(recommended.isEmpty() ? "No recommendation" : esc(recommended))
                .append("</strong> (").append(esc(decision.status())).append(")</p><p>")
                .append(esc(decision.reason())).append("</p>");
        if (decision.runnerUp() != null) {
            b.append("<p>Runner-up: <strong>").append(esc(decision.runnerUp())).append("</strong>. ")
                    .append(esc(decision.runnerUpWinsWhen())).append("</p>");
        }
        b.append("<p class=\"muted\">Protocol: ").append(esc(decision.protocol())).append("</p>");
        ClassifierResult chosen = r.candidate(decision.recommended() == null ? "" : decision.recommended());
        if (chosen != null && chosen.serving() != null) {
            b.append("<p class=\"muted\">Serving cost: ").append(esc(chosen.serving().basis())).append(". The latency budget is"
                    + " checked on the cost model's p95; the table's p95 is each candidate's own timing.</p>");
        }
        b.append("</div>");

        b.append("<h2>Leaderboard (test split)</h2><div class=\"wide\"><table><tr><th>Candidate</th><th>Kind</th><th>Accuracy</th>"
                + "<th>Wilson 95%</th><th>Macro-F1</th><th>Bootstrap 95%</th><th>vs recommended</th>"
                + "<th>Validation acc.</th><th>p95 ms</th><th>$/month</th><th>Training $</th><th>Break-even req.</th>"
                + "<th>Consistency</th><th>Forgetting</th></tr>");
        for (ClassifierResult c : r.candidates()) {
            Statistics s = statistics(r, c.name());
            b.append("<tr").append(c.name().equals(recommended) ? " class=\"top\"" : "").append("><td>").append(esc(c.name()))
                    .append(c.refitOnAllTrainingData() ? " †" : "")
                    .append("</td><td>").append(esc(c.kind())).append("</td><td class=\"n\">")
                    .append(num(c.accuracy(), 3)).append(sd(c.accuracySd()))
                    .append("</td><td class=\"n\">").append(range(s == null ? null : s.accuracyWilson95()))
                    .append("</td><td class=\"n\">").append(num(c.macroF1(), 3))
                    .append("</td><td class=\"n\">").append(range(s == null ? null : s.macroF1Bootstrap95()))
                    .append("</td><td>").append(significance(s)).append("</td><td class=\"n\">")
                    .append(num(c.validationAccuracy(), 3)).append("</td><td class=\"n\">")
                    .append(num(orZero(c.latencyMsP95()), 1)).append("</td><td class=\"n\">")
                    .append(num(s == null ? Double.NaN : s.monthlyCostUsd(), 4)).append("</td><td class=\"n\">")
                    .append(num(s == null ? Double.NaN : s.trainingCostUsd(), 4)).append("</td><td class=\"n\">")
                    .append(breakEven(decision, c.name())).append("</td><td class=\"n\">")
                    .append(num(s == null ? Double.NaN : orNaN(s.consistency()), 3)).append("</td><td class=\"n\">")
                    .append(forgetting(c)).append("</td></tr>");
        }
        b.append("</table></div>");
        if (r.selectionSummary() != null) b.append("<p>Selection: ").append(esc(r.selectionSummary())).append(".</p>");
        b.append("<p class=\"muted\">* p&lt;0.05, ** p&lt;0.01, *** p&lt;0.001 (exact McNemar against the "
                + "recommended candidate on the same test examples); ± is the standard deviation over repeats. Forgetting: "
                + "how often the encoder ranks a paraphrase above a near miss on Hone's general-purpose probe, "
                + "pretrained → tuned (a fall means the tuning cost general sentence understanding); for a fine-tuned LLM, "
                + "its perplexity (ppl) on Hone's general-English text, base → tuned (a rise means the tuning cost general language).</p>");

        b.append(LlmSection.html(r));
        b.append(OptimizationSection.html(r));
        b.append("<h2>Cost against monthly volume</h2>").append(costChart(r)).append("<h2>Accuracy against latency</h2>")
                .append(scatter(r));
        if (r.learningCurve() != null) {
            List<Charts.Series> curves = new ArrayList<>();
            r.learningCurve().forEach((candidate, points) -> curves.add(new Charts.Series(candidate,
                    points.stream().map(p -> new double[] {p.perClass(), p.accuracy()}).toList())));
            b.append("<h2>Learning curves</h2>").append(Charts.plot("Learning curves", "labelled examples per class",
                    "accuracy", curves, true, false));
            if (r.learningCurveSummary() != null) {
                b.append("<p>").append(esc(r.learningCurveSummary())).append("</p>");
            }
        }
        b.append(Sections.confusionAndErrors(r, recommended)).append(Sections.checks(r))
                .append(Sections.provenance(r.provenance(), r.dataset() == null ? "" : String.valueOf(r.dataset().train()),
                        r.dataset() == null ? "" : String.valueOf(r.dataset().test())));
        return b.append("</body></html>\n").toString();
    }

    /** The verdict's statistics of one candidate, or null when the file has none (a run still going, an older file). */
    static Statistics statistics(ClassificationResults r, String candidate) {
        return r.statistics() == null ? null : r.statistics().get(candidate);
    }

    /** Total cost by volume; a candidate without statistics has no line (its costs were not reckoned). */
    private static String costChart(ClassificationResults r) {
        double monthly = r.monthlyRequests();
        List<Charts.Series> series = new ArrayList<>();
        for (ClassifierResult c : r.candidates()) {
            Statistics s = statistics(r, c.name());
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; s != null && i <= 40; i++) {
                double volume = Math.pow(10, 2 + i * (Math.log10(Math.max(monthly * 10, 1000)) - 2) / 40);
                pts.add(new double[] {volume, s.trainingCostUsd() + s.perRequestUsd() * volume});
            }
            series.add(new Charts.Series(c.name(), pts));
        }
        return Charts.plot("Total cost (training + serving) by requests", "requests (log scale)",
                "USD for the first N requests", series, true, true)
                + "<p class=\"muted\">Lines cross where a trained candidate's training cost is paid back; the "
                + "break-even column lists that volume against the cheapest prompt-only candidate at least as accurate."
                + "</p>";
    }

    private static String scatter(ClassificationResults r) {
        List<Charts.Series> series = new ArrayList<>();
        for (ClassifierResult c : r.candidates()) {
            series.add(new Charts.Series(c.name(), List.of(new double[] {orZero(c.latencyMsP95()), c.accuracy()})));
        }
        return Charts.plot("Accuracy against p95 latency", "p95 latency (ms)", "test accuracy", series, false, false);
    }

    private static String range(List<Double> pair) {
        return pair != null && pair.size() == 2 ? num(pair.get(0), 3) + "–" + num(pair.get(1), 3) : "–";
    }

    private static String sd(double sd) {
        return Double.isNaN(sd) ? "" : " ± " + num(sd, 3);
    }

    private static String significance(Statistics s) {
        if (s == null || s.mcnemarPVsRecommended() == null) {
            return "";
        }
        double p = s.mcnemarPVsRecommended();
        String stars = p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : "n.s.";
        return stars + " <span class=\"muted\">p=" + num(p, 3) + "</span>";
    }

    private static String breakEven(Decision decision, String candidate) {
        Map<String, Double> requests = decision.breakEvenRequests();
        Double v = requests == null ? null : requests.get(candidate);
        return v == null || v.isNaN() ? "–" : String.format(Locale.ROOT, "%,.0f", v);
    }

    /** An encoder's probe accuracy, or a tuned generative model's general-text perplexity, before → after tuning. */
    private static String forgetting(ClassifierResult c) {
        if (c.finetune() != null && c.finetune().forgetting() != null) return "ppl " + TrainedLlmSection.perplexity(c.finetune().forgetting());
        Forgetting f = c.forgetting();
        return f == null ? "–" : num(f.probeAccuracyBefore(), 2) + " → " + num(f.probeAccuracyAfter(), 2);
    }
}
