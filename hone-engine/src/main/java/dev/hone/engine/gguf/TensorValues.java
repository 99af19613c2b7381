package dev.hone.engine.gguf;

import dev.hone.engine.kernel.StoredMatrix;

/**
 * A tensor's values as rows of f32, read one row at a time so that a large weight is converted
 * and written without a second copy of it in memory. A 1-D tensor is one row.
 */
public interface TensorValues {

    int rows();

    int columns();

    /** Copies row {@code row} into {@code into} (of length {@link #columns()}). */
    void readRow(int row, float[] into);

    /** A checkpoint's matrix, widened row by row from its stored width. */
    static TensorValues of(StoredMatrix matrix) {
        return new TensorValues() {
            @Override
            public int rows() {
                return matrix.rows();
            }

            @Override
            public int columns() {
                return matrix.columns();
            }

            @Override
            public void readRow(int row, float[] into) {
                for (int column = 0; column < into.length; column++) into[column] = matrix.get(row, column);
            }
        };
    }

    /** A vector (a norm's weight, a bias) as one row. */
    static TensorValues of(float[] vector) {
        return new TensorValues() {
            @Override
            public int rows() {
                return 1;
            }

            @Override
            public int columns() {
                return vector.length;
            }

            @Override
            public void readRow(int row, float[] into) {
                System.arraycopy(vector, 0, into, 0, vector.length);
            }
        };
    }

    /** These values plus {@code delta} (rows × columns, row-major), added row by row as they are read. */
    default TensorValues plus(float[] delta) {
        if (delta.length != (long) rows() * columns()) {
            throw new IllegalArgumentException("a delta for " + rows() + " x " + columns() + " values has " + delta.length);
        }
        return withRows((into, row) -> {
            readRow(row, into);
            for (int column = 0; column < into.length; column++) into[column] += delta[row * into.length + column];
        });
    }

    /** These values with their rows reordered: row {@code r} of the result is row {@code sourceRow[r]} of this. */
    default TensorValues withRowsFrom(int[] sourceRow) {
        if (sourceRow.length != rows()) {
            throw new IllegalArgumentException("a row order needs " + rows() + " rows, got " + sourceRow.length);
        }
        return withRows((into, row) -> readRow(sourceRow[row], into));
    }

    /** Values of this shape whose rows {@code reader} writes (given the row to fill and its index). */
    private TensorValues withRows(java.util.function.ObjIntConsumer<float[]> reader) {
        TensorValues source = this;
        return new TensorValues() {
            @Override
            public int rows() {
                return source.rows();
            }

            @Override
            public int columns() {
                return source.columns();
            }

            @Override
            public void readRow(int row, float[] into) {
                reader.accept(into, row);
            }
        };
    }

    /** A vector's elements reordered like {@link #withRowsFrom}: element {@code i} is element {@code sourceIndex[i]} of {@code vector}. */
    static float[] reordered(float[] vector, int[] sourceIndex) {
        float[] result = new float[vector.length];
        for (int i = 0; i < result.length; i++) result[i] = vector[sourceIndex[i]];
        return result;
    }
}
