package dev.hone.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * A lane sum and an exponential that give the same bits whether or not the JIT has compiled the
 * calling loop yet.
 *
 * <p>{@code reduceLanes(ADD)} may add the lanes in one order once intrinsified and in another in its
 * Java fallback (its javadoc allows any order), and {@code lanewise(EXP)} calls a different exp in
 * each (a vector math library's against {@link Math#exp}). Either makes a product depend on when the
 * JIT got to a loop, which changes from run to run with the machine's load; training amplifies a
 * last-bit difference into other weights, other predictions and another verdict. Lane-wise adds,
 * multiplies, fmas and conversions are rounded by IEEE 754 the same way in every tier, so everything
 * here is built from them, in a fixed order.
 */
final class TierExact {
    private static final float LOG2_E = 1.44269504088896341f;
    // ln 2 split so that n · LN2_HIGH is exact for the n in range (Cody–Waite reduction).
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;
    // Adding then subtracting 1.5 · 2^23 rounds a float of magnitude below 2^22 to the nearest integer.
    private static final float ROUND = 12582912f;
    // Below this e^x is under float's smallest normal: the result is made exactly 0 (e^−∞ = 0 in a
    // masked softmax). Every caller passes x ≤ 0; the upper clamp only keeps 2^n finite.
    private static final float LOWEST = -87.33654f;
    private static final float HIGHEST = 88f;

    private TierExact() {
    }

    /** The lanes' sum, folded in halves: lanes [L/2, L) onto [0, L/2), then again, down to lane 0. */
    static float sum(FloatVector v) {
        for (int width = v.length() / 2; width >= 1; width /= 2) v = v.add(v.slice(width));
        return v.lane(0);
    }

    /**
     * e^x per lane, within a few ulp of {@link Math#exp} (Cephes' expf polynomial on x − n·ln 2, then
     * scaled by 2^n through the exponent bits); exactly 0 below the float range, as for −∞.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector clamped = x.max(LOWEST).min(HIGHEST);
        FloatVector n = clamped.mul(LOG2_E).add(ROUND).sub(ROUND);                  // round(x / ln 2)
        FloatVector r = clamped.sub(n.mul(LN2_HIGH)).sub(n.mul(LN2_LOW));            // |r| ≤ ln 2 / 2
        FloatVector p = r.mul(1.9875691500e-4f).add(1.3981999507e-3f);
        p = p.mul(r).add(8.3334519073e-3f);
        p = p.mul(r).add(4.1665795894e-2f);
        p = p.mul(r).add(1.6666665459e-1f);
        p = p.mul(r).add(5.0000001201e-1f);
        FloatVector er = p.mul(r.mul(r)).add(r).add(1f);                             // e^r
        FloatVector twoToN = ((IntVector) n.add(127f).convert(VectorOperators.F2I, 0))
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return er.mul(twoToN).blend(0f, x.lt(LOWEST));
    }
}
