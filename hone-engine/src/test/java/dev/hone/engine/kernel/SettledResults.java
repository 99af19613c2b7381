package dev.hone.engine.kernel;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Bit-for-bit comparisons on the vector kernels. They are not bit-reproducible across JIT tiers:
 * interpreted, {@code reduceLanes} sums the lanes in order; compiled by C2, as a tree. So a result
 * is compared only once the code producing both sides has settled: expected and actual are
 * computed in turn, round after round, until {@value #STEADY_ROUNDS} rounds in a row gave the same
 * bits on each side. (A path seen for the first time can send compiled code back to the
 * interpreter for a while, so one side settling is not enough, nor are two rounds.)
 */
public final class SettledResults {
    private static final int ATTEMPTS = 400;
    private static final int STEADY_ROUNDS = 4;

    private SettledResults() {
    }

    /** {expected, actual}, from the first run of rounds in which each side gave the same bits every time. */
    public static float[][] settled(Supplier<float[]> expected, Supplier<float[]> actual) {
        float[] lastExpected = null;
        float[] lastActual = null;
        int steady = 0;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            float[] nextExpected = expected.get();
            float[] nextActual = actual.get();
            boolean same = Arrays.equals(nextExpected, lastExpected) && Arrays.equals(nextActual, lastActual);
            steady = same ? steady + 1 : 1;
            if (steady == STEADY_ROUNDS) return new float[][] {nextExpected, nextActual};
            lastExpected = nextExpected;
            lastActual = nextActual;
        }
        throw new AssertionError("the results never gave the same bits " + STEADY_ROUNDS + " rounds in a row in " + ATTEMPTS
                + " rounds");
    }
}
