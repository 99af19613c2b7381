package dev.hone.engine.autograd;

import dev.hone.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Reverse-mode automatic differentiation: each op that produces a gradient-carrying tensor
 * records a backward closure; {@link #backward(Tensor)} replays them newest first.
 */
public final class Tape {
    private final List<Runnable> backwardSteps = new ArrayList<>();

    void record(Runnable backwardStep) {
        backwardSteps.add(backwardStep);
    }

    /** Seeds d(loss)/d(loss) = 1 for a scalar loss and propagates to every trainable input. */
    public void backward(Tensor loss) {
        if (loss.size() != 1) throw new IllegalArgumentException("backward needs a scalar loss, got " + loss);
        backward(loss, new float[] {1f});
    }

    /** Propagates a given gradient of {@code output} (same size) to every trainable input: a checkpointed block's backward. */
    public void backward(Tensor output, float[] outputGradient) {
        if (outputGradient.length != output.size()) {
            throw new IllegalArgumentException(outputGradient.length + " gradient values for " + output);
        }
        float[] gradient = output.gradient();
        for (int i = 0; i < gradient.length; i++) gradient[i] += outputGradient[i];
        // Each step is dropped as it runs: the activations and gradients only it still holds can then be
        // collected, so backward's peak is the forward's activations, not twice them.
        for (int i = backwardSteps.size() - 1; i >= 0; i--) backwardSteps.remove(i).run();
    }

    public int size() {
        return backwardSteps.size();
    }
}
