package dev.hone.engine.decoder;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The shape of a Llama-family decoder, as its Hugging Face {@code config.json} gives it. Checked
 * at construction; messages use config.json's field names, since that is the file to fix.
 *
 * @param attentionBias   q, k and v projections have biases (Qwen2 always; Llama with {@code attention_bias})
 * @param outputBias      the attention output projection has a bias (Llama with {@code attention_bias})
 * @param mlpBias         gate, up and down projections have biases (Llama with {@code mlp_bias})
 * @param slidingWindow   the attention window when the model uses one (Mistral's {@code sliding_window};
 *                        Qwen2's only when {@code use_sliding_window}); Hone attends to the whole
 *                        sequence, so it runs such a model only on sequences that fit the window
 * @param storedType      {@code torch_dtype} (e.g. {@code bfloat16}) when given: informative, the
 *                        safetensors headers say what each tensor is
 */
public record DecoderConfig(DecoderArchitecture architecture, int vocabularySize, int hiddenSize, int intermediateSize,
                            int numberOfLayers, int numberOfHeads, int numberOfKeyValueHeads, int headSize,
                            float rmsNormEps, double ropeTheta, RopeScaling ropeScaling, int maxPositions,
                            boolean tieWordEmbeddings, boolean attentionBias, boolean outputBias, boolean mlpBias,
                            OptionalInt slidingWindow, Optional<String> storedType,
                            OptionalInt beginOfSequenceId, List<Integer> endOfSequenceIds) {
    public DecoderConfig {
        if (architecture == null || ropeScaling == null || slidingWindow == null || storedType == null
                || beginOfSequenceId == null || endOfSequenceIds == null) {
            throw new IllegalArgumentException("architecture, ropeScaling, slidingWindow, storedType, beginOfSequenceId "
                    + "and endOfSequenceIds are required (use empty optionals and lists)");
        }
        positive("vocab_size", vocabularySize);
        positive("hidden_size", hiddenSize);
        positive("intermediate_size", intermediateSize);
        positive("num_hidden_layers", numberOfLayers);
        positive("num_attention_heads", numberOfHeads);
        positive("num_key_value_heads", numberOfKeyValueHeads);
        positive("max_position_embeddings", maxPositions);
        if (numberOfHeads % numberOfKeyValueHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads (" + numberOfHeads + ") must be a multiple of "
                    + "num_key_value_heads (" + numberOfKeyValueHeads + "): each key/value head serves a group of query heads");
        }
        if (headSize < 2 || headSize % 2 != 0) {
            throw new IllegalArgumentException("head_dim must be even and >= 2 (rotary embeddings turn pairs), got " + headSize);
        }
        if (!(rmsNormEps > 0)) throw new IllegalArgumentException("rms_norm_eps must be > 0, got " + rmsNormEps);
        if (!(ropeTheta > 0)) throw new IllegalArgumentException("rope_theta must be > 0, got " + ropeTheta);
        if (slidingWindow.isPresent() && slidingWindow.getAsInt() < 1) {
            throw new IllegalArgumentException("sliding_window must be >= 1 or null, got " + slidingWindow.getAsInt());
        }
        endOfSequenceIds = List.copyOf(endOfSequenceIds);
    }

    private static void positive(String field, int value) {
        if (value < 1) throw new IllegalArgumentException(field + " must be >= 1, got " + value);
    }

    /**
     * Reads a Hugging Face {@code config.json}.
     *
     * @throws dev.hone.error.BadInputException naming the file and the field when it is missing,
     *         invalid or describes an architecture Hone does not run
     */
    public static DecoderConfig read(Path configJson) {
        return DecoderConfigReader.read(configJson);
    }

    /** Width of the concatenated query heads: heads × head size. */
    public int queryWidth() {
        return numberOfHeads * headSize;
    }

    /** Width of the concatenated key (or value) heads: key/value heads × head size. */
    public int keyValueWidth() {
        return numberOfKeyValueHeads * headSize;
    }

    /** Query heads per key/value head. */
    public int queriesPerKeyValueHead() {
        return numberOfHeads / numberOfKeyValueHeads;
    }

    /** The longest sequence Hone runs: the position limit, and the sliding window when there is one. */
    public int maxSequenceLength() {
        return slidingWindow.isPresent() ? Math.min(maxPositions, slidingWindow.getAsInt()) : maxPositions;
    }
}
