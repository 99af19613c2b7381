package dev.hone.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.config.HoneConfig;
import dev.hone.config.RetrievalConfig;
import dev.hone.retrieval.IndexSummary;
import dev.hone.retrieval.RetrievalEvaluator.QueryResult;
import dev.hone.retrieval.SkippedFile;
import java.time.Instant;
import java.util.List;

/**
 * {@code results.json} of a retrieval run: the contract's top level (task, model, candidates,
 * decision, config, provenance) with a {@code documents} and {@code queries} block instead of
 * {@code dataset}, and per candidate (one per search mode) the latency fields plus a
 * {@code retrieval} object: k, recall@k, MRR, nDCG@k and every query's retrieved documents.
 */
final class RetrievalResults {
    private RetrievalResults() {
    }

    static ObjectNode build(HoneConfig config, IndexSummary summary, double indexSeconds, int chunksInIndex, int queries,
                            Provenance provenance, List<RetrievalRunner.ModeResult> results, long encoderParameters,
                            Decision decision, Instant finishedAt) {
        RetrievalConfig retrieval = config.retrieval();
        ObjectNode root = ResultsDocument.JSON.createObjectNode();
        root.putObject("task").put("name", config.task().name()).put("kind", config.task().kind());
        root.put("model", config.model());
        ObjectNode documents = root.putObject("documents");
        documents.put("folder", retrieval.documents().toString());
        documents.put("indexed_files", summary.embeddedFiles()).put("unchanged_files", summary.unchangedFiles())
                .put("removed_files", summary.removedFiles()).put("chunks", chunksInIndex)
                .put("index_seconds", indexSeconds);
        ArrayNode skipped = documents.putArray("skipped");
        for (SkippedFile s : summary.skipped()) skipped.addObject().put("source", s.source()).put("reason", s.reason());
        root.putObject("queries").put("file", retrieval.queries().toString()).put("count", queries)
                .put("sha256", provenance.datasetSha256());
        root.set("config", config.resolved());
        provenance.writeTo(root.putObject("provenance"), finishedAt);
        ArrayNode candidates = root.putArray("candidates");
        for (RetrievalRunner.ModeResult r : results) {
            ObjectNode c = candidates.addObject();
            c.put("name", r.mode()).put("kind", "retrieval");
            c.put("latency_ms_p50", r.p50Ms()).put("latency_ms_p95", r.p95Ms());
            c.put("throughput_per_s", 1000.0 / Math.max(r.p50Ms(), 1e-9));
            // Indexing is the retrieval route's upfront cost, shared by every mode.
            c.put("train_seconds", indexSeconds);
            c.put("trainable_parameters", 0);
            c.put("total_parameters", r.mode().equals("bm25") ? 0 : encoderParameters);
            ObjectNode metrics = c.putObject("retrieval");
            metrics.put("mode", r.mode()).put("k", r.metrics().k()).put("queries", r.metrics().queries())
                    .put("recall_at_k", r.metrics().recallAtK()).put("mrr", r.metrics().mrr())
                    .put("ndcg_at_k", r.metrics().ndcgAtK());
            ArrayNode perQuery = metrics.putArray("per_query");
            for (QueryResult q : r.queries()) {
                ObjectNode item = perQuery.addObject().put("query", q.query());
                ArrayNode relevant = item.putArray("relevant");
                q.relevant().forEach(relevant::add);
                ArrayNode retrieved = item.putArray("retrieved");
                q.retrieved().forEach(retrieved::add);
                item.put("recall_at_k", q.recallAtK()).put("reciprocal_rank", q.reciprocalRank()).put("ndcg_at_k", q.ndcgAtK());
            }
        }
        root.putObject("decision").put("recommended", decision.recommended()).put("reason", decision.reason())
                .put("status", decision.recommended() == null ? "none" : "recommended")
                .put("protocol", "each search mode answers every judged query once (after " + RetrievalRunner.WARMUP_QUERIES + " warm-up queries) with the"
                        + " index open; chunks are collapsed to distinct documents before scoring; the best nDCG@k within"
                        + " the latency budget (p95) is recommended");
        return root;
    }
}
