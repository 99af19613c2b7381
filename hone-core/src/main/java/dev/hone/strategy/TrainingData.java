package dev.hone.strategy;

import dev.hone.dataset.Example;
import dev.hone.engine.model.EncoderModel;
import dev.hone.engine.train.LabelledTexts;
import dev.hone.engine.train.TrainingListener;
import java.util.List;
import java.util.Map;

/**
 * What a strategy may use: the encoder, the training and validation examples (never test), the
 * label set with optional descriptions, a seed and a progress listener.
 */
public record TrainingData(EncoderModel model, List<Example> train, List<Example> validation, List<String> labels,
                           Map<String, String> descriptions, long seed, TrainingListener listener) {

    public LabelledTexts trainTexts() {
        return texts(train);
    }

    public LabelledTexts validationTexts() {
        return texts(validation);
    }

    private LabelledTexts texts(List<Example> examples) {
        int[] ids = new int[examples.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = labels.indexOf(examples.get(i).label());
        return new LabelledTexts(examples.stream().map(Example::text).toList(), ids);
    }
}
