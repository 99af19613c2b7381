package dev.hone.engine.gguf;

import java.nio.ByteBuffer;

/**
 * ggml's Q8_0 quantisation of a row, bit for bit as its reference {@code quantize_row_q8_0_ref}
 * (and gguf-py) computes it: per block of 32 values, the scale d = max|x| / 127 in f32, each value
 * q = round(x / d) (x times 1/d, rounded half away from zero) as a signed byte, and d stored as
 * f16 in front of the 32 bytes. The values are quantised with the f32 scale, not the rounded one.
 */
public final class Q8Blocks {
    /** Values per block. */
    public static final int BLOCK_SIZE = 32;
    /** Bytes per block: the f16 scale and one byte per value. */
    public static final int BLOCK_BYTES = 2 + BLOCK_SIZE;

    private Q8Blocks() {
    }

    /** Writes {@code row} (a multiple of 32 values long) as Q8_0 blocks into {@code out}. */
    public static void encode(float[] row, ByteBuffer out) {
        if (row.length % BLOCK_SIZE != 0) {
            throw new IllegalArgumentException("Q8_0 needs rows of a multiple of " + BLOCK_SIZE + " values, got " + row.length);
        }
        for (int start = 0; start < row.length; start += BLOCK_SIZE) {
            float largest = 0;
            for (int i = start; i < start + BLOCK_SIZE; i++) largest = Math.max(largest, Math.abs(row[i]));
            float scale = largest / 127;
            float inverse = scale == 0 ? 0 : 1 / scale;
            out.putShort(Float.floatToFloat16(scale));
            for (int i = start; i < start + BLOCK_SIZE; i++) out.put((byte) roundHalfAwayFromZero(row[i] * inverse));
        }
    }

    /** C's roundf: halves go away from zero (Math.round would take -2.5 to -2). */
    static int roundHalfAwayFromZero(float value) {
        float magnitude = Math.abs(value);
        float whole = (float) Math.floor(magnitude);
        if (magnitude - whole >= 0.5f) whole += 1;
        return (int) Math.copySign(whole, value);
    }
}
