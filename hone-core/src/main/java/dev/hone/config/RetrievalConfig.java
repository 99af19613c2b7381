package dev.hone.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A retrieval run ({@code task.kind: retrieval}): the documents to index, the judged queries to
 * score the search modes with, and how to chunk and cut off.
 *
 * @param documents folder of txt/md/html/pdf files, read recursively
 * @param queries JSONL of {@code {"query": ..., "relevant": ["relative/path", ...]}}
 * @param k cut-off for recall@k and nDCG@k (documents, after collapsing chunks of one file)
 * @param modes search modes to compare, each a candidate: vector, bm25, hybrid
 */
public record RetrievalConfig(Path documents, Path queries, int k, int chunkTokens, int overlap, List<String> modes)
        implements TaskSetup {
    public static final int DEFAULT_K = 5;
    public static final int DEFAULT_CHUNK_TOKENS = 200;
    public static final int DEFAULT_OVERLAP = 40;
    public static final List<String> MODES = List.of("vector", "bm25", "hybrid");

    public RetrievalConfig {
        if (k < 1) throw new IllegalArgumentException("retrieval.k must be >= 1, got " + k);
        if (overlap < 0 || overlap >= chunkTokens)
            throw new IllegalArgumentException("retrieval.overlap must be within [0, chunk_tokens), got " + overlap);
        modes = List.copyOf(modes);
    }
}
