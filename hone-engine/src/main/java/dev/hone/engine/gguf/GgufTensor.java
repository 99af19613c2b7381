package dev.hone.engine.gguf;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * One tensor to write: its llama.cpp name, its type in the file, its shape and where its values
 * come from. The values are asked for only when the tensor's data is written, so an export holds
 * one weight in memory at a time. A matrix is (rows × columns) as PyTorch stores it; GGUF lists
 * dimensions innermost first, so the file says {columns, rows}. A 1-D tensor has one row and is
 * listed as {columns}.
 */
public record GgufTensor(String name, GgufTensorType type, int rows, int columns, boolean vector,
                         Supplier<TensorValues> values) {
    public GgufTensor {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("a tensor needs a name");
        if (name.getBytes(StandardCharsets.UTF_8).length > 63) {
            throw new IllegalArgumentException("tensor name " + name + " is longer than ggml's 63 bytes");
        }
        if (rows < 1 || columns < 1) throw new IllegalArgumentException(name + ": rows and columns must be >= 1");
        if (vector && rows != 1) throw new IllegalArgumentException(name + ": a 1-D tensor is one row, got " + rows);
        if (!type.fitsRowsOf(columns)) {
            throw new IllegalArgumentException(name + ": rows of " + columns + " values cannot be stored as " + type);
        }
    }

    /** A (rows × columns) matrix whose values {@code values} reads when the data is written. */
    public static GgufTensor matrix(String name, GgufTensorType type, int rows, int columns, Supplier<TensorValues> values) {
        return new GgufTensor(name, type, rows, columns, false, values);
    }

    /** A 1-D tensor, always F32: llama.cpp reads norms, biases and frequency factors as f32 (the converter never narrows them). */
    public static GgufTensor vector(String name, int length, Supplier<float[]> values) {
        return new GgufTensor(name, GgufTensorType.F32, 1, length, true, () -> TensorValues.of(values.get()));
    }

    /** The dimensions as GGUF lists them, innermost first. */
    public long[] dimensions() {
        return vector ? new long[] {columns} : new long[] {columns, rows};
    }

    /** Bytes of the tensor's data, before alignment padding. */
    public long bytes() {
        return type.rowBytes(columns) * rows;
    }

    /** The values, checked to have this tensor's shape. */
    TensorValues read() {
        TensorValues read = values.get();
        if (read.rows() != rows || read.columns() != columns) {
            throw new IllegalStateException(name + " was declared " + rows + " x " + columns + " but read "
                    + read.rows() + " x " + read.columns());
        }
        return read;
    }
}
