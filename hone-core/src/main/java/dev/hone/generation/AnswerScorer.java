package dev.hone.generation;

import dev.hone.dataset.GenerationExample;
import dev.hone.evaluation.AnswerMetrics;
import dev.hone.evaluation.JsonSchemaValidator;
import dev.hone.retrieval.RetrievalEvaluator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * Scores an answer against its pair: exact match and token F1 ({@link AnswerMetrics}), schema
 * validity when a schema is set, and for retrieval-augmented answers whether a retrieved source is
 * cited (its relative path or file name appears in the answer, ignoring case) and the recall@k of
 * the pair's relevant sources.
 */
public final class AnswerScorer {
    private final JsonSchemaValidator schema;
    private final int k;

    /**
     * @param schema the validator for {@code evaluation.json_schema}, or null
     * @param k      chunks retrieved per input (recall is over their distinct sources); 0 without retrieval
     */
    public AnswerScorer(JsonSchemaValidator schema, int k) {
        if (k < 0) throw new IllegalArgumentException("k must be ≥ 0, got " + k);
        this.schema = schema;
        this.k = k;
    }

    public ScoredAnswer score(GenerationExample pair, Generation generation, double judgeScore) {
        String answer = generation.answer();
        boolean retrieves = k > 0;
        Boolean cited = retrieves ? cites(answer, generation.retrieved()) : null;
        double recall = retrieves && !pair.sources().isEmpty()
                ? RetrievalEvaluator.recallAtK(generation.retrieved(), new HashSet<>(pair.sources()), k) : Double.NaN;
        return new ScoredAnswer(pair.input(), pair.reference(), answer, AnswerMetrics.exactMatch(answer, pair.reference()),
                AnswerMetrics.tokenF1(answer, pair.reference()), schema == null ? null : schema.acceptsAnswer(answer), judgeScore,
                generation.retrieved(), cited, recall, generation.latencyMillis(), pair.location());
    }

    /** The answer names a source by its relative path or its file name. */
    static boolean cites(String answer, List<String> sources) {
        String text = answer.toLowerCase(Locale.ROOT);
        for (String source : sources) {
            String path = source.toLowerCase(Locale.ROOT);
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (text.contains(path) || text.contains(name)) return true;
        }
        return false;
    }
}
