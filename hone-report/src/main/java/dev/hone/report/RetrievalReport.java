package dev.hone.report;

import static dev.hone.report.Html.esc;
import static dev.hone.report.Html.num;
import static dev.hone.report.Html.orZero;

import dev.hone.results.Decision;
import dev.hone.results.RetrievalCandidate;
import dev.hone.results.RetrievalEvidence;
import dev.hone.results.RetrievalResults.SkippedFile;
import dev.hone.results.RetrievalResults;
import java.util.List;

/**
 * The report of a retrieval run: the recommended search mode, a table of the modes (recall@k, MRR,
 * nDCG@k, latency), what was indexed and skipped, and the queries the recommended mode missed.
 */
final class RetrievalReport {
    private static final int MAX_MISSES = 50;
    /** What a mode without figures (a run still going) shows: zeros and no queries. */
    private static final RetrievalEvidence NOT_MEASURED = new RetrievalEvidence(null, 0, 0, 0, 0, 0, List.of());

    private RetrievalReport() {
    }

    static String html(RetrievalResults r) {
        Decision decision = ReportWriter.decision(r);
        String recommended = Html.text(decision.recommended());
        String name = ReportWriter.taskName(r);
        int k = r.k();
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Hone report: ")
                .append(esc(name)).append("</title><style>")
                .append("body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1f2937}"
                        + "table{border-collapse:collapse;width:100%;font-size:13px}th,td{padding:4px 8px;border-bottom:1px solid #e5e7eb;"
                        + "text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}"
                        + ".rec{background:#ecfdf5;border-left:4px solid #059669;padding:1em}.none{background:#fef2f2;"
                        + "border-left-color:#dc2626}.muted{color:#6b7280}tr.top{background:#f0fdf4;font-weight:600}")
                .append("</style></head><body>");
        RetrievalResults.Documents docs = r.documents() == null
                ? new RetrievalResults.Documents(null, 0, 0, 0, 0, 0, List.of()) : r.documents();
        List<SkippedFile> skipped = docs.skipped() == null ? List.of() : docs.skipped();
        b.append("<h1>").append(esc(name == null ? "Hone run" : name)).append("</h1><p class=\"muted\">retrieval · model ")
                .append(esc(r.model())).append(" · ").append(r.queries() == null ? 0 : r.queries().count())
                .append(" judged queries · ").append(docs.chunks()).append(" chunks</p>");
        b.append("<h2>Recommendation</h2><div class=\"rec").append(recommended.isEmpty() ? " none" : "").append("\"><p><strong>")
                .append(recommended.isEmpty() ? "No recommendation" : esc(recommended)).append("</strong></p><p>")
                .append(esc(decision.reason())).append("</p><p class=\"muted\">Protocol: ")
                .append(esc(decision.protocol())).append("</p></div>");
        b.append("<h2>Search modes</h2><table><tr><th>Mode</th><th>Recall@").append(k).append("</th><th>MRR</th><th>nDCG@")
                .append(k).append("</th><th>p50 ms</th><th>p95 ms</th></tr>");
        for (RetrievalCandidate c : r.candidates()) {
            RetrievalEvidence m = evidence(c);
            b.append("<tr").append(recommended.equals(c.name()) ? " class=\"top\"" : "").append("><td>")
                    .append(esc(c.name())).append("</td><td class=\"n\">").append(num(m.recallAtK(), 3))
                    .append("</td><td class=\"n\">").append(num(m.mrr(), 3)).append("</td><td class=\"n\">")
                    .append(num(m.ndcgAtK(), 3)).append("</td><td class=\"n\">")
                    .append(num(orZero(c.latencyMsP50()), 1)).append("</td><td class=\"n\">")
                    .append(num(orZero(c.latencyMsP95()), 1)).append("</td></tr>");
        }
        b.append("</table>");
        b.append("<h2>Documents</h2><p>").append(docs.indexedFiles()).append(" files indexed, ")
                .append(docs.unchangedFiles()).append(" unchanged, ").append(docs.removedFiles())
                .append(" removed, ").append(skipped.size()).append(" skipped; indexing took ")
                .append(num(docs.indexSeconds(), 1)).append(" s.</p>");
        if (!skipped.isEmpty()) {
            b.append("<table><tr><th>Skipped file</th><th>Reason</th></tr>");
            for (SkippedFile s : skipped) {
                b.append("<tr><td>").append(esc(s.source())).append("</td><td>").append(esc(s.reason()))
                        .append("</td></tr>");
            }
            b.append("</table>");
        }
        b.append(misses(r, recommended, k));
        // A retrieval run has no train and test files; the row stays as the report has always written it.
        b.append(Sections.provenance(r.provenance(), "", ""));
        return b.append("</body></html>\n").toString();
    }

    /** Queries whose relevant documents the recommended mode did not rank first. */
    private static String misses(RetrievalResults r, String recommended, int k) {
        for (RetrievalCandidate c : r.candidates()) {
            if (!recommended.equals(c.name())) continue;
            StringBuilder b = new StringBuilder("<h2>Queries ").append(esc(recommended))
                    .append(" did not answer first</h2><table><tr><th>Query</th><th>Relevant</th><th>Retrieved (top ")
                    .append(k).append(")</th><th>RR</th></tr>");
            int shown = 0;
            List<RetrievalEvidence.QueryOutcome> queries = evidence(c).perQuery() == null ? List.of() : evidence(c).perQuery();
            for (RetrievalEvidence.QueryOutcome q : queries) {
                if (q.reciprocalRank() >= 1 || shown++ >= MAX_MISSES) continue;
                b.append("<tr><td>").append(esc(q.query())).append("</td><td>").append(esc(join(q.relevant())))
                        .append("</td><td>").append(esc(join(q.retrieved()))).append("</td><td class=\"n\">")
                        .append(num(q.reciprocalRank(), 2)).append("</td></tr>");
            }
            return shown == 0 ? "<h2>Queries</h2><p>Every query's first result was relevant.</p>" : b.append("</table>").toString();
        }
        return "";
    }

    static String markdown(RetrievalResults r) {
        Decision d = ReportWriter.decision(r);
        int k = r.k();
        // Task names and reasons come from the user's config: escaped so they cannot inject HTML into rendered Markdown.
        StringBuilder b = new StringBuilder("# Hone: ").append(esc(ReportWriter.taskName(r))).append(" (retrieval)\n\n**Recommended:** ")
                .append(d.recommended() == null ? "none" : esc(d.recommended())).append("\n\n")
                .append(esc(d.reason())).append("\n\n| Mode | Recall@").append(k).append(" | MRR | nDCG@").append(k)
                .append(" | p50 ms | p95 ms |\n|---|---:|---:|---:|---:|---:|\n");
        for (RetrievalCandidate c : r.candidates()) {
            RetrievalEvidence m = evidence(c);
            b.append("| ").append(Html.text(c.name())).append(" | ").append(num(m.recallAtK(), 3)).append(" | ")
                    .append(num(m.mrr(), 3)).append(" | ").append(num(m.ndcgAtK(), 3)).append(" | ")
                    .append(num(orZero(c.latencyMsP50()), 1)).append(" | ").append(num(orZero(c.latencyMsP95()), 1))
                    .append(" |\n");
        }
        return b.toString();
    }

    private static RetrievalEvidence evidence(RetrievalCandidate c) {
        return c.retrieval() == null ? NOT_MEASURED : c.retrieval();
    }

    private static String join(List<String> items) {
        return items == null ? "" : String.join(", ", items);
    }
}
