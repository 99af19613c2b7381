package dev.hone;

import java.util.Map;

/**
 * One prediction: the chosen label, its score, and the score of every label (probabilities
 * for trained heads, softmax-normalised similarities for prompt-only strategies).
 */
public record Prediction(String label, double score, Map<String, Double> scores) {
    public Prediction {
        if (label == null) throw new IllegalArgumentException("label must not be null");
        scores = Map.copyOf(scores);
    }
}
