package dev.hone.report;

import static dev.hone.report.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The report of a generation run: the recommendation, a table of the candidates' test metrics
 * (exact match, token F1, JSON validity, judge score, citation rate, recall@k, latency, cost), and
 * the recommended candidate's worst test answers beside their input and reference. Every string
 * from the data or the model is escaped.
 */
final class GenerationReport {
    static final int WORST_SHOWN = 5;

    private GenerationReport() {
    }

    static String html(JsonNode r) {
        JsonNode decision = r.path("decision");
        String recommended = decision.path("recommended").asText("");
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Hone report: ")
                .append(esc(r.path("task").path("name").asText())).append("</title><style>")
                .append("body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1f2937}"
                        + "table{border-collapse:collapse;width:100%;font-size:13px}th,td{padding:4px 8px;border-bottom:1px solid #e5e7eb;"
                        + "text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}"
                        + ".rec{background:#ecfdf5;border-left:4px solid #059669;padding:1em}.none{background:#fef2f2;"
                        + "border-left-color:#dc2626}.muted{color:#6b7280}tr.top{background:#f0fdf4;font-weight:600}"
                        + "td.t{white-space:pre-wrap;max-width:28em}")
                .append("</style></head><body>");
        JsonNode d = r.path("dataset");
        b.append("<h1>").append(esc(r.path("task").path("name").asText("Hone run"))).append("</h1><p class=\"muted\">generation · ")
                .append(d.path("train_pairs").asInt()).append(" train, ").append(d.path("validation_pairs").asInt())
                .append(" validation, ").append(d.path("test_pairs").asInt()).append(" test pairs · chosen by ")
                .append(esc(decision.path("primary_metric").asText().replace('_', ' '))).append(" on ")
                .append(esc(decision.path("selection_split").asText())).append("</p>");
        b.append("<h2>Recommendation</h2><div class=\"rec").append(recommended.isEmpty() ? " none" : "").append("\"><p><strong>")
                .append(recommended.isEmpty() ? "No recommendation" : esc(recommended)).append("</strong></p><p>")
                .append(esc(decision.path("reason").asText())).append("</p><p class=\"muted\">Protocol: ")
                .append(esc(decision.path("protocol").asText())).append("</p></div>");
        b.append("<h2>Candidates (test)</h2><table><tr><th>Candidate</th><th>Kind</th><th>Exact match</th><th>Token F1</th>"
                + "<th>JSON valid</th><th>Judge</th><th>Cited</th><th>Recall@k</th><th>p50 ms</th><th>p95 ms</th><th>$/answer</th></tr>");
        for (JsonNode c : r.path("candidates")) {
            JsonNode g = c.path("generation");
            b.append("<tr").append(c.path("name").asText().equals(recommended) ? " class=\"top\"" : "").append("><td>")
                    .append(esc(c.path("name").asText())).append("</td><td>").append(esc(c.path("kind").asText())).append("</td>");
            for (String metric : List.of("exact_match", "token_f1", "json_valid_rate", "judge_score", "citation_rate", "recall_at_k")) {
                b.append("<td class=\"n\">").append(figure(g.path(metric), 3)).append("</td>");
            }
            b.append("<td class=\"n\">").append(figure(c.path("latency_ms_p50"), 0)).append("</td><td class=\"n\">")
                    .append(figure(c.path("latency_ms_p95"), 0)).append("</td><td class=\"n\">")
                    .append(figure(c.path("usd_per_prediction"), 6)).append("</td></tr>");
        }
        b.append("</table>");
        b.append(worst(r, recommended));
        b.append(Sections.provenance(r));
        return b.append("</body></html>\n").toString();
    }

    /** The recommended candidate's test answers with the lowest token F1 (judge score first when there is a judge). */
    private static String worst(JsonNode r, String recommended) {
        for (JsonNode c : r.path("candidates")) {
            if (!c.path("name").asText().equals(recommended)) continue;
            List<JsonNode> answers = new ArrayList<>();
            c.path("generation").path("per_example").forEach(answers::add);
            answers.sort(Comparator.comparingDouble((JsonNode a) -> a.path("judge_score").asDouble(Double.MAX_VALUE))
                    .thenComparingDouble(a -> a.path("token_f1").asDouble()));
            StringBuilder b = new StringBuilder("<h2>Worst answers of ").append(esc(recommended))
                    .append("</h2><table><tr><th>Input</th><th>Reference</th><th>Answer</th><th>F1</th><th>Sources</th></tr>");
            for (JsonNode a : answers.subList(0, Math.min(WORST_SHOWN, answers.size()))) {
                StringBuilder sources = new StringBuilder();
                a.path("retrieved_sources").forEach(s -> sources.append(sources.isEmpty() ? "" : ", ").append(s.asText()));
                b.append("<tr><td class=\"t\">").append(esc(a.path("input").asText())).append("</td><td class=\"t\">")
                        .append(esc(a.path("reference").asText())).append("</td><td class=\"t\">").append(esc(a.path("answer").asText()))
                        .append("</td><td class=\"n\">").append(figure(a.path("token_f1"), 2)).append("</td><td>")
                        .append(esc(sources.toString())).append("</td></tr>");
            }
            return b.append("</table>").toString();
        }
        return "";
    }

    static String markdown(JsonNode r) {
        JsonNode d = r.path("decision");
        StringBuilder b = new StringBuilder("# Hone: ").append(cell(r.path("task").path("name").asText())).append(" (generation)\n\n**Recommended:** ")
                .append(d.path("recommended").isNull() ? "none" : cell(d.path("recommended").asText())).append("\n\n")
                .append(cell(d.path("reason").asText())).append("\n\n| Candidate | Kind | Exact match | Token F1 | JSON valid | Judge | Cited | p95 ms | $/answer |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (JsonNode c : r.path("candidates")) {
            JsonNode g = c.path("generation");
            b.append("| ").append(cell(c.path("name").asText())).append(" | ").append(cell(c.path("kind").asText()));
            for (String metric : List.of("exact_match", "token_f1", "json_valid_rate", "judge_score", "citation_rate")) {
                b.append(" | ").append(figure(g.path(metric), 3));
            }
            b.append(" | ").append(figure(c.path("latency_ms_p95"), 0)).append(" | ").append(figure(c.path("usd_per_prediction"), 6)).append(" |\n");
        }
        return b.toString();
    }

    private static String figure(JsonNode value, int decimals) {
        return value.isNumber() ? Html.num(value.asDouble(), decimals) : "–";
    }

    private static String cell(String s) {
        return esc(s).replace("|", "\\|").replace("\n", " ");
    }
}
