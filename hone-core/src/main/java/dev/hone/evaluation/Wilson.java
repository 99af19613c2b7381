package dev.hone.evaluation;

/** The Wilson score interval for a binomial proportion: honest near 0 and 1 and for small n. */
public final class Wilson {
    /** z for a two-sided 95% interval. */
    static final double Z95 = 1.959963984540054;

    private Wilson() {
    }

    /** [low, high] of the 95% interval for {@code successes} out of {@code trials}. */
    public static double[] interval(int successes, int trials) {
        if (trials == 0) return new double[] {0, 1};
        double p = successes / (double) trials;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / trials;
        double centre = (p + z2 / (2 * trials)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / trials + z2 / (4.0 * trials * trials)) / denominator;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}
