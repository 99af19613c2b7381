package dev.hone.engine.train;

import java.util.List;

/** Texts with integer class labels in {@code [0, numberOfClasses)}. */
public record LabelledTexts(List<String> texts, int[] labels) {
    public LabelledTexts {
        texts = List.copyOf(texts);
        labels = labels.clone();
        if (texts.size() != labels.length) {
            throw new IllegalArgumentException("texts and labels must have the same size, got "
                    + texts.size() + " texts and " + labels.length + " labels");
        }
    }

    public int size() {
        return labels.length;
    }
}
