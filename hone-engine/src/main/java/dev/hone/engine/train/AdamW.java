package dev.hone.engine.train;

import dev.hone.engine.tensor.Tensor;
import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter) and bias correction. Weight decay is
 * not applied to biases and LayerNorm parameters (1-D tensors), as in common BERT recipes.
 */
public final class AdamW {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final List<Tensor> parameters;
    private final float weightDecay;
    private final float[][] firstMoments;
    private final float[][] secondMoments;
    private int steps;

    public AdamW(List<Tensor> parameters, float weightDecay) {
        this.parameters = List.copyOf(parameters);
        this.weightDecay = weightDecay;
        this.firstMoments = new float[parameters.size()][];
        this.secondMoments = new float[parameters.size()][];
        for (int i = 0; i < parameters.size(); i++) {
            firstMoments[i] = new float[parameters.get(i).size()];
            secondMoments[i] = new float[parameters.get(i).size()];
        }
    }

    /** One update with the given learning rate per parameter group (index-aligned with the parameters). */
    public void step(float[] learningRates) {
        steps++;
        float correction1 = 1 - (float) Math.pow(BETA1, steps);
        float correction2 = 1 - (float) Math.pow(BETA2, steps);
        for (int p = 0; p < parameters.size(); p++) {
            Tensor parameter = parameters.get(p);
            if (!parameter.hasGradient()) continue;
            float rate = learningRates[p];
            float decay = parameter.shape().length > 1 ? weightDecay : 0f;
            float[] w = parameter.data();
            float[] g = parameter.gradient();
            float[] m = firstMoments[p];
            float[] v = secondMoments[p];
            for (int i = 0; i < w.length; i++) {
                m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
                v[i] = BETA2 * v[i] + (1 - BETA2) * g[i] * g[i];
                float update = (m[i] / correction1) / ((float) Math.sqrt(v[i] / correction2) + EPSILON);
                w[i] -= rate * (update + decay * w[i]);
            }
        }
    }

    /** Scales all gradients so their global L2 norm is at most {@code maxNorm}; returns the norm before clipping. */
    public float clipGradients(float maxNorm) {
        double squares = 0;
        for (Tensor parameter : parameters) {
            if (!parameter.hasGradient()) continue;
            for (float g : parameter.gradient()) squares += (double) g * g;
        }
        float norm = (float) Math.sqrt(squares);
        if (norm > maxNorm) {
            float scale = maxNorm / (norm + 1e-6f);
            for (Tensor parameter : parameters) {
                if (!parameter.hasGradient()) continue;
                float[] g = parameter.gradient();
                for (int i = 0; i < g.length; i++) g[i] *= scale;
            }
        }
        return norm;
    }

    public void zeroGradients() {
        for (Tensor parameter : parameters) parameter.zeroGradient();
    }
}
