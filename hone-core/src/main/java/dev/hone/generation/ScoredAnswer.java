package dev.hone.generation;

import java.util.List;

/**
 * One answer with its scores against the reference.
 *
 * @param jsonValid  whether the answer conforms to {@code evaluation.json_schema}; null without a schema
 * @param judgeScore the judge's grade in its scale's units; NaN without a judge or when its reply was unreadable
 * @param retrieved  distinct sources put into the prompt (rag), best first
 * @param cited      whether the answer names at least one retrieved source; null without retrieval
 * @param recallAtK  share of the pair's relevant sources among those retrieved; NaN without retrieval or sources
 */
public record ScoredAnswer(String input, String reference, String answer, double exactMatch, double tokenF1, Boolean jsonValid,
                           double judgeScore, List<String> retrieved, Boolean cited, double recallAtK, double latencyMillis,
                           String location) {
    public ScoredAnswer {
        if (!(exactMatch >= 0 && exactMatch <= 1)) throw new IllegalArgumentException("exactMatch must be within [0, 1], got " + exactMatch);
        if (!(tokenF1 >= 0 && tokenF1 <= 1)) throw new IllegalArgumentException("tokenF1 must be within [0, 1], got " + tokenF1);
        retrieved = List.copyOf(retrieved);
    }
}
