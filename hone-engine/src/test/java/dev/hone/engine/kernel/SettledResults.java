package dev.hone.engine.kernel;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Bit-for-bit comparisons on the vector kernels. They are not bit-reproducible across JIT tiers:
 * interpreted, {@code reduceLanes} sums the lanes in order; compiled by C2, as a tree. So a result
 * is compared only once the code producing both has settled: expected and actual are computed
 * in turn (expected, actual, expected, actual, expected) until each gives the same bits every time.
 * A path seen for the first time can also send compiled code back to the interpreter, so settling
 * one side is not enough.
 */
public final class SettledResults {
    private static final int ATTEMPTS = 200;

    private SettledResults() {
    }

    /** {expected, actual}, from the first round in which each side gave the same bits every time. */
    public static float[][] settled(Supplier<float[]> expected, Supplier<float[]> actual) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            float[] first = expected.get();
            float[] candidate = actual.get();
            boolean same = Arrays.equals(first, expected.get());
            same &= Arrays.equals(candidate, actual.get());
            same &= Arrays.equals(first, expected.get());
            if (same) return new float[][] {first, candidate};
        }
        throw new AssertionError("the results never settled to the same bits twice in a row in " + ATTEMPTS + " rounds");
    }
}
