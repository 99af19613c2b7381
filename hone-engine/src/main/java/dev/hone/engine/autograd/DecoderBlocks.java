package dev.hone.engine.autograd;

import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.kernel.StoredMatrix;
import dev.hone.engine.tensor.Tensor;

/**
 * The row-wise ops of a Llama-family decoder block with hand-written backward: RMSNorm with a
 * frozen weight, rotary embeddings, SwiGLU, and a linear layer whose frozen weight stays in its
 * stored width. Frozen weights never receive gradients; the ops only backpropagate to their input.
 */
final class DecoderBlocks {
    private DecoderBlocks() {
    }

    /**
     * {@code y = w ⊙ x·r} per row with {@code r = 1/√(mean(x²) + eps)}, as the inference RmsNorm. With
     * g = w ⊙ dy: {@code dx = r·(g − x·r²·(g·x)/n)}.
     */
    static Tensor rmsNorm(Graph graph, Tape tape, Tensor x, float[] weight, float eps, boolean tracked) {
        Kernels kernels = graph.kernels();
        int rows = x.rows();
        int width = x.columns();
        if (weight.length != width) throw new IllegalArgumentException("rmsNorm: " + weight.length + " weights for " + x);
        Tensor y = graph.output(tracked, x.shape());
        float[] inverseRms = new float[rows];
        float[] xd = x.data();
        float[] yd = y.data();
        for (int r = 0; r < rows; r++) {
            int base = r * width;
            float meanSquare = kernels.dot(xd, base, xd, base, width) / width;
            inverseRms[r] = (float) (1 / Math.sqrt(meanSquare + eps));
            for (int j = 0; j < width; j++) yd[base + j] = weight[j] * (xd[base + j] * inverseRms[r]);
        }
        if (tracked) {
            tape.record(() -> {
                float[] dy = y.gradient();
                float[] dx = x.gradient();
                float[] g = new float[width];
                for (int r = 0; r < rows; r++) {
                    int base = r * width;
                    for (int j = 0; j < width; j++) g[j] = weight[j] * dy[base + j];
                    float rms = inverseRms[r];
                    float projection = kernels.dot(g, 0, xd, base, width) / width;
                    for (int j = 0; j < width; j++) dx[base + j] += rms * (g[j] - xd[base + j] * rms * rms * projection);
                }
            });
        }
        return y;
    }

    /**
     * Rotates every head of every row in the "rotate half" layout: row r is position {@code r % seq},
     * and pair i of a head turns by the angle whose cosine and sine are {@code cos[p·d/2 + i]},
     * {@code sin[p·d/2 + i]}. A rotation's backward is the rotation by the opposite angle.
     */
    static Tensor rotary(Graph graph, Tape tape, Tensor x, float[] cos, float[] sin, int seq, int heads, boolean tracked) {
        int rows = x.rows();
        int width = x.columns();
        int headSize = width / heads;
        int half = headSize / 2;
        if (heads * headSize != width || 2 * half != headSize || rows % seq != 0 || cos.length != seq * half
                || sin.length != cos.length) {
            throw new IllegalArgumentException("rotary: " + x + " with " + heads + " heads, " + seq + " positions and "
                    + cos.length + " angles do not fit");
        }
        Tensor y = graph.output(tracked, x.shape());
        turn(x.data(), y.data(), cos, sin, rows, seq, heads, headSize, 1f);
        if (tracked) tape.record(() -> turn(y.gradient(), x.gradient(), cos, sin, rows, seq, heads, headSize, -1f));
        return y;
    }

    /** {@code to += rotate(from)} by the tables' angles times {@code direction} (1 or −1). */
    private static void turn(float[] from, float[] to, float[] cos, float[] sin, int rows, int seq, int heads, int headSize,
                             float direction) {
        int half = headSize / 2;
        for (int r = 0; r < rows; r++) {
            int angles = (r % seq) * half;
            for (int h = 0; h < heads; h++) {
                int base = (r * heads + h) * headSize;
                for (int i = 0; i < half; i++) {
                    float c = cos[angles + i];
                    float s = direction * sin[angles + i];
                    float x1 = from[base + i];
                    float x2 = from[base + half + i];
                    to[base + i] += x1 * c - x2 * s;
                    to[base + half + i] += x2 * c + x1 * s;
                }
            }
        }
    }

    /** {@code y = silu(gate) ⊙ up}, silu(g) = g·σ(g); silu'(g) = σ(g)·(1 + g·(1 − σ(g))). */
    static Tensor swiGlu(Graph graph, Tape tape, Tensor gate, Tensor up, boolean tracked) {
        if (gate.size() != up.size()) throw new IllegalArgumentException("swiGlu: " + gate + " and " + up + " differ in size");
        Tensor y = graph.output(tracked, gate.shape());
        float[] g = gate.data();
        float[] u = up.data();
        float[] yd = y.data();
        for (int i = 0; i < yd.length; i++) yd[i] = g[i] / (1f + (float) Math.exp(-g[i])) * u[i];
        if (tracked) {
            tape.record(() -> {
                float[] dy = y.gradient();
                float[] dGate = gate.requiresGradient() ? gate.gradient() : null;
                float[] dUp = up.requiresGradient() ? up.gradient() : null;
                for (int i = 0; i < dy.length; i++) {
                    float sigmoid = 1f / (1f + (float) Math.exp(-g[i]));
                    if (dGate != null) dGate[i] += dy[i] * u[i] * sigmoid * (1f + g[i] * (1f - sigmoid));
                    if (dUp != null) dUp[i] += dy[i] * g[i] * sigmoid;
                }
            });
        }
        return y;
    }

    /**
     * {@code y = x·Wᵀ + b} with W (out × in) frozen in its stored width and b a frozen f32 bias or null;
     * backward {@code dx += dy·W}, W widened inside the product, never copied.
     */
    static Tensor linear(Graph graph, Tape tape, Tensor x, StoredMatrix weight, float[] bias, boolean tracked) {
        int rows = x.rows();
        int out = weight.rows();
        if (x.columns() != weight.columns()) {
            throw new IllegalArgumentException("linear: input has " + x.columns() + " columns but weight is " + weight);
        }
        Kernels kernels = graph.kernels();
        Tensor y = graph.output(tracked, rows, out);
        kernels.matmul(x.data(), 0, weight, y.data(), 0, rows, false);
        if (bias != null) kernels.addBias(y.data(), 0, rows, out, bias);
        if (tracked) tape.record(() -> kernels.matmulUntransposed(y.gradient(), 0, weight, x.gradient(), 0, rows, true));
        return y;
    }
}
