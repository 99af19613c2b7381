package dev.hone.report;

import static dev.hone.report.Html.esc;

import dev.hone.results.Decision;
import dev.hone.results.GenerationEvidence.Answer;
import dev.hone.results.GenerationEvidence.Figures;
import dev.hone.results.GenerationEvidence;
import dev.hone.results.GenerationResults;
import dev.hone.results.GeneratorResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The report of a generation run: the recommendation, a table of the candidates' test metrics
 * (exact match, token F1, JSON validity, judge score, citation rate, recall@k, latency, cost), the
 * llm-finetune candidates' jobs (time, tokens, cost, general-text perplexity before → after), and
 * the recommended candidate's worst test answers beside their input and reference. Every string
 * from the data or the model is escaped.
 */
final class GenerationReport {
    static final int WORST_SHOWN = 5;
    /** The test metrics of the HTML table, in column order; a metric that does not apply is null (shown as –). */
    private static final List<Function<Figures, Double>> HTML_METRICS = List.of(Figures::exactMatch, Figures::tokenF1,
            Figures::jsonValidRate, Figures::judgeScore, Figures::citationRate, Figures::recallAtK);
    /** The Markdown table's metrics: the HTML table's without recall@k. */
    private static final List<Function<Figures, Double>> MARKDOWN_METRICS = HTML_METRICS.subList(0, 5);
    /** What a candidate without figures (a run still going) shows: – for every metric. */
    private static final Figures NOT_MEASURED = new Figures(0, null, null, null, null, null, 0, null, null);

    private GenerationReport() {
    }

    static String html(GenerationResults r) {
        Decision decision = ReportWriter.decision(r);
        String recommended = Html.text(decision.recommended());
        String name = ReportWriter.taskName(r);
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Hone report: ")
                .append(esc(name)).append("</title><style>")
                .append("body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1f2937}"
                        + "table{border-collapse:collapse;width:100%;font-size:13px}th,td{padding:4px 8px;border-bottom:1px solid #e5e7eb;"
                        + "text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}"
                        + ".rec{background:#ecfdf5;border-left:4px solid #059669;padding:1em}.none{background:#fef2f2;"
                        + "border-left-color:#dc2626}.muted{color:#6b7280}tr.top{background:#f0fdf4;font-weight:600}"
                        + "td.t{white-space:pre-wrap;max-width:28em}")
                .append("</style></head><body>");
        GenerationResults.Dataset d = r.dataset() == null ? new GenerationResults.Dataset(null, null, null, 0, 0, 0, 0) : r.dataset();
        b.append("<h1>").append(esc(name == null ? "Hone run" : name)).append("</h1><p class=\"muted\">generation · ")
                .append(d.trainPairs()).append(" train, ").append(d.validationPairs())
                .append(" validation, ").append(d.testPairs()).append(" test pairs · chosen by ")
                .append(esc(Html.text(decision.primaryMetric()).replace('_', ' '))).append(" on ")
                .append(esc(decision.selectionSplit())).append("</p>");
        b.append("<h2>Recommendation</h2><div class=\"rec").append(recommended.isEmpty() ? " none" : "").append("\"><p><strong>")
                .append(recommended.isEmpty() ? "No recommendation" : esc(recommended)).append("</strong></p><p>")
                .append(esc(decision.reason())).append("</p><p class=\"muted\">Protocol: ")
                .append(esc(decision.protocol())).append("</p></div>");
        b.append("<h2>Candidates (test)</h2><table><tr><th>Candidate</th><th>Kind</th><th>Exact match</th><th>Token F1</th>"
                + "<th>JSON valid</th><th>Judge</th><th>Cited</th><th>Recall@k</th><th>p50 ms</th><th>p95 ms</th><th>$/answer</th></tr>");
        for (GeneratorResult c : r.candidates()) {
            Figures test = testFigures(c);
            b.append("<tr").append(recommended.equals(c.name()) ? " class=\"top\"" : "").append("><td>")
                    .append(esc(c.name())).append("</td><td>").append(esc(c.kind())).append("</td>");
            for (Function<Figures, Double> metric : HTML_METRICS) {
                b.append("<td class=\"n\">").append(figure(metric.apply(test), 3)).append("</td>");
            }
            b.append("<td class=\"n\">").append(figure(c.latencyMsP50(), 0)).append("</td><td class=\"n\">")
                    .append(figure(c.latencyMsP95(), 0)).append("</td><td class=\"n\">")
                    .append(figure(c.usdPerPrediction(), 6)).append("</td></tr>");
        }
        b.append("</table>");
        b.append(TrainedLlmSection.jobsHtml(TrainedLlmSection.jobs(r)));
        b.append(OptimizationSection.html(r));
        b.append(worst(r, recommended));
        b.append(Sections.provenance(r.provenance(), d.train(), d.test()));
        return b.append("</body></html>\n").toString();
    }

    /** The recommended candidate's test answers with the lowest token F1 (judge score first when there is a judge). */
    private static String worst(GenerationResults r, String recommended) {
        for (GeneratorResult c : r.candidates()) {
            if (!recommended.equals(c.name())) continue;
            List<Answer> answers = new ArrayList<>();
            if (c.generation() != null && c.generation().perExample() != null) answers.addAll(c.generation().perExample());
            answers.sort(Comparator.comparingDouble((Answer a) -> a.judgeScore() == null ? Double.MAX_VALUE : a.judgeScore())
                    .thenComparingDouble(Answer::tokenF1));
            StringBuilder b = new StringBuilder("<h2>Worst answers of ").append(esc(recommended))
                    .append("</h2><table><tr><th>Input</th><th>Reference</th><th>Answer</th><th>F1</th><th>Sources</th></tr>");
            for (Answer a : answers.subList(0, Math.min(WORST_SHOWN, answers.size()))) {
                String sources = a.retrievedSources() == null ? "" : String.join(", ", a.retrievedSources());
                b.append("<tr><td class=\"t\">").append(esc(a.input())).append("</td><td class=\"t\">")
                        .append(esc(a.reference())).append("</td><td class=\"t\">").append(esc(a.answer()))
                        .append("</td><td class=\"n\">").append(figure(a.tokenF1(), 2)).append("</td><td>")
                        .append(esc(sources)).append("</td></tr>");
            }
            return b.append("</table>").toString();
        }
        return "";
    }

    static String markdown(GenerationResults r) {
        Decision d = ReportWriter.decision(r);
        StringBuilder b = new StringBuilder("# Hone: ").append(cell(ReportWriter.taskName(r))).append(" (generation)\n\n**Recommended:** ")
                .append(d.recommended() == null ? "none" : cell(d.recommended())).append("\n\n")
                .append(cell(d.reason())).append("\n\n| Candidate | Kind | Exact match | Token F1 | JSON valid | Judge | Cited | p95 ms | $/answer |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (GeneratorResult c : r.candidates()) {
            Figures test = testFigures(c);
            b.append("| ").append(cell(c.name())).append(" | ").append(cell(c.kind()));
            for (Function<Figures, Double> metric : MARKDOWN_METRICS) {
                b.append(" | ").append(figure(metric.apply(test), 3));
            }
            b.append(" | ").append(figure(c.latencyMsP95(), 0)).append(" | ").append(figure(c.usdPerPrediction(), 6)).append(" |\n");
        }
        b.append(TrainedLlmSection.jobsMarkdown(TrainedLlmSection.jobs(r)));
        return b.append(OptimizationSection.markdown(r)).toString();
    }

    private static Figures testFigures(GeneratorResult c) {
        GenerationEvidence g = c.generation();
        return g == null || g.test() == null ? NOT_MEASURED : g.test();
    }

    private static String figure(Double value, int decimals) {
        return value == null ? "–" : Html.num(value, decimals);
    }

    private static String cell(String s) {
        return esc(s).replace("|", "\\|").replace("\n", " ");
    }
}
