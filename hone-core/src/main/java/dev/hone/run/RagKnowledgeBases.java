package dev.hone.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.hone.config.GenerateConfig;
import dev.hone.config.RagSource;
import dev.hone.engine.model.EncoderModel;
import dev.hone.error.BadInputException;
import dev.hone.results.GenerationResults;
import dev.hone.results.RetrievalResults;
import dev.hone.retrieval.Chunker;
import dev.hone.retrieval.IndexSummary;
import dev.hone.retrieval.KnowledgeBase;
import dev.hone.retrieval.SearchSession;
import dev.hone.retrieval.SkippedFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The knowledge bases of a generation run's rag strategies, each indexed once and held open for the
 * run: documents are indexed into {@code OUT/knowledge-base} (a second chunking of other documents
 * into {@code OUT/knowledge-base-<strategy>}); a given {@code knowledge_base:} is opened as it is,
 * after checking it was built with the run's model. Strategies with the same documents and chunking
 * share one index. Close to release the index readers.
 */
final class RagKnowledgeBases implements AutoCloseable {
    /** One index as used in the run, for results.json. */
    record Built(RagSource source, Path directory, IndexSummary summary, double indexSeconds, int chunks) {}

    private final Map<Built, SearchSession> sessions = new LinkedHashMap<>();

    static RagKnowledgeBases open(List<GenerateConfig> strategies, EncoderModel model, Path out, RunListener listener) {
        RagKnowledgeBases bases = new RagKnowledgeBases();
        try {
            for (GenerateConfig strategy : strategies) {
                RagSource source = strategy.retrieval();
                if (source == null || bases.find(source) != null) continue;
                bases.add(source, model, bases.sessions.isEmpty() ? out.resolve("knowledge-base")
                        : out.resolve("knowledge-base-" + strategy.name()), listener);
            }
            return bases;
        } catch (RuntimeException e) {
            bases.close();
            throw e;
        }
    }

    private void add(RagSource source, EncoderModel model, Path directory, RunListener listener) {
        if (source.knowledgeBase() != null) {
            listener.message("knowledge base: " + source.knowledgeBase() + " (as built by hone index)");
            SearchSession session = new KnowledgeBase(source.knowledgeBase(), model).open();
            sessions.put(new Built(source, source.knowledgeBase(), null, 0, session.chunks()), session);
            return;
        }
        if (source.chunkTokens() > model.info().maxTokens()) {
            throw new BadInputException("chunk_tokens = " + source.chunkTokens() + " but model '" + model.info().name() + "' reads at most "
                    + model.info().maxTokens() + " tokens; lower chunk_tokens in the rag strategy");
        }
        listener.message("index: " + source.documents() + " → " + directory);
        KnowledgeBase base = new KnowledgeBase(directory, model);
        long started = System.nanoTime();
        IndexSummary summary = base.index(source.documents(), new Chunker(model::countTokens, source.chunkTokens(), source.overlap()),
                (done, total, file, chunks) -> { });
        double seconds = (System.nanoTime() - started) / 1e9;
        SearchSession session = base.open();
        listener.message(String.format(Locale.ROOT, "  %d files indexed (%d chunks), %d skipped, %.1f s", summary.embeddedFiles(),
                session.chunks(), summary.skipped().size(), seconds));
        for (SkippedFile s : summary.skipped()) listener.message("  skipped " + s.source() + ": " + s.reason());
        sessions.put(new Built(source, directory, summary, seconds, session.chunks()), session);
    }

    private Built find(RagSource source) {
        for (Built built : sessions.keySet()) if (built.source().sameIndexAs(source)) return built;
        return null;
    }

    /** The open index of a rag strategy; null for llm-generate. */
    SearchSession session(GenerateConfig strategy) {
        Built built = strategy.retrieval() == null ? null : find(strategy.retrieval());
        return built == null ? null : sessions.get(built);
    }

    /** Indexing time charged to a strategy: the first strategy of each index pays it. */
    double indexSeconds(GenerateConfig strategy, List<GenerateConfig> all) {
        if (strategy.retrieval() == null) return 0;
        for (GenerateConfig earlier : all) {
            if (earlier == strategy) break;
            if (earlier.retrieval() != null && earlier.retrieval().sameIndexAs(strategy.retrieval())) return 0;
        }
        Built built = find(strategy.retrieval());
        return built == null ? 0 : built.indexSeconds();
    }

    /** The knowledge bases as results.json lists them; indexing figures only for those indexed by this run. */
    List<GenerationResults.KnowledgeBase> describe() {
        List<GenerationResults.KnowledgeBase> out = new java.util.ArrayList<>();
        for (Built b : sessions.keySet()) {
            boolean indexed = b.summary() != null;
            out.add(new GenerationResults.KnowledgeBase(b.source().documents() == null ? null : b.source().documents().toString(),
                    b.directory().toString(), b.chunks(), b.source().chunkTokens(), b.source().overlap(),
                    indexed ? b.summary().embeddedFiles() : null, indexed ? b.indexSeconds() : null,
                    indexed ? b.summary().skipped().stream().map(s -> new RetrievalResults.SkippedFile(s.source(), s.reason())).toList() : null));
        }
        return out;
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (SearchSession session : sessions.values()) {
            try {
                session.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) throw failures.get(0);
    }
}
