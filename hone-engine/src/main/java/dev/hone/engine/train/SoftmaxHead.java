package dev.hone.engine.train;

import dev.hone.engine.autograd.Graph;
import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.tensor.Tensor;
import dev.hone.engine.weights.NamedTensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** A linear classifier over sentence embeddings: logits = e·Wᵀ + b, W (classes × hidden). */
public record SoftmaxHead(Tensor weight, Tensor bias) {

    /** Small random weights (seeded), zero bias. */
    public static SoftmaxHead initialise(int classes, int hidden, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] w = new float[classes * hidden];
        double bound = 1 / Math.sqrt(hidden);
        for (int i = 0; i < w.length; i++) w[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        return new SoftmaxHead(Tensor.parameter(w, classes, hidden), Tensor.parameter(new float[classes], classes));
    }

    public static SoftmaxHead fromWeights(Map<String, NamedTensor> weights) {
        NamedTensor w = weights.get("head.weight");
        NamedTensor b = weights.get("head.bias");
        if (w == null || b == null) throw new IllegalArgumentException("head weights missing (head.weight, head.bias)");
        return new SoftmaxHead(Tensor.parameter(w.values(), w.shape()), Tensor.parameter(b.values(), b.shape()));
    }

    public int classes() {
        return weight.dimension(0);
    }

    public Tensor logits(Graph graph, Tensor embeddings) {
        return graph.linear(embeddings, weight, bias);
    }

    /** Class probabilities for each embedding row. */
    public float[][] probabilities(float[][] embeddings, Kernels kernels) {
        int classes = classes();
        float[][] result = new float[embeddings.length][];
        for (int i = 0; i < embeddings.length; i++) {
            float[] row = new float[classes];
            for (int c = 0; c < classes; c++) {
                row[c] = kernels.dot(embeddings[i], 0, weight.data(), c * weight.columns(), weight.columns()) + bias.data()[c];
            }
            kernels.softmaxRows(row, 0, 1, classes);
            result[i] = row;
        }
        return result;
    }

    public Map<String, NamedTensor> toWeights() {
        Map<String, NamedTensor> weights = new LinkedHashMap<>();
        weights.put("head.weight", new NamedTensor("head.weight", weight.shape(), weight.data()));
        weights.put("head.bias", new NamedTensor("head.bias", bias.shape(), bias.data()));
        return weights;
    }
}
