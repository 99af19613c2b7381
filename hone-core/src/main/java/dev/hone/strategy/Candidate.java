package dev.hone.strategy;

import dev.hone.Classifier;
import java.nio.file.Path;

/** What a strategy builds: a classifier that can also say how big it is and save itself. */
public interface Candidate extends Classifier {

    /** Weights that training changed (0 for prompt-only routes). */
    long trainableParameters();

    /** Every weight used at prediction time. */
    long totalParameters();

    /** Writes whatever {@link CandidateLoader} needs to rebuild this candidate into {@code directory}. */
    void save(Path directory);
}
