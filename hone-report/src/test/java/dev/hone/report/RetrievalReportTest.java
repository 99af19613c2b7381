package dev.hone.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrievalReportTest {
    static final String RESULTS = """
            {"task": {"name": "manual-search", "kind": "retrieval"}, "model": "all-minilm-l6-v2",
             "documents": {"folder": "docs", "indexed_files": 2, "unchanged_files": 0, "removed_files": 0, "chunks": 5,
                           "index_seconds": 1.5, "skipped": [{"source": "broken.pdf", "reason": "unreadable: corrupt PDF"}]},
             "queries": {"file": "q.jsonl", "count": 2, "sha256": "ab"},
             "config": {"retrieval": {"k": 5}},
             "provenance": {"seed": 7},
             "candidates": [
               {"name": "vector", "kind": "retrieval", "latency_ms_p50": 21.5, "latency_ms_p95": 30.0,
                "retrieval": {"mode": "vector", "k": 5, "queries": 2, "recall_at_k": 1.0, "mrr": 0.75, "ndcg_at_k": 0.8155,
                  "per_query": [
                    {"query": "display says E1", "relevant": ["error-codes.md"], "retrieved": ["error-codes.md"], "reciprocal_rank": 1.0},
                    {"query": "<script>alert(1)</script> reset", "relevant": ["reset.md"], "retrieved": ["faq.md", "reset.md"], "reciprocal_rank": 0.5}]}},
               {"name": "bm25", "kind": "retrieval", "latency_ms_p50": 0.8, "latency_ms_p95": 1.2,
                "retrieval": {"mode": "bm25", "k": 5, "queries": 2, "recall_at_k": 0.5, "mrr": 0.5, "ndcg_at_k": 0.5, "per_query": []}}],
             "decision": {"recommended": "vector", "reason": "vector has the best nDCG@5, 0.816 (vs bm25 0.500)", "status": "recommended",
                          "protocol": "each search mode answers every judged query once"}}
            """;

    @Test
    void rendersTheSearchModesSkippedFilesAndMissedQueries(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("results.json"), RESULTS);
        String html = Files.readString(ReportWriter.write(dir));
        assertThat(html).contains("Search modes", "Recall@5", "nDCG@5", "0.816", "21.5", "broken.pdf", "unreadable: corrupt PDF");
        assertThat(html).contains("Queries vector did not answer first", "faq.md, reset.md");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script");
        assertThat(html).doesNotContain("display says E1");
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("**Recommended:** vector", "| vector | 1.000 | 0.750 | 0.816 | 21.5 | 30.0 |");
    }
}
