package dev.hone.engine.nn;

import dev.hone.engine.autograd.Graph;
import dev.hone.engine.tensor.Tensor;

/** {@code y = x·Wᵀ + b}, optionally plus a LoRA update. W is (out × in), PyTorch's layout. */
public record Linear(Tensor weight, Tensor bias, LoraAdapter adapter) {

    public Linear(Tensor weight, Tensor bias) {
        this(weight, bias, null);
    }

    public Tensor forward(Graph graph, Tensor x) {
        Tensor y = graph.linear(x, weight, bias);                                   // (rows, out)
        if (adapter == null) return y;
        Tensor down = graph.linear(graph.dropout(x, adapter.dropout()), adapter.a(), null);  // (rows, r)
        Tensor up = graph.linear(down, adapter.b(), null);                          // (rows, out)
        return graph.add(y, graph.scale(up, adapter.scale()));
    }

    public Linear withAdapter(LoraAdapter newAdapter) {
        return new Linear(weight, bias, newAdapter);
    }

    public int in() {
        return weight.dimension(1);
    }

    public int out() {
        return weight.dimension(0);
    }

    /**
     * For serving: the adapter folded in and the weight and bias constants over the same values, so
     * products use the weight packed once, as a pretrained layer's do (a trainable weight is packed
     * anew for every product, since training changes it).
     */
    public Linear frozen() {
        Linear merged = merged();
        return new Linear(constant(merged.weight), merged.bias == null ? null : constant(merged.bias));
    }

    private static Tensor constant(Tensor t) {
        return t.requiresGradient() ? Tensor.of(t.data(), t.shape()) : t;
    }

    /** W + scale·B·A: the adapter folded into a plain weight (for fast inference or export). */
    public Linear merged() {
        if (adapter == null) return this;
        int out = out();
        int in = in();
        int r = adapter.rank();
        float[] w = weight.data().clone();
        float[] a = adapter.a().data();
        float[] b = adapter.b().data();
        for (int o = 0; o < out; o++) {
            for (int k = 0; k < r; k++) {
                float coefficient = adapter.scale() * b[o * r + k];
                if (coefficient == 0f) continue;
                for (int i = 0; i < in; i++) w[o * in + i] += coefficient * a[k * in + i];
            }
        }
        return new Linear(Tensor.of(w, out, in), bias);
    }
}
