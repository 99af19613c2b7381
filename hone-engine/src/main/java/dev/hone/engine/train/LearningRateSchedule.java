package dev.hone.engine.train;

/** Linear warm-up from 0 to the peak over the first steps, then linear or cosine decay to 0. */
public record LearningRateSchedule(long totalSteps, long warmupSteps, boolean cosine) {
    public LearningRateSchedule {
        if (totalSteps < 1) throw new IllegalArgumentException("totalSteps must be >= 1, got " + totalSteps);
        if (warmupSteps < 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("warmupSteps must be within [0, totalSteps], got " + warmupSteps);
        }
    }

    public static LearningRateSchedule linear(long totalSteps, float warmupFraction) {
        return new LearningRateSchedule(totalSteps, Math.round(totalSteps * (double) warmupFraction), false);
    }

    /** Multiplier of the peak rate at a 0-based step. */
    public float factor(long step) {
        if (step < warmupSteps) return (step + 1) / (float) warmupSteps;
        double progress = (step - warmupSteps) / (double) Math.max(1, totalSteps - warmupSteps);
        progress = Math.min(1, progress);
        return (float) (cosine ? 0.5 * (1 + Math.cos(Math.PI * progress)) : 1 - progress);
    }
}
