package dev.hone.engine.tensor;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An f32 tensor: a flat row-major {@code float[]} with a shape, plus a gradient buffer when it
 * takes part in backpropagation. The last dimension is contiguous; a 2-D view ({@link #rows()} ×
 * {@link #columns()}) is what most kernels consume.
 */
public final class Tensor {
    private final float[] data;
    private final int[] shape;
    private final boolean requiresGradient;
    /**
     * Volatile and allocated under a lock: an op's backward may run in parallel parts (attention's,
     * one part per sequence and head), and each part asks for the gradient it adds its slice to; two
     * parts that each allocated one would each add to their own, and one's slice would be lost.
     */
    private volatile float[] gradient;
    private volatile Map<Object, Object> derived;

    private Tensor(float[] data, int[] shape, boolean requiresGradient) {
        long size = 1;
        for (int d : shape) size *= d;
        if (size != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + size
                    + " values, got " + data.length);
        }
        this.data = data;
        this.shape = shape.clone();
        this.requiresGradient = requiresGradient;
    }

    /** A constant (no gradient) over the given values, without copying them. */
    public static Tensor of(float[] data, int... shape) {
        return new Tensor(data, shape, false);
    }

    /** A trainable parameter over the given values, without copying them. */
    public static Tensor parameter(float[] data, int... shape) {
        return new Tensor(data, shape, true);
    }

    /** A zero-filled intermediate result; it carries a gradient when any input does. */
    public static Tensor zeros(boolean requiresGradient, int... shape) {
        long size = 1;
        for (int d : shape) size *= d;
        return new Tensor(new float[Math.toIntExact(size)], shape, requiresGradient);
    }

    public float[] data() {
        return data;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int dimension(int index) {
        return shape[index < 0 ? shape.length + index : index];
    }

    public int size() {
        return data.length;
    }

    /** Width of the last dimension. */
    public int columns() {
        return shape[shape.length - 1];
    }

    /** Product of all but the last dimension. */
    public int rows() {
        return data.length / Math.max(1, columns());
    }

    public boolean requiresGradient() {
        return requiresGradient;
    }

    /** The gradient buffer, allocated on first use; gradients accumulate until {@link #zeroGradient()}. */
    public float[] gradient() {
        float[] g = gradient;
        if (g != null) return g;
        synchronized (this) {
            if (gradient == null) gradient = new float[data.length];
            return gradient;
        }
    }

    public boolean hasGradient() {
        return gradient != null;
    }

    public void zeroGradient() {
        if (gradient != null) Arrays.fill(gradient, 0f);
    }

    /** Drops the gradient buffer once training is over: a fully tuned encoder's gradients are as large as its weights. */
    public void releaseGradient() {
        gradient = null;
    }

    /**
     * A form of this constant's values made once per key and kept with it (a weight packed for a
     * kernel). Only constants qualify: a trainable tensor changes every step. Callers must not
     * change a constant's values after they first ask for a derived form.
     */
    public <T> T derived(Object key, Function<float[], T> make) {
        if (requiresGradient) throw new IllegalStateException("a trainable tensor's values change; derive nothing from " + this);
        Map<Object, Object> forms = derived;
        if (forms == null) {
            synchronized (this) {
                if (derived == null) derived = new ConcurrentHashMap<>();
                forms = derived;
            }
        }
        @SuppressWarnings("unchecked")
        T form = (T) forms.computeIfAbsent(key, k -> make.apply(data));
        return form;
    }

    /** A copy of the values as a new tensor (same trainability, no gradient). */
    public Tensor copy() {
        return new Tensor(data.clone(), shape, requiresGradient);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape) + (requiresGradient ? " (trainable)" : "");
    }
}
