package dev.hone.store;

/**
 * One test example's outcome for one candidate.
 *
 * @param index         position in the test set
 * @param exampleSha256 hash of the example's text (the query, or the generation input)
 * @param gold          the gold label, reference answer, or relevant documents (one per line)
 * @param predicted     the predicted label, the answer, or the retrieved documents (one per line, in rank order)
 * @param score         the example's own score: 1/0 for a label, token F1 (or judge score) for an answer, recall@k for a query
 * @param correct       right or wrong: the label matched, the answer matched exactly, the query found a relevant document
 */
public record Prediction(int index, String exampleSha256, String gold, String predicted, Double score, Boolean correct) {
}
