package dev.hone.engine.nn;

/**
 * Shape of a BERT-family encoder (BERT, RoBERTa / XLM-R, MPNet), from config.json or inferred from weights.
 *
 * @param typeVocabularySize token types; 0 when the model has no token type embeddings (MPNet)
 * @param positionOffset the position id of the first token: 0 for BERT; RoBERTa, XLM-R and MPNet
 *     count from padding_idx + 1 (2 with their usual padding id 1)
 * @param relativeAttentionBuckets buckets of MPNet's relative position bias; 0 when there is none
 */
public record BertConfig(int vocabularySize, int hiddenSize, int numberOfLayers, int numberOfHeads,
                         int intermediateSize, int maxPositions, int typeVocabularySize, float layerNormEps,
                         int positionOffset, int relativeAttentionBuckets) {
    public BertConfig {
        if (hiddenSize < 1 || numberOfHeads < 1 || hiddenSize % numberOfHeads != 0) {
            throw new IllegalArgumentException("hiddenSize (" + hiddenSize + ") must be a positive multiple of numberOfHeads ("
                    + numberOfHeads + ")");
        }
        if (numberOfLayers < 1) throw new IllegalArgumentException("numberOfLayers must be >= 1, got " + numberOfLayers);
        if (!(layerNormEps > 0)) throw new IllegalArgumentException("layerNormEps must be > 0, got " + layerNormEps);
        if (typeVocabularySize < 0) throw new IllegalArgumentException("typeVocabularySize must be >= 0, got " + typeVocabularySize);
        if (positionOffset < 0 || positionOffset >= maxPositions) {
            throw new IllegalArgumentException("positionOffset must be within [0, maxPositions = " + maxPositions + "), got "
                    + positionOffset);
        }
        if (relativeAttentionBuckets < 0 || relativeAttentionBuckets % 2 != 0) {
            throw new IllegalArgumentException("relativeAttentionBuckets must be 0 or a positive even number, got "
                    + relativeAttentionBuckets);
        }
    }

    /** A BERT shape: positions from 0, no relative position bias. */
    public BertConfig(int vocabularySize, int hiddenSize, int numberOfLayers, int numberOfHeads, int intermediateSize,
                      int maxPositions, int typeVocabularySize, float layerNormEps) {
        this(vocabularySize, hiddenSize, numberOfLayers, numberOfHeads, intermediateSize, maxPositions,
                typeVocabularySize, layerNormEps, 0, 0);
    }

    public int headSize() {
        return hiddenSize / numberOfHeads;
    }

    /** The longest input in tokens that has a position embedding. */
    public int maxTokens() {
        return maxPositions - positionOffset;
    }
}
