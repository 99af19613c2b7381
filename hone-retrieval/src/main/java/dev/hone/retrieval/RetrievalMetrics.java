package dev.hone.retrieval;

/** Retrieval quality of one search mode, averaged over the queries: recall@k, MRR and nDCG@k. */
public record RetrievalMetrics(String mode, int k, int queries, double recallAtK, double mrr, double ndcgAtK) {}
