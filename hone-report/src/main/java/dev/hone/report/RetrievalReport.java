package dev.hone.report;

import static dev.hone.report.Html.esc;
import static dev.hone.report.Html.num;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The report of a retrieval run: the recommended search mode, a table of the modes (recall@k, MRR,
 * nDCG@k, latency), what was indexed and skipped, and the queries the recommended mode missed.
 */
final class RetrievalReport {
    private static final int MAX_MISSES = 50;

    private RetrievalReport() {
    }

    static String html(JsonNode r) {
        JsonNode decision = r.path("decision");
        String recommended = decision.path("recommended").asText("");
        int k = r.path("config").path("retrieval").path("k").asInt();
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Hone report: ")
                .append(esc(r.path("task").path("name").asText())).append("</title><style>")
                .append("body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1f2937}"
                        + "table{border-collapse:collapse;width:100%;font-size:13px}th,td{padding:4px 8px;border-bottom:1px solid #e5e7eb;"
                        + "text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}"
                        + ".rec{background:#ecfdf5;border-left:4px solid #059669;padding:1em}.none{background:#fef2f2;"
                        + "border-left-color:#dc2626}.muted{color:#6b7280}tr.top{background:#f0fdf4;font-weight:600}")
                .append("</style></head><body>");
        b.append("<h1>").append(esc(r.path("task").path("name").asText("Hone run"))).append("</h1><p class=\"muted\">retrieval · model ")
                .append(esc(r.path("model").asText())).append(" · ").append(r.path("queries").path("count").asInt())
                .append(" judged queries · ").append(r.path("documents").path("chunks").asInt()).append(" chunks</p>");
        b.append("<h2>Recommendation</h2><div class=\"rec").append(recommended.isEmpty() ? " none" : "").append("\"><p><strong>")
                .append(recommended.isEmpty() ? "No recommendation" : esc(recommended)).append("</strong></p><p>")
                .append(esc(decision.path("reason").asText())).append("</p><p class=\"muted\">Protocol: ")
                .append(esc(decision.path("protocol").asText())).append("</p></div>");
        b.append("<h2>Search modes</h2><table><tr><th>Mode</th><th>Recall@").append(k).append("</th><th>MRR</th><th>nDCG@")
                .append(k).append("</th><th>p50 ms</th><th>p95 ms</th></tr>");
        for (JsonNode c : r.path("candidates")) {
            JsonNode m = c.path("retrieval");
            b.append("<tr").append(c.path("name").asText().equals(recommended) ? " class=\"top\"" : "").append("><td>")
                    .append(esc(c.path("name").asText())).append("</td><td class=\"n\">").append(num(m.path("recall_at_k").asDouble(), 3))
                    .append("</td><td class=\"n\">").append(num(m.path("mrr").asDouble(), 3)).append("</td><td class=\"n\">")
                    .append(num(m.path("ndcg_at_k").asDouble(), 3)).append("</td><td class=\"n\">")
                    .append(num(c.path("latency_ms_p50").asDouble(), 1)).append("</td><td class=\"n\">")
                    .append(num(c.path("latency_ms_p95").asDouble(), 1)).append("</td></tr>");
        }
        b.append("</table>");
        JsonNode docs = r.path("documents");
        b.append("<h2>Documents</h2><p>").append(docs.path("indexed_files").asInt()).append(" files indexed, ")
                .append(docs.path("unchanged_files").asInt()).append(" unchanged, ").append(docs.path("removed_files").asInt())
                .append(" removed, ").append(docs.path("skipped").size()).append(" skipped; indexing took ")
                .append(num(docs.path("index_seconds").asDouble(), 1)).append(" s.</p>");
        if (!docs.path("skipped").isEmpty()) {
            b.append("<table><tr><th>Skipped file</th><th>Reason</th></tr>");
            for (JsonNode s : docs.path("skipped")) {
                b.append("<tr><td>").append(esc(s.path("source").asText())).append("</td><td>").append(esc(s.path("reason").asText()))
                        .append("</td></tr>");
            }
            b.append("</table>");
        }
        b.append(misses(r, recommended, k));
        b.append(Sections.provenance(r));
        return b.append("</body></html>\n").toString();
    }

    /** Queries whose relevant documents the recommended mode did not rank first. */
    private static String misses(JsonNode r, String recommended, int k) {
        for (JsonNode c : r.path("candidates")) {
            if (!c.path("name").asText().equals(recommended)) continue;
            StringBuilder b = new StringBuilder("<h2>Queries ").append(esc(recommended))
                    .append(" did not answer first</h2><table><tr><th>Query</th><th>Relevant</th><th>Retrieved (top ")
                    .append(k).append(")</th><th>RR</th></tr>");
            int shown = 0;
            for (JsonNode q : c.path("retrieval").path("per_query")) {
                if (q.path("reciprocal_rank").asDouble() >= 1 || shown++ >= MAX_MISSES) continue;
                b.append("<tr><td>").append(esc(q.path("query").asText())).append("</td><td>").append(esc(join(q.path("relevant"))))
                        .append("</td><td>").append(esc(join(q.path("retrieved")))).append("</td><td class=\"n\">")
                        .append(num(q.path("reciprocal_rank").asDouble(), 2)).append("</td></tr>");
            }
            return shown == 0 ? "<h2>Queries</h2><p>Every query's first result was relevant.</p>" : b.append("</table>").toString();
        }
        return "";
    }

    static String markdown(JsonNode r) {
        JsonNode d = r.path("decision");
        int k = r.path("config").path("retrieval").path("k").asInt();
        // Task names and reasons come from the user's config: escaped so they cannot inject HTML into rendered Markdown.
        StringBuilder b = new StringBuilder("# Hone: ").append(esc(r.path("task").path("name").asText())).append(" (retrieval)\n\n**Recommended:** ")
                .append(d.path("recommended").isNull() ? "none" : esc(d.path("recommended").asText())).append("\n\n")
                .append(esc(d.path("reason").asText())).append("\n\n| Mode | Recall@").append(k).append(" | MRR | nDCG@").append(k)
                .append(" | p50 ms | p95 ms |\n|---|---:|---:|---:|---:|---:|\n");
        for (JsonNode c : r.path("candidates")) {
            JsonNode m = c.path("retrieval");
            b.append("| ").append(c.path("name").asText()).append(" | ").append(num(m.path("recall_at_k").asDouble(), 3)).append(" | ")
                    .append(num(m.path("mrr").asDouble(), 3)).append(" | ").append(num(m.path("ndcg_at_k").asDouble(), 3)).append(" | ")
                    .append(num(c.path("latency_ms_p50").asDouble(), 1)).append(" | ").append(num(c.path("latency_ms_p95").asDouble(), 1))
                    .append(" |\n");
        }
        return b.toString();
    }

    private static String join(JsonNode array) {
        StringBuilder b = new StringBuilder();
        array.forEach(v -> b.append(b.isEmpty() ? "" : ", ").append(v.asText()));
        return b.toString();
    }
}
