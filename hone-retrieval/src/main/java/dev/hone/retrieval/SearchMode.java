package dev.hone.retrieval;

import java.util.Locale;

/** How a query is matched: embedding similarity, BM25 keywords, or both fused by reciprocal rank. */
public enum SearchMode {
    VECTOR, BM25, HYBRID;

    public static SearchMode parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new dev.hone.error.BadInputException("unknown search mode '" + name + "'; use hybrid, vector or bm25");
        }
    }
}
