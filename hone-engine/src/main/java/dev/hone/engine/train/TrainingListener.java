package dev.hone.engine.train;

/** Observes training (progress bars, logs). Called on the training thread; keep it cheap. */
@FunctionalInterface
public interface TrainingListener {
    TrainingListener NONE = progress -> { };

    void onStep(TrainingProgress progress);

    /**
     * A line of progress that is not a step: a remote fine-tuning job's status and events, a
     * teacher labelling texts. Ignored unless a listener shows it (a run prints it).
     */
    default void message(String line) {
    }
}
