package dev.hone.report;

import static dev.hone.report.Html.esc;
import static dev.hone.report.Html.num;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the self-contained HTML report: inline CSS and SVG, no scripts, no network. */
final class HtmlReport {
    private static final String CSS = "body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2em auto;"
            + "padding:0 1em;color:#1f2937}h1{margin-bottom:0}h2{border-bottom:1px solid #e5e7eb;padding-bottom:.2em;"
            + "margin-top:2em}table{border-collapse:collapse;width:100%;font-size:13px}.wide{overflow-x:auto}th,td{padding:4px 8px;"
            + "border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top}td.n{text-align:right;"
            + "font-variant-numeric:tabular-nums}.rec{background:#ecfdf5;border-left:4px solid #059669;padding:1em}"
            + ".none{background:#fef2f2;border-left-color:#dc2626}.muted{color:#6b7280}.axis{font-size:11px;"
            + "fill:#374151}tr.top{background:#f0fdf4;font-weight:600}.chart{max-width:100%;height:auto}";

    private HtmlReport() {
    }

    static String render(JsonNode r) {
        JsonNode decision = r.path("decision");
        JsonNode stats = r.path("statistics");
        String recommended = decision.path("recommended").asText("");
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Hone report: ").append(esc(r.path("task").path("name").asText())).append("</title><style>")
                .append(CSS).append("</style></head><body>");
        b.append("<h1>").append(esc(r.path("task").path("name").asText("Hone run"))).append("</h1><p class=\"muted\">")
                .append(esc(r.path("task").path("kind").asText())).append(" · model ")
                .append(esc(r.path("model").asText())).append(" · ").append(r.path("examples").path("test").size())
                .append(" test examples</p>");

        b.append("<h2>Recommendation</h2><div class=\"rec").append(recommended.isEmpty() ? " none" : "")
                .append("\"><p><strong>").append(recommended.isEmpty() ? "No recommendation" : esc(recommended))
                .append("</strong> (").append(esc(decision.path("status").asText())).append(")</p><p>")
                .append(esc(decision.path("reason").asText())).append("</p>");
        if (decision.has("runner_up")) {
            b.append("<p>Runner-up: <strong>").append(esc(decision.path("runner_up").asText())).append("</strong>. ")
                    .append(esc(decision.path("runner_up_wins_when").asText())).append("</p>");
        }
        b.append("<p class=\"muted\">Protocol: ").append(esc(decision.path("protocol").asText())).append("</p></div>");

        b.append("<h2>Leaderboard (test split)</h2><div class=\"wide\"><table><tr><th>Candidate</th><th>Kind</th><th>Accuracy</th>"
                + "<th>Wilson 95%</th><th>Macro-F1</th><th>Bootstrap 95%</th><th>vs recommended</th>"
                + "<th>Validation acc.</th><th>p95 ms</th><th>$/month</th><th>Training $</th><th>Break-even req.</th>"
                + "<th>Consistency</th><th>Forgetting</th></tr>");
        for (JsonNode c : r.path("candidates")) {
            String name = c.path("name").asText();
            JsonNode s = stats.path(name);
            b.append("<tr").append(name.equals(recommended) ? " class=\"top\"" : "").append("><td>").append(esc(name))
                    .append("</td><td>").append(esc(c.path("kind").asText())).append("</td><td class=\"n\">")
                    .append(num(c.path("accuracy").asDouble(), 3)).append(sd(c.path("accuracy_sd")))
                    .append("</td><td class=\"n\">").append(range(s.path("accuracy_wilson95")))
                    .append("</td><td class=\"n\">").append(num(c.path("macro_f1").asDouble(), 3))
                    .append("</td><td class=\"n\">").append(range(s.path("macro_f1_bootstrap95")))
                    .append("</td><td>").append(significance(s)).append("</td><td class=\"n\">")
                    .append(num(c.path("validation_accuracy").asDouble(Double.NaN), 3)).append("</td><td class=\"n\">")
                    .append(num(c.path("latency_ms_p95").asDouble(), 1)).append("</td><td class=\"n\">")
                    .append(num(s.path("monthly_cost_usd").asDouble(Double.NaN), 4)).append("</td><td class=\"n\">")
                    .append(num(s.path("training_cost_usd").asDouble(Double.NaN), 4)).append("</td><td class=\"n\">")
                    .append(breakEven(decision.path("break_even_requests").path(name))).append("</td><td class=\"n\">")
                    .append(num(s.path("consistency").asDouble(Double.NaN), 3)).append("</td><td class=\"n\">")
                    .append(forgetting(c.path("forgetting"))).append("</td></tr>");
        }
        b.append("</table></div><p class=\"muted\">* p&lt;0.05, ** p&lt;0.01, *** p&lt;0.001 (exact McNemar against the "
                + "recommended candidate on the same test examples); ± is the standard deviation over repeats. Forgetting: "
                + "how often the encoder ranks a paraphrase above a near miss on Hone's general-purpose probe, "
                + "pretrained → tuned (a fall means the tuning cost general sentence understanding).</p>");

        b.append(LlmSection.html(r));
        b.append("<h2>Cost against monthly volume</h2>").append(costChart(r)).append("<h2>Accuracy against latency</h2>")
                .append(scatter(r));
        if (r.has("learning_curve")) {
            List<Charts.Series> curves = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : r.path("learning_curve").properties()) {
                List<double[]> pts = new ArrayList<>();
                e.getValue().forEach(p -> pts.add(new double[] {p.path("per_class").asDouble(),
                    p.path("accuracy").asDouble()}));
                curves.add(new Charts.Series(e.getKey(), pts));
            }
            b.append("<h2>Learning curves</h2>").append(Charts.plot("Learning curves", "labelled examples per class",
                    "accuracy", curves, true, false));
            if (r.has("learning_curve_summary")) {
                b.append("<p>").append(esc(r.path("learning_curve_summary").asText())).append("</p>");
            }
        }
        b.append(Sections.confusionAndErrors(r, recommended)).append(Sections.checks(r)).append(Sections.provenance(r));
        return b.append("</body></html>\n").toString();
    }

    private static String costChart(JsonNode r) {
        double monthly = r.path("config").path("decision").path("monthly_requests").asDouble(100_000);
        List<Charts.Series> series = new ArrayList<>();
        for (JsonNode c : r.path("candidates")) {
            JsonNode s = r.path("statistics").path(c.path("name").asText());
            double perRequest = s.path("per_request_usd").asDouble();
            double training = s.path("training_cost_usd").asDouble();
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i <= 40; i++) {
                double volume = Math.pow(10, 2 + i * (Math.log10(Math.max(monthly * 10, 1000)) - 2) / 40);
                pts.add(new double[] {volume, training + perRequest * volume});
            }
            series.add(new Charts.Series(c.path("name").asText(), pts));
        }
        return Charts.plot("Total cost (training + serving) by requests", "requests (log scale)",
                "USD for the first N requests", series, true, true)
                + "<p class=\"muted\">Lines cross where a trained candidate's training cost is paid back; the "
                + "break-even column lists that volume against the cheapest prompt-only candidate at least as accurate."
                + "</p>";
    }

    private static String scatter(JsonNode r) {
        List<Charts.Series> series = new ArrayList<>();
        for (JsonNode c : r.path("candidates")) {
            series.add(new Charts.Series(c.path("name").asText(), List.of(new double[] {
                c.path("latency_ms_p95").asDouble(), c.path("accuracy").asDouble()})));
        }
        return Charts.plot("Accuracy against p95 latency", "p95 latency (ms)", "test accuracy", series, false, false);
    }

    private static String range(JsonNode pair) {
        return pair.size() == 2 ? num(pair.get(0).asDouble(), 3) + "–" + num(pair.get(1).asDouble(), 3) : "–";
    }

    private static String sd(JsonNode sd) {
        return sd.isNumber() ? " ± " + num(sd.asDouble(), 3) : "";
    }

    private static String significance(JsonNode s) {
        if (!s.has("mcnemar_p_vs_recommended")) {
            return "";
        }
        double p = s.path("mcnemar_p_vs_recommended").asDouble();
        String stars = p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : "n.s.";
        return stars + " <span class=\"muted\">p=" + num(p, 3) + "</span>";
    }

    private static String breakEven(JsonNode v) {
        return v.isNumber() ? String.format(java.util.Locale.ROOT, "%,.0f", v.asDouble()) : "–";
    }

    private static String forgetting(JsonNode f) {
        return f.isObject() ? num(f.path("probe_accuracy_before").asDouble(), 2) + " → "
                + num(f.path("probe_accuracy_after").asDouble(), 2) : "–";
    }
}
