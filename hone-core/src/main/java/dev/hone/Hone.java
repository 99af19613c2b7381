package dev.hone;

import java.nio.file.Path;

/** Hone's Java entry points. */
public final class Hone {
    private Hone() {
    }

    /** Loads a saved candidate ({@code OUT/candidates/NAME}) or a run folder's recommended candidate. */
    public static Classifier load(Path candidateOrRunDirectory) {
        throw new HoneException("loading is not built yet");
    }
}
