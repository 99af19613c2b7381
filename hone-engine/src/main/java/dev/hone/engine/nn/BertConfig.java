package dev.hone.engine.nn;

/** Shape of a BERT-family encoder, inferred from its weights. */
public record BertConfig(int vocabularySize, int hiddenSize, int numberOfLayers, int numberOfHeads,
                         int intermediateSize, int maxPositions, int typeVocabularySize, float layerNormEps) {
    public BertConfig {
        if (hiddenSize < 1 || numberOfHeads < 1 || hiddenSize % numberOfHeads != 0) {
            throw new IllegalArgumentException("hiddenSize (" + hiddenSize + ") must be a positive multiple of numberOfHeads ("
                    + numberOfHeads + ")");
        }
        if (numberOfLayers < 1) throw new IllegalArgumentException("numberOfLayers must be >= 1, got " + numberOfLayers);
        if (!(layerNormEps > 0)) throw new IllegalArgumentException("layerNormEps must be > 0, got " + layerNormEps);
    }

    public int headSize() {
        return hiddenSize / numberOfHeads;
    }
}
