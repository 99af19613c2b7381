package dev.hone.engine.kernel;

/**
 * The right-hand operand op(B) (k × n) of a product, rearranged once by {@link Kernels#pack} so
 * that many products can reuse it: a frozen weight is packed on first use instead of on every
 * call. Its layout belongs to the kernels that made it, and only they accept it.
 */
public record PackedMatrix(Kernels owner, int k, int n, float[] values) {
    public PackedMatrix {
        if (owner == null || values == null) throw new IllegalArgumentException("owner and values are required");
        if (k < 1 || n < 1) throw new IllegalArgumentException("a packed matrix needs k >= 1 and n >= 1, got " + k + " x " + n);
    }

    /** Throws unless these kernels made this matrix (another implementation's layout would give wrong products). */
    void checkOwner(Kernels kernels) {
        if (owner != kernels) throw new IllegalArgumentException("this matrix was packed by other kernels");
    }
}
