/**
 * Retrieval over a team's documents: reading files into text, sentence-aware chunking by the
 * encoder's own token counts, a Lucene knowledge base (HNSW vectors plus BM25) that re-indexes
 * incrementally by content hash, vector/BM25/hybrid search, and retrieval metrics.
 */
package dev.hone.retrieval;
