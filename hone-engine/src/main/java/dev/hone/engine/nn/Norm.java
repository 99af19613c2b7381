package dev.hone.engine.nn;

import dev.hone.engine.autograd.Graph;
import dev.hone.engine.tensor.Tensor;

/** LayerNorm parameters: gamma (named {@code weight}) and beta ({@code bias}). */
public record Norm(Tensor weight, Tensor bias, float eps) {
    public Tensor forward(Graph graph, Tensor x) {
        return graph.layerNorm(x, weight, bias, eps);
    }
}
