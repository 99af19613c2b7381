package dev.hone.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.BadInputException;
import dev.hone.config.HoneConfig;
import dev.hone.config.RetrievalConfig;
import dev.hone.engine.model.EncoderModel;
import dev.hone.retrieval.Chunker;
import dev.hone.retrieval.Hit;
import dev.hone.retrieval.IndexSummary;
import dev.hone.retrieval.KnowledgeBase;
import dev.hone.retrieval.RetrievalEvaluator;
import dev.hone.retrieval.RetrievalEvaluator.Judged;
import dev.hone.retrieval.RetrievalEvaluator.QueryResult;
import dev.hone.retrieval.RetrievalMetrics;
import dev.hone.retrieval.SearchMode;
import dev.hone.retrieval.SearchSession;
import dev.hone.retrieval.SkippedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A {@code task.kind: retrieval} run: index the documents into {@code OUT/knowledge-base}, then score
 * each search mode as a candidate on the judged queries (recall@k, MRR, nDCG@k over distinct
 * documents, and per-query latency with the index open), pick the best nDCG@k within the latency
 * budget, and write {@code results.json} in the same shape as a classification run's, with a
 * {@code retrieval} object per candidate.
 */
public final class RetrievalRunner {
    /** Chunks fetched per query before collapsing them to documents, as a multiple of k. */
    private static final int CHUNKS_PER_DOCUMENT = 4;
    static final int WARMUP_QUERIES = 3;

    private final Function<String, EncoderModel> modelLoader;
    private final RunListener listener;

    public RetrievalRunner(Function<String, EncoderModel> modelLoader, RunListener listener) {
        this.modelLoader = modelLoader;
        this.listener = listener;
    }

    /** One mode's measurements. */
    record ModeResult(String mode, RetrievalMetrics metrics, List<QueryResult> queries, double p50Ms, double p95Ms) {}

    public RunResult run(HoneConfig config, Path out) {
        RetrievalConfig retrieval = config.retrieval();
        if (retrieval == null) throw new IllegalArgumentException("not a retrieval run: task.kind is " + config.task().kind());
        prepareOutput(out);
        List<Judged> judged = RetrievalEvaluator.readJsonl(retrieval.queries());
        checkRelevantFilesExist(retrieval, judged);
        listener.message("model: loading " + config.model());
        EncoderModel model = modelLoader.apply(config.model());
        if (retrieval.chunkTokens() > model.info().maxTokens())
            throw new BadInputException(config.source() + ": retrieval.chunk_tokens = " + retrieval.chunkTokens()
                    + " but model '" + model.info().name() + "' reads at most " + model.info().maxTokens() + " tokens; lower it");
        Path knowledgeBase = out.resolve("knowledge-base");
        KnowledgeBase base = new KnowledgeBase(knowledgeBase, model);
        listener.message("index: " + retrieval.documents() + " → " + knowledgeBase);
        long started = System.nanoTime();
        IndexSummary summary = base.index(retrieval.documents(),
                new Chunker(model::countTokens, retrieval.chunkTokens(), retrieval.overlap()),
                (done, total, source, chunks) -> {
                    // Every file of a small folder, about every tenth of a large one.
                    if (total <= 50 ? chunks > 0 : done % Math.max(1, total / 10) == 0 || done == total)
                        listener.message("  [" + done + "/" + total + "] " + source + (chunks > 0 ? " (" + chunks + " chunks)" : ""));
                });
        double indexSeconds = (System.nanoTime() - started) / 1e9;
        listener.message(String.format(Locale.ROOT, "  %d files indexed (%d chunks), %d unchanged, %d removed, %d skipped, %.1f s",
                summary.embeddedFiles(), summary.chunks(), summary.unchangedFiles(), summary.removedFiles(),
                summary.skipped().size(), indexSeconds));
        for (SkippedFile s : summary.skipped()) listener.message("  skipped " + s.source() + ": " + s.reason());

        Provenance provenance = Provenance.now(config.evaluation().seed(), sha256(retrieval.queries()), config.model());
        List<ModeResult> results = new ArrayList<>();
        int chunksInIndex;
        try (SearchSession session = base.open()) {
            chunksInIndex = session.chunks();
            for (String mode : retrieval.modes()) {
                listener.message("candidate: " + mode + " (retrieval)");
                ModeResult result = measure(session, SearchMode.parse(mode), retrieval.k(), judged);
                results.add(result);
                listener.message(String.format(Locale.ROOT, "  recall@%d %.3f, MRR %.3f, nDCG@%d %.3f, p50 %.1f ms",
                        retrieval.k(), result.metrics().recallAtK(), result.metrics().mrr(), retrieval.k(),
                        result.metrics().ndcgAtK(), result.p50Ms()));
            }
        }
        Decision decision = decide(results, retrieval.k(), config.decision().latencyBudgetMs());
        ObjectNode document = RetrievalResults.build(config, summary, indexSeconds, chunksInIndex, judged.size(),
                provenance, results, model.info().parameters(), decision, Instant.now());
        ResultsDocument.write(out.resolve("results.json"), document);
        return new RunResult(out, List.of(), decision, document);
    }

    private ModeResult measure(SearchSession session, SearchMode mode, int k, List<Judged> judged) {
        int depth = k * CHUNKS_PER_DOCUMENT;
        for (int i = 0; i < Math.min(WARMUP_QUERIES, judged.size()); i++) session.search(judged.get(i).query(), depth, mode);
        List<Double> latencies = new ArrayList<>();
        Function<String, List<Hit>> timed = query -> {
            long t = System.nanoTime();
            List<Hit> hits = session.search(query, depth, mode);
            latencies.add((System.nanoTime() - t) / 1e6);
            return hits;
        };
        List<QueryResult> each = RetrievalEvaluator.each(k, judged, timed);
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new ModeResult(mode.name().toLowerCase(Locale.ROOT), RetrievalEvaluator.summarise(mode.name().toLowerCase(Locale.ROOT), k, each),
                each, percentile(sorted, 0.5), percentile(sorted, 0.95));
    }

    /** Best nDCG@k among the modes within the latency budget (p95); ties go to the faster mode. */
    static Decision decide(List<ModeResult> results, int k, double latencyBudgetMs) {
        List<ModeResult> within = results.stream().filter(r -> r.p95Ms() <= latencyBudgetMs).toList();
        if (within.isEmpty()) {
            return new Decision(null, String.format(Locale.ROOT, "no search mode answers within the %.0f ms p95 latency budget;"
                    + " raise decision.latency_budget_ms or use a smaller model", latencyBudgetMs));
        }
        ModeResult best = within.stream().min((a, b) -> {
            int byQuality = Double.compare(b.metrics().ndcgAtK(), a.metrics().ndcgAtK());
            return byQuality != 0 ? byQuality : Double.compare(a.p50Ms(), b.p50Ms());
        }).orElseThrow();
        StringBuilder others = new StringBuilder();
        for (ModeResult r : results) {
            if (r == best) continue;
            others.append(others.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.3f", r.mode(), r.metrics().ndcgAtK()));
            if (!within.contains(r)) others.append(" (over the latency budget)");
        }
        return new Decision(best.mode(), String.format(Locale.ROOT,
                "%s has the best nDCG@%d, %.3f%s; recall@%d %.3f, MRR %.3f, p50 %.1f ms per query",
                best.mode(), k, best.metrics().ndcgAtK(), others.isEmpty() ? "" : " (vs " + others + ")", k,
                best.metrics().recallAtK(), best.metrics().mrr(), best.p50Ms()));
    }

    /** A judged query naming a file that is not among the documents can never be found: say so before indexing. */
    private static void checkRelevantFilesExist(RetrievalConfig retrieval, List<Judged> judged) {
        List<String> missing = new ArrayList<>();
        for (Judged j : judged) {
            for (String relevant : j.relevant()) {
                if (!Files.isRegularFile(retrieval.documents().resolve(relevant)) && !missing.contains(relevant)) missing.add(relevant);
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(retrieval.queries() + ": " + missing.size() + " \"relevant\" path(s) are not files under "
                    + retrieval.documents() + ": " + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                    + "; paths are relative to retrieval.documents");
        }
    }

    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String sha256(Path file) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static void prepareOutput(Path out) {
        try {
            Files.createDirectories(out);
            Path probe = Files.createTempFile(out, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new BadInputException("output directory " + out + " is not writable (" + e.getMessage() + "); choose another with --out");
        }
    }
}
