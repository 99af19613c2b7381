package dev.hone.engine.weights;

import dev.hone.engine.nn.BertConfig;
import dev.hone.error.BadInputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a BERT-family ONNX export (as produced by Hugging Face / sentence-transformers) into
 * Hugging Face-named weights. Exported MatMul weights are anonymous ({@code onnx::MatMul_885})
 * and stored [in, out]; the importer names each by the MatMul node that consumes it
 * ({@code /encoder/layer.0/attention/self/query/MatMul} → {@code encoder.layer.0.attention.self.query.weight})
 * and transposes it to PyTorch's [out, in].
 */
public final class OnnxBertImporter {
    private static final Pattern MATMUL_NODE = Pattern.compile("/(encoder/layer\\.\\d+/.+)/MatMul");

    private OnnxBertImporter() {
    }

    /** Weights (HF names) plus the inferred config. */
    public record Imported(BertConfig config, Map<String, NamedTensor> weights) {
    }

    public static Imported read(byte[] onnxBytes, String source) {
        return read(onnxBytes, source, null);
    }

    /** Reads a model file whose external data, if any, lies in {@code folder} (null: none may be external). */
    public static Imported read(byte[] onnxBytes, String source, Path folder) {
        OnnxGraph graph = OnnxGraph.parse(onnxBytes, source, folder);
        Map<String, NamedTensor> weights = weights(graph);
        float eps = 1e-12f;
        float attentionDivisor = Float.NaN;
        for (OnnxGraph.Node node : graph.nodes) {
            // Opset 17 exports (Hone's among them) fuse the norm into one node that carries epsilon.
            if (node.opType().equals("LayerNormalization") && node.name().startsWith("/embeddings/LayerNorm/")
                    && node.floatAttributes().containsKey("epsilon")) {
                eps = node.floatAttributes().get("epsilon");
            }
            if (node.name().equals("/embeddings/LayerNorm/Add") && node.inputs().size() == 2) {
                NamedTensor epsilon = graph.initializers.get(node.inputs().get(1));
                if (epsilon != null && epsilon.values().length == 1) eps = epsilon.values()[0];
            }
            if (node.name().equals("/encoder/layer.0/attention/self/Div") && node.inputs().size() == 2) {
                NamedTensor divisor = graph.initializers.get(node.inputs().get(1));
                if (divisor != null && divisor.values().length == 1) attentionDivisor = divisor.values()[0];
            }
        }
        return new Imported(inferConfig(weights, eps, attentionDivisor, source), weights);
    }

    /**
     * The weights alone, by Hugging Face name, for a caller that has the model's config.json: the
     * named initializers under {@code embeddings.} and {@code encoder.}, and every MatMul weight of
     * an {@code encoder/layer.N/…} node, named by its module and transposed to [out, in]. Names are
     * the architecture's own (MPNet's {@code attention.attn.q} stays so).
     */
    public static Map<String, NamedTensor> readWeights(byte[] onnxBytes, String source, Path folder) {
        return weights(OnnxGraph.parse(onnxBytes, source, folder));
    }

    private static Map<String, NamedTensor> weights(OnnxGraph graph) {
        Map<String, NamedTensor> weights = new LinkedHashMap<>();
        for (NamedTensor t : graph.initializers.values()) {
            if (t.name().startsWith("embeddings.") || t.name().startsWith("encoder.")) weights.put(t.name(), t);
        }
        for (OnnxGraph.Node node : graph.nodes) {
            Matcher m = MATMUL_NODE.matcher(node.name());
            if (node.opType().equals("MatMul") && m.matches() && node.inputs().size() == 2) {
                NamedTensor raw = graph.initializers.get(node.inputs().get(1));
                if (raw != null) {
                    String name = m.group(1).replace('/', '.') + ".weight";
                    weights.put(name, raw.transposed(name));
                }
            }
        }
        return weights;
    }

    private static BertConfig inferConfig(Map<String, NamedTensor> weights, float eps, float attentionDivisor, String source) {
        NamedTensor words = require(weights, "embeddings.word_embeddings.weight", source);
        NamedTensor positions = require(weights, "embeddings.position_embeddings.weight", source);
        NamedTensor types = require(weights, "embeddings.token_type_embeddings.weight", source);
        NamedTensor intermediate = require(weights, "encoder.layer.0.intermediate.dense.weight", source);
        int hidden = words.shape()[1];
        int layers = 0;
        while (weights.containsKey("encoder.layer." + layers + ".attention.self.query.weight")) layers++;
        // The export divides scores by sqrt(head size): recover the head count from that constant.
        int heads = Float.isNaN(attentionDivisor) ? Math.max(1, hidden / 64)
                : Math.round(hidden / (attentionDivisor * attentionDivisor));
        for (int i = 0; i < layers; i++) {
            for (String part : new String[] {"attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense", "attention.output.LayerNorm", "intermediate.dense", "output.dense",
                    "output.LayerNorm"}) {
                require(weights, "encoder.layer." + i + "." + part + ".weight", source);
                require(weights, "encoder.layer." + i + "." + part + ".bias", source);
            }
        }
        return new BertConfig(words.shape()[0], hidden, layers, heads, intermediate.shape()[0],
                positions.shape()[0], types.shape()[0], eps);
    }

    private static NamedTensor require(Map<String, NamedTensor> weights, String name, String source) {
        NamedTensor t = weights.get(name);
        if (t == null) {
            throw new BadInputException(source + ": weight '" + name + "' not found; only BERT-family encoders"
                    + " exported to ONNX with Hugging Face names are supported");
        }
        return t;
    }
}
