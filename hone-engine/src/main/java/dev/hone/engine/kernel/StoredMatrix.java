package dev.hone.engine.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/**
 * A read-only matrix kept in the number format it was stored in, rows contiguous: a checkpoint's
 * weight, so a bf16 model takes two bytes per weight in memory, not four. The kernels widen it to
 * f32 as they read it ({@link Kernels#matmul(float[], int, StoredMatrix, float[], int, int, boolean)},
 * {@link Kernels#widenRow}); it is never copied whole. A linear weight is stored (out × in),
 * PyTorch's layout.
 *
 * <p>The values live either in a Java array ({@code float[]} for F32, the raw bits in a
 * {@code short[]} for F16 and BF16) or in a memory-mapped file region ({@link #mapped}): a
 * checkpoint's weights are mapped, so loading reads only headers and the operating system pages
 * the weights in (and may drop them again) as products touch them. A mapping is a
 * {@link ByteBuffer}, not a {@code MemorySegment}: Hone compiles for Java 21, where the
 * foreign-memory API (and the Vector API's loads from it) is still a preview. The kernels copy a
 * mapped row into a small buffer (a memory copy) and widen it there, exactly as they widen an
 * array's row, so both give the same bits.
 */
public final class StoredMatrix {
    private final ElementType type;
    private final int rows;
    private final int columns;
    private final float[] singles;
    private final short[] halves;
    private final FloatBuffer mappedSingles;
    private final ShortBuffer mappedHalves;

    private StoredMatrix(ElementType type, int rows, int columns, float[] singles, short[] halves,
                         FloatBuffer mappedSingles, ShortBuffer mappedHalves) {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("a stored matrix needs rows >= 1 and columns >= 1, got " + rows + " x " + columns);
        }
        int length = singles != null ? singles.length
                : halves != null ? halves.length
                : mappedSingles != null ? mappedSingles.capacity()
                : mappedHalves.capacity();
        if (length != (long) rows * columns) {
            throw new IllegalArgumentException(rows + " x " + columns + " needs " + (long) rows * columns + " values, got " + length);
        }
        this.type = type;
        this.rows = rows;
        this.columns = columns;
        this.singles = singles;
        this.halves = halves;
        this.mappedSingles = mappedSingles;
        this.mappedHalves = mappedHalves;
    }

    /** An F32 matrix over {@code values} (row-major), not copied. */
    public static StoredMatrix ofFloats(float[] values, int rows, int columns) {
        return new StoredMatrix(ElementType.F32, rows, columns, values, null, null, null);
    }

    /** An F16 or BF16 matrix over the raw bits in {@code bits} (row-major), not copied. */
    public static StoredMatrix ofHalves(short[] bits, ElementType type, int rows, int columns) {
        if (type == ElementType.F32) throw new IllegalArgumentException("F32 values are floats: use ofFloats");
        return new StoredMatrix(type, rows, columns, null, bits, null, null);
    }

    /**
     * A matrix over {@code bytes}: exactly rows · columns little-endian elements of {@code type}
     * (a tensor's region of a mapped safetensors file), read in place, never copied whole. The
     * buffer must not change while the matrix is in use.
     */
    public static StoredMatrix mapped(ByteBuffer bytes, ElementType type, int rows, int columns) {
        long expected = (long) rows * columns * type.bytes();
        if (bytes.capacity() != expected) {
            throw new IllegalArgumentException(rows + " x " + columns + " " + type + " needs " + expected + " bytes, got "
                    + bytes.capacity());
        }
        ByteBuffer littleEndian = bytes.duplicate().clear().order(ByteOrder.LITTLE_ENDIAN);
        return type == ElementType.F32
                ? new StoredMatrix(type, rows, columns, null, null, littleEndian.asFloatBuffer(), null)
                : new StoredMatrix(type, rows, columns, null, null, null, littleEndian.asShortBuffer());
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

    /** Whether the values are in a mapped file region rather than a Java array. */
    public boolean isMapped() {
        return mappedSingles != null || mappedHalves != null;
    }

    /** Element (row, column) widened to f32. */
    public float get(int row, int column) {
        int at = row * columns + column;
        if (singles != null) return singles[at];
        if (halves != null) return type.widen(halves[at]);
        return mappedSingles != null ? mappedSingles.get(at) : type.widen(mappedHalves.get(at));
    }

    /** The F16 or BF16 bits in a Java array (null for F32 or a mapped matrix); read-only by contract. */
    short[] halves() {
        return halves;
    }

    /** Copies F32 elements [from, from + count) (in row-major order) into {@code out[at…]}. */
    void copySingles(int from, float[] out, int at, int count) {
        if (singles != null) System.arraycopy(singles, from, out, at, count);
        else mappedSingles.get(from, out, at, count);
    }

    /** Copies the bits of F16 or BF16 elements [from, from + count) into {@code out[at…]}. */
    void copyHalves(int from, short[] out, int at, int count) {
        if (halves != null) System.arraycopy(halves, from, out, at, count);
        else mappedHalves.get(from, out, at, count);
    }

    @Override
    public String toString() {
        return "StoredMatrix[" + rows + " x " + columns + " " + type + "]";
    }
}
