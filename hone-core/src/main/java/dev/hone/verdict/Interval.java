package dev.hone.verdict;

/** A closed 95% interval {@code [low, high]} for a proportion-like figure. */
public record Interval(double low, double high) {
    public Interval {
        if (!(low <= high)) {
            throw new IllegalArgumentException("interval low must be <= high, got [" + low + ", " + high + "]");
        }
    }

    /** Wilson score 95% interval for {@code correct} successes out of {@code total} trials. */
    public static Interval wilson(int correct, int total) {
        if (total <= 0 || correct < 0 || correct > total) {
            throw new IllegalArgumentException("wilson needs 0 <= correct <= total and total > 0, got "
                    + correct + "/" + total);
        }
        double z = 1.959963984540054;
        double p = (double) correct / total;
        double z2n = z * z / total;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z / (1 + z2n) * Math.sqrt(p * (1 - p) / total + z2n / (4.0 * total));
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    public boolean overlaps(Interval other) {
        return low <= other.high && other.low <= high;
    }
}
