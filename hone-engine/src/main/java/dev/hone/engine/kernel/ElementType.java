package dev.hone.engine.kernel;

/**
 * The number format a weight is stored in: IEEE single precision, IEEE half precision, or bfloat16
 * (the top 16 bits of a single). The names are safetensors' dtype names. Widening to f32 is exact
 * for all three; the 16-bit formats are held as their raw bits in a {@code short}.
 */
public enum ElementType {
    F32(4),
    F16(2),
    BF16(2);

    private final int bytes;

    ElementType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The f32 value of a 16-bit element's bits: the scalar definition the vector loads are tested against. */
    public float widen(short bits) {
        return switch (this) {
            case F16 -> Float.float16ToFloat(bits);
            case BF16 -> Float.intBitsToFloat(bits << 16);
            case F32 -> throw new IllegalArgumentException("F32 elements are stored as floats, not 16-bit patterns");
        };
    }

    /** The bits of the 16-bit element nearest to {@code value} (ties to even, as PyTorch rounds). */
    public short narrow(float value) {
        return switch (this) {
            case F16 -> Float.floatToFloat16(value);
            case BF16 -> toBfloat16(value);
            case F32 -> throw new IllegalArgumentException("F32 elements are stored as floats, not 16-bit patterns");
        };
    }

    private static short toBfloat16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) return (short) ((bits >>> 16) | 0x40);  // stays a quiet NaN
        int roundingBias = 0x7fff + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }
}
