package dev.hone.retrieval;

/**
 * One search result: rank from 1, score of the mode that produced it (cosine for vector, BM25 for
 * bm25, reciprocal-rank-fusion sum for hybrid), and where the chunk came from.
 */
public record Hit(int rank, double score, String source, int chunk, String text) {}
