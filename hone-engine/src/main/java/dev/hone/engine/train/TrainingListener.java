package dev.hone.engine.train;

/** Observes training (progress bars, logs). Called on the training thread; keep it cheap. */
@FunctionalInterface
public interface TrainingListener {
    TrainingListener NONE = progress -> { };

    void onStep(TrainingProgress progress);
}
