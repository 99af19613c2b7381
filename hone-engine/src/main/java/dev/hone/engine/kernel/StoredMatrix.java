package dev.hone.engine.kernel;

/**
 * A read-only matrix kept in the number format it was stored in, rows contiguous: a checkpoint's
 * weight, so a bf16 model takes two bytes per weight in memory, not four. The kernels widen it to
 * f32 as they read it ({@link Kernels#matmul(float[], int, StoredMatrix, float[], int, int, boolean)},
 * {@link Kernels#widenRow}); it is never copied whole. A linear weight is stored (out × in),
 * PyTorch's layout.
 *
 * <p>The values live in a Java array ({@code float[]} for F32, the raw bits in a {@code short[]}
 * for F16 and BF16), not in a mapped file: Hone compiles for Java 21, where the foreign-memory API
 * (and the Vector API's loads from it) is still a preview.
 */
public final class StoredMatrix {
    private final ElementType type;
    private final int rows;
    private final int columns;
    private final float[] singles;
    private final short[] halves;

    private StoredMatrix(ElementType type, int rows, int columns, float[] singles, short[] halves) {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("a stored matrix needs rows >= 1 and columns >= 1, got " + rows + " x " + columns);
        }
        int length = singles != null ? singles.length : halves.length;
        if (length != (long) rows * columns) {
            throw new IllegalArgumentException(rows + " x " + columns + " needs " + (long) rows * columns + " values, got " + length);
        }
        this.type = type;
        this.rows = rows;
        this.columns = columns;
        this.singles = singles;
        this.halves = halves;
    }

    /** An F32 matrix over {@code values} (row-major), not copied. */
    public static StoredMatrix ofFloats(float[] values, int rows, int columns) {
        return new StoredMatrix(ElementType.F32, rows, columns, values, null);
    }

    /** An F16 or BF16 matrix over the raw bits in {@code bits} (row-major), not copied. */
    public static StoredMatrix ofHalves(short[] bits, ElementType type, int rows, int columns) {
        if (type == ElementType.F32) throw new IllegalArgumentException("F32 values are floats: use ofFloats");
        return new StoredMatrix(type, rows, columns, null, bits);
    }

    /** {@code values} (row-major) rounded to {@code type}: weights built in memory, for tests and conversions. */
    public static StoredMatrix rounded(float[] values, ElementType type, int rows, int columns) {
        if (type == ElementType.F32) return ofFloats(values.clone(), rows, columns);
        short[] bits = new short[values.length];
        for (int i = 0; i < values.length; i++) bits[i] = type.narrow(values[i]);
        return ofHalves(bits, type, rows, columns);
    }

    public ElementType type() {
        return type;
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    /** Bytes the values take in memory: rows · columns · the element's width. */
    public long bytes() {
        return (long) rows * columns * type.bytes();
    }

    /** Element (row, column) widened to f32. */
    public float get(int row, int column) {
        int at = row * columns + column;
        return singles != null ? singles[at] : type.widen(halves[at]);
    }

    /** The F32 values (null for a 16-bit type); read-only by contract. */
    float[] singles() {
        return singles;
    }

    /** The F16 or BF16 bits (null for F32); read-only by contract. */
    short[] halves() {
        return halves;
    }

    @Override
    public String toString() {
        return "StoredMatrix[" + rows + " x " + columns + " " + type + "]";
    }
}
