package dev.hone.strategy.ragclassify;

import dev.hone.config.StrategyConfig;
import java.nio.file.Path;

/**
 * Retrieval-augmented classification: the training examples (and, optionally, documents filed in
 * folders named after labels) are indexed; a query's label is a similarity-weighted vote of its
 * {@code k} nearest indexed texts.
 *
 * @param mode search mode: hybrid, vector or bm25
 * @param documents optional folder whose sub-folders are named after labels; null for none
 * @param chunkTokens chunk size for those documents
 */
public record RagClassifyConfig(String name, int k, String mode, Path documents, int chunkTokens) implements StrategyConfig {
    public static final int DEFAULT_K = 10;
    public static final String DEFAULT_MODE = "hybrid";
    public static final int DEFAULT_CHUNK_TOKENS = 128;

    public RagClassifyConfig {
        if (k < 1) throw new IllegalArgumentException("rag-classify k must be >= 1, got " + k);
    }

    @Override
    public RagClassifyKind kind() {
        return RagClassifyKind.RAG_CLASSIFY;
    }
}
