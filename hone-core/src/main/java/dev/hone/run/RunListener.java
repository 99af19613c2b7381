package dev.hone.run;

import dev.hone.dataset.LabelledData;
import dev.hone.engine.train.TrainingListener;

/** What a run reports as it goes (the CLI prints it; tests may ignore it). */
public interface RunListener {
    RunListener SILENT = new RunListener() {
        @Override
        public void message(String text) {
        }

        @Override
        public TrainingListener training(String candidate, int repeat) {
            return TrainingListener.NONE;
        }
    };

    /** A line of progress for a person. */
    void message(String text);

    /** A listener for one candidate's training (progress bar). */
    TrainingListener training(String candidate, int repeat);

    default void datasetLoaded(LabelledData data) {
        message(String.format("data: %d train, %d validation, %d test examples, %d labels%s",
                data.train().size(), data.validation().size(), data.test().size(), data.labels().size(),
                data.skippedRows() > 0 ? " (" + data.skippedRows() + " bad rows skipped)" : ""));
        for (String warning : data.checks().warnings()) message("check: " + warning);
    }
}
