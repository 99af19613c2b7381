package dev.hone.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.hone.config.HoneConfig;
import dev.hone.config.RetrievalConfig;
import dev.hone.engine.model.EncoderModel;
import dev.hone.error.BadInputException;
import dev.hone.results.Decision;
import dev.hone.results.Provenance;
import dev.hone.results.RetrievalCandidate;
import dev.hone.results.RetrievalEvidence;
import dev.hone.results.RetrievalResults;
import dev.hone.results.RunResults;
import dev.hone.results.Task;
import dev.hone.retrieval.Chunker;
import dev.hone.retrieval.Hit;
import dev.hone.retrieval.IndexSummary;
import dev.hone.retrieval.KnowledgeBase;
import dev.hone.retrieval.RetrievalEvaluator.Judged;
import dev.hone.retrieval.RetrievalEvaluator.QueryResult;
import dev.hone.retrieval.RetrievalEvaluator;
import dev.hone.retrieval.RetrievalMetrics;
import dev.hone.retrieval.SearchMode;
import dev.hone.retrieval.SearchSession;
import dev.hone.retrieval.SkippedFile;
import dev.hone.verdict.RetrievalVerdict;
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
    RunResult run(HoneConfig config, RetrievalConfig retrieval, Path out) {
        Runner.prepareOutput(out, false);
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
        List<RetrievalCandidate> candidates = new ArrayList<>();
        int chunksInIndex;
        try (SearchSession session = base.open()) {
            chunksInIndex = session.chunks();
            for (String mode : retrieval.modes()) {
                listener.message("candidate: " + mode + " (retrieval)");
                RetrievalCandidate candidate = measure(session, SearchMode.parse(mode), retrieval.k(), judged, indexSeconds,
                        model.info().parameters());
                candidates.add(candidate);
                listener.message(String.format(Locale.ROOT, "  recall@%d %.3f, MRR %.3f, nDCG@%d %.3f, p50 %.1f ms",
                        retrieval.k(), candidate.retrieval().recallAtK(), candidate.retrieval().mrr(), retrieval.k(),
                        candidate.retrieval().ndcgAtK(), candidate.latencyMsP50()));
            }
        }
        Decision decision = RetrievalVerdict.decide(candidates, retrieval.k(), config.decision().latencyBudgetMs(), PROTOCOL);
        var documents = new RetrievalResults.Documents(retrieval.documents().toString(), summary.embeddedFiles(),
                summary.unchangedFiles(), summary.removedFiles(), chunksInIndex, indexSeconds,
                summary.skipped().stream().map(s -> new RetrievalResults.SkippedFile(s.source(), s.reason())).toList());
        var results = new RetrievalResults(RunResults.FORMAT_VERSION, new Task(config.task().name(), config.task().kind()),
                config.model(), documents, new RetrievalResults.Queries(retrieval.queries().toString(), judged.size(),
                provenance.datasetSha256()), config.resolved(), provenance.finished(Instant.now()), candidates, decision);
        results.write(out.resolve("results.json"));
        return new RunResult(out, results);
    }

    private static final String PROTOCOL = "each search mode answers every judged query once (after " + WARMUP_QUERIES
            + " warm-up queries) with the index open; chunks are collapsed to distinct documents before scoring; the best"
            + " nDCG@k within the latency budget (p95) is recommended";

    /** One search mode over every judged query; indexing is the route's upfront cost, shared by every mode. */
    private RetrievalCandidate measure(SearchSession session, SearchMode mode, int k, List<Judged> judged, double indexSeconds,
                                       long encoderParameters) {
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
        String name = mode.name().toLowerCase(Locale.ROOT);
        RetrievalMetrics metrics = RetrievalEvaluator.summarise(name, k, each);
        double p50 = percentile(sorted, 0.5);
        var perQuery = each.stream().map(q -> new RetrievalEvidence.QueryOutcome(q.query(), List.copyOf(q.relevant()), q.retrieved(),
                q.recallAtK(), q.reciprocalRank(), q.ndcgAtK())).toList();
        return new RetrievalCandidate(name, "retrieval", p50, percentile(sorted, 0.95), 1000.0 / Math.max(p50, 1e-9),
                indexSeconds, 0, name.equals("bm25") ? 0 : encoderParameters, new RetrievalEvidence(metrics.mode(), metrics.k(),
                metrics.queries(), metrics.recallAtK(), metrics.mrr(), metrics.ndcgAtK(), perQuery));
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
}
