package dev.hone.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The knowledge base a {@code rag} strategy retrieves from: a folder of documents indexed into the
 * run's output, or an existing knowledge base (from {@code hone index}) opened as it is.
 *
 * @param documents     folder of txt/md/html/pdf files, read recursively; null when {@code knowledgeBase} is given
 * @param knowledgeBase existing index folder; null when {@code documents} is given
 * @param k             chunks put into each prompt (default 4)
 * @param mode          {@code hybrid} (default), {@code vector} or {@code bm25}
 */
public record RagSource(Path documents, Path knowledgeBase, int k, String mode, int chunkTokens, int overlap) {
    public static final int DEFAULT_K = 4;
    public static final String DEFAULT_MODE = "hybrid";
    public static final List<String> MODES = List.of("hybrid", "vector", "bm25");

    public RagSource {
        if ((documents == null) == (knowledgeBase == null)) {
            throw new IllegalArgumentException("rag needs exactly one of documents (a folder to index) or knowledge_base (an index)");
        }
        if (k < 1) throw new IllegalArgumentException("rag k must be ≥ 1, got " + k);
        if (!MODES.contains(mode)) throw new IllegalArgumentException("rag mode must be hybrid, vector or bm25, got " + mode);
        if (overlap < 0 || overlap >= chunkTokens) {
            throw new IllegalArgumentException("rag overlap must be within [0, chunk_tokens), got " + overlap);
        }
    }

    /** Two strategies with the same documents and chunking share one index. */
    public boolean sameIndexAs(RagSource other) {
        return java.util.Objects.equals(documents, other.documents) && java.util.Objects.equals(knowledgeBase, other.knowledgeBase)
                && chunkTokens == other.chunkTokens && overlap == other.overlap;
    }
}
