package dev.hone.engine.train;

/**
 * One training step's state, reported to a {@link TrainingListener}.
 *
 * @param tokensPerSecond tokens read per second so far (a language model's tuning), or NaN where
 *                        throughput is not counted in tokens
 */
public record TrainingProgress(int epoch, int epochs, long step, long totalSteps, double loss, double elapsedSeconds,
                               double tokensPerSecond) {

    /** Progress without a token throughput. */
    public TrainingProgress(int epoch, int epochs, long step, long totalSteps, double loss, double elapsedSeconds) {
        this(epoch, epochs, step, totalSteps, loss, elapsedSeconds, Double.NaN);
    }

    /** Seconds left at the pace so far (0 before the first step is timed). */
    public double etaSeconds() {
        return step <= 0 ? 0 : elapsedSeconds / step * Math.max(0, totalSteps - step);
    }
}
