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
        double[] bounds = dev.hone.evaluation.Wilson.interval(correct, total);
        return new Interval(bounds[0], bounds[1]);
    }

    public boolean overlaps(Interval other) {
        return low <= other.high && other.low <= high;
    }
}
