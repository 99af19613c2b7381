package dev.hone.engine.train;

/** One training step's state, reported to a {@link TrainingListener}. */
public record TrainingProgress(int epoch, int epochs, long step, long totalSteps, double loss, double elapsedSeconds) {
}
