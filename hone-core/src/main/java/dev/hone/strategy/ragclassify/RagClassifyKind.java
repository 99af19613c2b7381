package dev.hone.strategy.ragclassify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.config.ConfigNode;
import dev.hone.config.StrategyContext;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.CandidateFolder;
import dev.hone.strategy.ClassifierKind;
import dev.hone.strategy.Strategy;
import dev.hone.strategy.Trait;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code rag-classify}: a similarity-weighted vote of the nearest indexed texts. Indexing is not
 * training: it is prompt-only, like the other routes that train no weights.
 */
public final class RagClassifyKind extends ClassifierKind<RagClassifyConfig> {
    public static final RagClassifyKind RAG_CLASSIFY = new RagClassifyKind();

    private RagClassifyKind() {
        super("rag-classify", RagClassifyConfig.class, Set.of(Trait.PROMPT_ONLY));
    }

    /** Reads the entry; {@code documents} is resolved against the config file's folder. */
    @Override
    public RagClassifyConfig read(ConfigNode node, StrategyContext context) {
        String name = name(node);
        node.rejectUnknownKeys(Set.of("name", "kind", "k", "mode", "documents", "chunk_tokens"));
        String documents = node.string("documents", null, false);
        Path folder = documents == null || documents.isBlank() ? null : Path.of(documents);
        if (folder != null && !folder.isAbsolute()) folder = context.baseDirectory().resolve(folder).normalize();
        return new RagClassifyConfig(name, node.integer("k", RagClassifyConfig.DEFAULT_K, 1, 1000),
                node.choice("mode", RagClassifyConfig.DEFAULT_MODE, List.of("hybrid", "vector", "bm25")), folder,
                node.integer("chunk_tokens", RagClassifyConfig.DEFAULT_CHUNK_TOKENS, 8, 512));
    }

    @Override
    protected void writeSettings(RagClassifyConfig config, ObjectNode node) {
        node.put("k", config.k()).put("mode", config.mode()).put("chunk_tokens", config.chunkTokens());
        if (config.documents() != null) node.put("documents", config.documents().toString());
    }

    @Override
    protected Strategy build(RagClassifyConfig config) {
        return new RagClassifyStrategy(config);
    }

    @Override
    public Candidate load(CandidateFolder folder) {
        return RagClassifyCandidate.load(folder);
    }
}
