package dev.hone;

import java.util.List;

/** A trained (or prompted) text classifier, as {@link Hone#load} returns it. */
public interface Classifier {

    /** The labels this classifier chooses from, in a fixed order. */
    List<String> labels();

    /** Predicts each text's label with per-label scores. */
    List<Prediction> predictBatch(List<String> texts);

    /** Predicts one text's label. */
    default Prediction predict(String text) {
        return predictBatch(List.of(text)).get(0);
    }
}
