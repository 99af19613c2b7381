/**
 * The {@code rag-classify} route, whole: its config, its registration
 * ({@link dev.hone.strategy.ragclassify.RagClassifyKind}), the strategy that indexes the labelled
 * examples (and documents filed by label) and the candidate that labels a text by its nearest ones.
 */
package dev.hone.strategy.ragclassify;
