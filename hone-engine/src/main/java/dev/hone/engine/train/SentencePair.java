package dev.hone.engine.train;

/** Two texts and their target cosine similarity (1 for same class, 0 for different, in SetFit style). */
public record SentencePair(String first, String second, float similarity) {
    public SentencePair {
        if (first == null || second == null) throw new IllegalArgumentException("pair texts must not be null");
        if (!(similarity >= -1f && similarity <= 1f)) {
            throw new IllegalArgumentException("similarity must be within [-1, 1], got " + similarity);
        }
    }
}
