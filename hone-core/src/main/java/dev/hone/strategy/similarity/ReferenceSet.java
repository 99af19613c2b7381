package dev.hone.strategy.similarity;

import java.util.List;

/**
 * Labelled reference texts a similarity classifier compares queries with: label descriptions
 * (zero-shot) or training examples (few-shot). Saved as JSON; embeddings are recomputed on load.
 *
 * @param labelIndices for each text, the index of its label
 */
public record ReferenceSet(List<String> texts, int[] labelIndices) {
    public ReferenceSet {
        texts = List.copyOf(texts);
        if (texts.size() != labelIndices.length) {
            throw new IllegalArgumentException(texts.size() + " reference texts but " + labelIndices.length + " labels");
        }
    }
}
