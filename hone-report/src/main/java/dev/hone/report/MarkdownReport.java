package dev.hone.report;

import com.fasterxml.jackson.databind.JsonNode;

/** A compact Markdown summary of a run for pull requests. */
final class MarkdownReport {
    private MarkdownReport() {
    }

    static String render(JsonNode r) {
        JsonNode d = r.path("decision");
        StringBuilder b = new StringBuilder("# Hone: ").append(cell(r.path("task").path("name").asText()))
                .append("\n\n**Recommended:** ").append(d.path("recommended").isNull() ? "none"
                        : cell(d.path("recommended").asText())).append(" (").append(d.path("status").asText())
                .append(")\n\n").append(cell(d.path("reason").asText())).append("\n\n");
        if (d.has("runner_up")) {
            b.append("Runner-up: ").append(cell(d.path("runner_up").asText())).append(". ")
                    .append(cell(d.path("runner_up_wins_when").asText())).append("\n\n");
        }
        b.append("| Candidate | Kind | Test accuracy | Wilson 95% | Macro-F1 | Validation acc. | p95 ms | $/month |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (JsonNode c : r.path("candidates")) {
            JsonNode s = r.path("statistics").path(c.path("name").asText());
            JsonNode w = s.path("accuracy_wilson95");
            b.append("| ").append(cell(c.path("name").asText())).append(" | ").append(cell(c.path("kind").asText()))
                    .append(" | ").append(Html.num(c.path("accuracy").asDouble(), 3)).append(" | ")
                    .append(w.size() == 2 ? Html.num(w.get(0).asDouble(), 3) + "–" + Html.num(w.get(1).asDouble(), 3)
                            : "–").append(" | ").append(Html.num(c.path("macro_f1").asDouble(), 3)).append(" | ")
                    .append(Html.num(c.path("validation_accuracy").asDouble(Double.NaN), 3)).append(" | ")
                    .append(Html.num(c.path("latency_ms_p95").asDouble(), 1)).append(" | ")
                    .append(Html.num(s.path("monthly_cost_usd").asDouble(Double.NaN), 2)).append(" |\n");
        }
        b.append(LlmSection.markdown(r)).append(TrainedLlmSection.markdown(r));
        return b.append("\n").append(cell(d.path("protocol").asText())).append("\n").toString();
    }

    /** Keeps dataset strings from breaking the table or injecting HTML into the rendered Markdown. */
    static String cell(String s) {
        return Html.esc(s).replace("|", "\\|").replace("\n", " ");
    }
}
