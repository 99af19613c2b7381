package dev.hone.engine.kernel;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Bit-for-bit comparisons on the vector kernels. They are not bit-reproducible across JIT tiers:
 * interpreted, {@code reduceLanes} sums the lanes in order; compiled by C2, as a tree. So a result
 * is compared only once the code producing it has settled: the expected result is computed before
 * and after the actual one until both agree.
 */
public final class SettledResults {
    private static final int ATTEMPTS = 200;

    private SettledResults() {
    }

    /** {expected, actual}, from the first round in which expected gave the same bits before and after actual. */
    public static float[][] settled(Supplier<float[]> expected, Supplier<float[]> actual) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            float[] before = expected.get();
            float[] candidate = actual.get();
            if (Arrays.equals(before, expected.get())) return new float[][] {before, candidate};
        }
        throw new AssertionError("the expected result never gave the same bits twice in a row in " + ATTEMPTS + " rounds");
    }
}
