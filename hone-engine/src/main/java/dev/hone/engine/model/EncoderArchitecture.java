package dev.hone.engine.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The encoder architectures Hone runs, by config.json {@code model_type}, with what sets each
 * apart: the prefix its task checkpoints put before the base model's weights, and how its weight
 * names map onto the Hugging Face BERT names {@link dev.hone.engine.nn.BertModel} uses.
 */
enum EncoderArchitecture {
    /** BERT and the encoders trained from it (bge, e5, gte-base, MiniLM). */
    BERT("bert", List.of("bert"), false, Map.of()),
    /** RoBERTa: BERT's blocks, positions from padding_idx + 1, one token type. */
    ROBERTA("roberta", List.of("roberta"), true, Map.of()),
    /** XLM-RoBERTa: RoBERTa with a multilingual vocabulary. */
    XLM_ROBERTA("xlm-roberta", List.of("roberta"), true, Map.of()),
    /** MPNet: no token types, RoBERTa's positions, a relative position bias, its own attention names. */
    MPNET("mpnet", List.of("mpnet"), true, Map.of(
            "attention.attn.q.", "attention.self.query.",
            "attention.attn.k.", "attention.self.key.",
            "attention.attn.v.", "attention.self.value.",
            "attention.attn.o.", "attention.output.dense.",
            "attention.LayerNorm.", "attention.output.LayerNorm."));

    private final String modelType;
    private final List<String> checkpointPrefixes;
    private final boolean positionsAfterPadding;
    /** Parts of a name inside {@code encoder.layer.N.}, this architecture's → BERT's. */
    private final Map<String, String> layerRenames;

    EncoderArchitecture(String modelType, List<String> checkpointPrefixes, boolean positionsAfterPadding,
                        Map<String, String> layerRenames) {
        this.modelType = modelType;
        this.checkpointPrefixes = checkpointPrefixes;
        this.positionsAfterPadding = positionsAfterPadding;
        this.layerRenames = layerRenames;
    }

    static Optional<EncoderArchitecture> ofModelType(String modelType) {
        String normalised = modelType.toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(a -> a.modelType.equals(normalised)).findFirst();
    }

    /** The supported {@code model_type} values, for messages. */
    static String supported() {
        return Arrays.stream(values()).map(a -> a.modelType).collect(Collectors.joining(", "));
    }

    String modelType() {
        return modelType;
    }

    /** Whether position ids start after the padding id (padding_idx + 1), as RoBERTa's and MPNet's do. */
    boolean positionsAfterPadding() {
        return positionsAfterPadding;
    }

    boolean hasTokenTypes() {
        return this != MPNET;
    }

    /** This architecture's name of a BERT-named weight: {@link #bertName} backwards, for saving. */
    String hfName(String bertName) {
        for (Map.Entry<String, String> rename : layerRenames.entrySet()) {
            int at = bertName.indexOf("." + rename.getValue());
            if (bertName.startsWith("encoder.layer.") && at >= 0) {
                return bertName.substring(0, at + 1) + rename.getKey() + bertName.substring(at + 1 + rename.getValue().length());
            }
        }
        return bertName;
    }

    /** The architectures list transformers' config.json names for this model type's base model. */
    String baseArchitecture() {
        return switch (this) {
            case BERT -> "BertModel";
            case ROBERTA -> "RobertaModel";
            case XLM_ROBERTA -> "XLMRobertaModel";
            case MPNET -> "MPNetModel";
        };
    }

    /**
     * The BERT name of one of this architecture's weight names, or null for a weight the encoder
     * does not use (a task head, a pooler, a language-model head). A task checkpoint's prefix
     * ({@code roberta.}, {@code mpnet.}) is dropped.
     */
    String bertName(String name) {
        for (String prefix : checkpointPrefixes) {
            if (name.startsWith(prefix + ".")) {
                name = name.substring(prefix.length() + 1);
                break;
            }
        }
        if (!name.startsWith("embeddings.") && !name.startsWith("encoder.")) return null;
        if (name.startsWith("embeddings.position_ids")) return null;
        for (Map.Entry<String, String> rename : layerRenames.entrySet()) {
            int at = name.indexOf("." + rename.getKey());
            if (name.startsWith("encoder.layer.") && at >= 0) {
                return name.substring(0, at + 1) + rename.getValue() + name.substring(at + 1 + rename.getKey().length());
            }
        }
        return name;
    }
}
