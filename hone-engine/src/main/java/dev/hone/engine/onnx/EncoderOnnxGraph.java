package dev.hone.engine.onnx;

import dev.hone.engine.model.EncoderSource;
import dev.hone.engine.model.Pooling;
import dev.hone.engine.nn.BertConfig;
import dev.hone.engine.nn.BertModel;
import dev.hone.engine.nn.RelativePositionBias;
import dev.hone.engine.onnx.OnnxModelWriter.Attribute;
import dev.hone.engine.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A BERT-family encoder written as an ONNX graph, node by node as {@link BertModel#forward} and
 * {@link dev.hone.engine.model.SentenceEmbedder#embed} compute it: embeddings (word, token type,
 * position from the architecture's offset), then per layer attention with the padding mask (and
 * MPNet's relative position bias), a residual and {@code LayerNormalization}, the exact GELU
 * through {@code Erf}, a residual and {@code LayerNormalization}; then the candidate's pooling and
 * L2 normalisation. Inputs are {@code input_ids} and {@code attention_mask} (int64, batch ×
 * sequence) and, for BERT, {@code token_type_ids}, as Hugging Face's exports have them; outputs
 * are {@code last_hidden_state} (batch × sequence × hidden) and {@code sentence_embedding}
 * (batch × hidden). Sequences are right-padded, as Hone pads them.
 *
 * <p>Names follow Hugging Face's exports, so Hone's ONNX importer reads the file back: weights
 * and biases under the architecture's own names ({@code encoder.layer.0.attention.attn.q.bias} in
 * MPNet), MatMul weights stored [in, out] and consumed by nodes named after their module
 * ({@code /encoder/layer.0/attention/self/query/MatMul}).
 */
final class EncoderOnnxGraph {
    /** What Hone adds to the score of a padding key ({@code Attention}'s mask value). */
    private static final float MASKED = -1e9f;

    private final OnnxModelWriter onnx;
    private final BertConfig config;
    private final Map<String, Tensor> weights;
    private final EncoderSource source;
    private int constants;

    private EncoderOnnxGraph(OnnxModelWriter onnx, BertModel model, EncoderSource source) {
        this.onnx = onnx;
        this.config = model.config();
        this.weights = model.namedParameters();
        this.source = source;
    }

    /**
     * The graph of {@code model} (its LoRA adapters already merged, as {@link BertModel#frozen()}
     * leaves them) pooled by {@code pooling} and L2-normalised.
     */
    static OnnxModelWriter of(BertModel model, EncoderSource source, Pooling pooling) {
        OnnxModelWriter onnx = new OnnxModelWriter("hone-" + source.modelType() + "-encoder");
        new EncoderOnnxGraph(onnx, model, source).build(pooling);
        return onnx;
    }

    /** Whether the graph takes token_type_ids: BERT's exports do; RoBERTa's, XLM-R's and MPNet's do not. */
    static boolean takesTokenTypes(EncoderSource source) {
        return source.modelType().equals("bert");
    }

    private void build(Pooling pooling) {
        onnx.input("input_ids", OnnxModelWriter.INT64, "batch", "sequence");
        onnx.input("attention_mask", OnnxModelWriter.INT64, "batch", "sequence");
        boolean tokenTypes = takesTokenTypes(source) && config.typeVocabularySize() > 0;
        if (tokenTypes) onnx.input("token_type_ids", OnnxModelWriter.INT64, "batch", "sequence");
        String sequenceLength = onnx.node("Gather", "/Gather", List.of(onnx.node("Shape", "/Shape", List.of("input_ids")),
                onnx.integerScalar("/sequence_axis", 1)), Attribute.of("axis", 0));          // scalar
        String mask = onnx.node("Cast", "/Cast", List.of("attention_mask"), Attribute.of("to", OnnxModelWriter.FLOAT));  // (batch, seq)

        String x = embeddings(sequenceLength, tokenTypes);                                // (batch, seq, hidden)
        String scoreBias = maskBias(mask);                                                // (batch, 1, 1, seq)
        if (config.relativeAttentionBuckets() > 0) {
            scoreBias = add("/encoder/Add", scoreBias, relativePositionBias(sequenceLength));  // (batch, heads, seq, seq)
        }
        for (int i = 0; i < config.numberOfLayers(); i++) x = layer(i, x, scoreBias);
        onnx.node("last_hidden_state", "Identity", "/last_hidden_state/Identity", List.of(x));
        onnx.output("last_hidden_state", OnnxModelWriter.FLOAT, "batch", "sequence", config.hiddenSize());

        String pooled = pool(pooling, x, mask, sequenceLength);                          // (batch, hidden)
        String norm = onnx.node("ReduceL2", "/Normalize/ReduceL2", List.of(pooled), Attribute.ofAll("axes", 1),
                Attribute.of("keepdims", 1));                                               // (batch, 1)
        norm = onnx.node("Max", "/Normalize/Max", List.of(norm, onnx.floatScalar("/Normalize/eps", 1e-12f)));
        onnx.node("sentence_embedding", "Div", "/Normalize/Div", List.of(pooled, norm));
        onnx.output("sentence_embedding", OnnxModelWriter.FLOAT, "batch", config.hiddenSize());
    }

    /** Word + token type + position embeddings, then LayerNorm: (batch, seq, hidden). */
    private String embeddings(String sequenceLength, boolean tokenTypeInput) {
        String x = onnx.node("Gather", "/embeddings/word_embeddings/Gather",
                List.of(weight("embeddings.word_embeddings.weight"), "input_ids"));
        if (config.typeVocabularySize() > 0) {
            // Without a token_type_ids input every token is of type 0, as Hone's tokenizer makes them.
            String types = tokenTypeInput ? "token_type_ids" : onnx.integerScalar("/embeddings/token_type_zero", 0);
            x = add("/embeddings/Add", x, onnx.node("Gather", "/embeddings/token_type_embeddings/Gather",
                    List.of(weight("embeddings.token_type_embeddings.weight"), types)));
        }
        // Position ids: offset, offset + 1, … (RoBERTa, XLM-R and MPNet count from padding_idx + 1).
        String offset = onnx.integerScalar("/embeddings/position_offset", config.positionOffset());
        String positions = onnx.node("Range", "/embeddings/Range", List.of(offset,
                add("/embeddings/Add", sequenceLength, offset), onnx.integerScalar("/embeddings/position_step", 1)));  // (seq)
        x = add("/embeddings/Add", x, onnx.node("Gather", "/embeddings/position_embeddings/Gather",
                List.of(weight("embeddings.position_embeddings.weight"), positions)));
        return layerNorm("/embeddings/LayerNorm", "embeddings.LayerNorm", x);
    }

    /** 0 for a real key, {@link #MASKED} for padding, broadcast over heads and queries: (batch, 1, 1, seq). */
    private String maskBias(String mask) {
        String padding = onnx.node("Sub", "/mask/Sub", List.of(onnx.floatScalar("/mask/one", 1f), mask));
        String bias = onnx.node("Mul", "/mask/Mul", List.of(padding, onnx.floatScalar("/mask/masked", MASKED)));
        return onnx.node("Unsqueeze", "/mask/Unsqueeze", List.of(bias, axes(1, 2)));
    }

    /**
     * MPNet's bias of every head for key j after query i: the table row of bucket(j − i), looked up
     * through the bucket of every distance the model's positions allow: (1, heads, seq, seq).
     */
    private String relativePositionBias(String sequenceLength) {
        int longest = config.maxTokens();
        long[] bucketOfDistance = new long[2 * longest - 1];                  // distance d at index d + longest − 1
        for (int d = -(longest - 1); d < longest; d++) {
            bucketOfDistance[d + longest - 1] = RelativePositionBias.bucket(d, config.relativeAttentionBuckets());
        }
        String at = "/encoder/relative_attention_bias";
        String positions = onnx.node("Range", at + "/Range", List.of(onnx.integerScalar(at + "/start", 0), sequenceLength,
                onnx.integerScalar(at + "/step", 1)));                                                   // (seq)
        String distance = onnx.node("Sub", at + "/Sub", List.of(
                onnx.node("Unsqueeze", at + "/Unsqueeze", List.of(positions, axes(0))),                  // keys (1, seq)
                onnx.node("Unsqueeze", at + "/Unsqueeze", List.of(positions, axes(1)))));                // queries (seq, 1)
        String index = add(at + "/Add", distance, onnx.integerScalar(at + "/shift", longest - 1));       // (seq, seq)
        String buckets = onnx.node("Gather", at + "/Gather", List.of(
                onnx.integers(at + "/bucket_of_distance", bucketOfDistance, bucketOfDistance.length), index));
        String bias = onnx.node("Gather", at + "/Gather", List.of(weight(BertModel.RELATIVE_BIAS), buckets));  // (seq, seq, heads)
        bias = onnx.node("Transpose", at + "/Transpose", List.of(bias), Attribute.ofAll("perm", 2, 0, 1));    // (heads, seq, seq)
        return onnx.node("Unsqueeze", at + "/Unsqueeze", List.of(bias, axes(0)));
    }

    /** One post-norm block: attention, residual, norm; MLP, residual, norm. */
    private String layer(int i, String x, String scoreBias) {
        String q = linear(i, "attention.self.query", x);                                  // (batch, seq, hidden)
        String k = linear(i, "attention.self.key", x);
        String v = linear(i, "attention.self.value", x);
        String query = source.hfModuleName("attention.self.query");
        String context = attention(scope(i, query.substring(0, query.lastIndexOf('.'))), q, k, v, scoreBias);
        String attended = linear(i, "attention.output.dense", context);
        x = layerNorm(i, "attention.output.LayerNorm", add(scope(i, "attention.output") + "/Add", attended, x));  // residual, then norm
        String expanded = gelu(scope(i, "intermediate.intermediate_act_fn"), linear(i, "intermediate.dense", x));  // (batch, seq, intermediate)
        String projected = linear(i, "output.dense", expanded);                           // (batch, seq, hidden)
        return layerNorm(i, "output.LayerNorm", add(scope(i, "output") + "/Add", projected, x));  // residual, then norm
    }

    /** softmax(Q·Kᵀ/√d + bias)·V over heads: (batch, seq, hidden) → (batch, seq, hidden). */
    private String attention(String at, String q, String k, String v, String scoreBias) {
        String heads = onnx.integers(at + "/heads_shape", new long[] {0, 0, config.numberOfHeads(), config.headSize()}, 4);
        String queries = onnx.node("Transpose", at + "/Transpose", List.of(onnx.node("Reshape", at + "/Reshape", List.of(q, heads))),
                Attribute.ofAll("perm", 0, 2, 1, 3));                                    // (batch, heads, seq, d)
        String keys = onnx.node("Transpose", at + "/Transpose", List.of(onnx.node("Reshape", at + "/Reshape", List.of(k, heads))),
                Attribute.ofAll("perm", 0, 2, 3, 1));                                    // (batch, heads, d, seq)
        String values = onnx.node("Transpose", at + "/Transpose", List.of(onnx.node("Reshape", at + "/Reshape", List.of(v, heads))),
                Attribute.ofAll("perm", 0, 2, 1, 3));                                    // (batch, heads, seq, d)
        String scores = onnx.node("MatMul", at + "/MatMul", List.of(queries, keys));    // (batch, heads, seq, seq)
        scores = onnx.node("Div", at + "/Div", List.of(scores, onnx.floatScalar(at + "/sqrt_head_size",
                (float) Math.sqrt(config.headSize()))));
        scores = add(at + "/Add", scores, scoreBias);
        String probabilities = onnx.node("Softmax", at + "/Softmax", List.of(scores), Attribute.of("axis", -1));
        String context = onnx.node("MatMul", at + "/MatMul", List.of(probabilities, values));  // (batch, heads, seq, d)
        context = onnx.node("Transpose", at + "/Transpose", List.of(context), Attribute.ofAll("perm", 0, 2, 1, 3));
        return onnx.node("Reshape", at + "/Reshape", List.of(context,
                onnx.integers(at + "/hidden_shape", new long[] {0, 0, config.hiddenSize()}, 3)));  // (batch, seq, hidden)
    }

    /** x·Wᵀ + b, with W stored transposed ([in, out]) as exporters store it. */
    private String linear(int layer, String module, String x) {
        String name = "encoder.layer." + layer + "." + module;
        String at = scope(layer, source.hfModuleName(module));
        Tensor w = tensor(name + ".weight");
        int out = w.dimension(0);
        int in = w.dimension(1);
        float[] transposed = new float[out * in];
        float[] values = w.data();
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) transposed[i * out + o] = values[o * in + i];
        }
        String product = onnx.node("MatMul", at + "/MatMul", List.of(x,
                onnx.weight("onnx::MatMul::" + source.hfName(name + ".weight"), transposed, in, out)));
        return add(at + "/Add", weight(name + ".bias"), product);
    }

    /** The exact GELU, x·½·(1 + erf(x/√2)). */
    private String gelu(String at, String x) {
        String erf = onnx.node("Erf", at + "/Erf", List.of(onnx.node("Div", at + "/Div",
                List.of(x, onnx.floatScalar(at + "/sqrt_two", (float) Math.sqrt(2))))));
        String factor = add(at + "/Add", erf, onnx.floatScalar(at + "/one", 1f));
        return onnx.node("Mul", at + "/Mul", List.of(onnx.node("Mul", at + "/Mul", List.of(x, factor)),
                onnx.floatScalar(at + "/half", 0.5f)));
    }

    private String layerNorm(int layer, String module, String x) {
        return layerNorm(scope(layer, source.hfModuleName(module)), "encoder.layer." + layer + "." + module, x);
    }

    private String layerNorm(String at, String bertPrefix, String x) {
        return onnx.node("LayerNormalization", at + "/LayerNormalization", List.of(x, weight(bertPrefix + ".weight"),
                weight(bertPrefix + ".bias")), Attribute.of("axis", -1), Attribute.of("epsilon", config.layerNormEps()));
    }

    /** The sentence-transformers pooling Hone embeds with: (batch, seq, hidden) → (batch, hidden). */
    private String pool(Pooling pooling, String x, String mask, String sequenceLength) {
        String at = "/Pooling";
        return switch (pooling) {
            case CLS -> onnx.node("Gather", at + "/Gather", List.of(x, onnx.integerScalar(at + "/first", 0)), Attribute.of("axis", 1));
            case MEAN -> {
                String weights = onnx.node("Unsqueeze", at + "/Unsqueeze", List.of(mask, axes(2)));          // (batch, seq, 1)
                String sum = onnx.node("ReduceSum", at + "/ReduceSum", List.of(onnx.node("Mul", at + "/Mul", List.of(x, weights)),
                        axes(1)), Attribute.of("keepdims", 0));                                                // (batch, hidden)
                String count = onnx.node("ReduceSum", at + "/ReduceSum", List.of(weights, axes(1)), Attribute.of("keepdims", 0));
                count = onnx.node("Max", at + "/Max", List.of(count, onnx.floatScalar(at + "/min_count", 1e-9f)));  // (batch, 1)
                yield onnx.node("Div", at + "/Div", List.of(sum, count));
            }
            case MAX -> {
                String real = onnx.node("Cast", at + "/Cast", List.of(onnx.node("Unsqueeze", at + "/Unsqueeze",
                        List.of("attention_mask", axes(2)))), Attribute.of("to", OnnxModelWriter.BOOL));      // (batch, seq, 1)
                String masked = onnx.node("Where", at + "/Where", List.of(real, x, onnx.floatScalar(at + "/lowest", -Float.MAX_VALUE)));
                yield onnx.node("ReduceMax", at + "/ReduceMax", List.of(masked), Attribute.ofAll("axes", 1), Attribute.of("keepdims", 0));
            }
            case LAST_TOKEN -> {
                // The last real token of a right-padded row is at (number of real tokens − 1).
                String last = onnx.node("Sub", at + "/Sub", List.of(onnx.node("ReduceSum", at + "/ReduceSum",
                        List.of("attention_mask", axes(1)), Attribute.of("keepdims", 1)), onnx.integerScalar(at + "/one", 1)));  // (batch, 1)
                String positions = onnx.node("Unsqueeze", at + "/Unsqueeze", List.of(onnx.node("Range", at + "/Range",
                        List.of(onnx.integerScalar(at + "/start", 0), sequenceLength, onnx.integerScalar(at + "/step", 1))), axes(0)));
                String chosen = onnx.node("Cast", at + "/Cast", List.of(onnx.node("Equal", at + "/Equal", List.of(positions, last))),
                        Attribute.of("to", OnnxModelWriter.FLOAT));                                            // (batch, seq)
                String weights = onnx.node("Unsqueeze", at + "/Unsqueeze", List.of(chosen, axes(2)));
                yield onnx.node("ReduceSum", at + "/ReduceSum", List.of(onnx.node("Mul", at + "/Mul", List.of(x, weights)),
                        axes(1)), Attribute.of("keepdims", 0));
            }
        };
    }

    private String add(String at, String a, String b) {
        return onnx.node("Add", at, List.of(a, b));
    }

    /** An initializer holding a weight under the architecture's own Hugging Face name. */
    private String weight(String bertName) {
        Tensor t = tensor(bertName);
        return onnx.weight(source.hfName(bertName), t.data(), t.shape());
    }

    private Tensor tensor(String bertName) {
        Tensor t = weights.get(bertName);
        if (t == null) throw new IllegalStateException("the encoder has no weight " + bertName);
        return t;
    }

    /** A module's node scope as exporters name it ({@code /encoder/layer.0/attention/self/query}), given its name in the architecture. */
    private static String scope(int layer, String module) {
        return "/encoder/layer." + layer + "/" + module.replace('.', '/');
    }

    /** An int64 axes list (Unsqueeze and ReduceSum take axes as an input from opset 13). */
    private String axes(long... values) {
        return onnx.integers("onnx::axes_" + constants++, values, values.length);
    }
}
