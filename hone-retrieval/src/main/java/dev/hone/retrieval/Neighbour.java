package dev.hone.retrieval;

/**
 * A labelled text found near a query.
 *
 * @param position the text's position in the order it was added to the index
 * @param source where it came from: {@code example:N} for a labelled example, else a document path
 * @param score the mode's score: for vector search Lucene's (1 + cosine) / 2, for BM25 the BM25
 *     score, for hybrid the reciprocal-rank-fusion sum
 */
public record Neighbour(int position, String label, String source, String text, double score) {
    /** The cosine similarity behind a vector-search score (the embeddings are L2-normalised). */
    public double cosine() {
        return 2 * score - 1;
    }
}
