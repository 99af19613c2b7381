package dev.hone.engine.weights;

import java.util.Arrays;

/**
 * A named f32 array with a shape, as stored in weight files. Linear weights use PyTorch's
 * [out, in] layout and Hugging Face BERT names ({@code encoder.layer.0.attention.self.query.weight}).
 */
public record NamedTensor(String name, int[] shape, float[] values) {
    public NamedTensor {
        shape = shape.clone();
        long size = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException(name + ": negative dimension in shape " + Arrays.toString(shape));
            size *= d;
        }
        if (size != values.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " holds " + size
                    + " values but " + values.length + " were given");
        }
    }

    public int rows() {
        return shape[0];
    }

    public int columns() {
        return shape.length == 1 ? 1 : values.length / shape[0];
    }

    /** A copy with rows and columns swapped (2-D only). */
    public NamedTensor transposed(String newName) {
        if (shape.length != 2) throw new IllegalArgumentException(name + ": transpose needs 2 dimensions, has " + shape.length);
        int r = shape[0];
        int c = shape[1];
        float[] out = new float[values.length];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) out[j * r + i] = values[i * c + j];
        }
        return new NamedTensor(newName, new int[] {c, r}, out);
    }
}
