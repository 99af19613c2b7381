package dev.hone.strategy;

import dev.hone.dataset.Example;
import dev.hone.engine.model.EncoderModel;
import dev.hone.engine.train.LabelledTexts;
import dev.hone.engine.train.TrainingListener;
import dev.hone.provider.ProviderPool;
import dev.hone.strategy.zeroshot.ZeroShotConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a strategy may use: the encoder, the training and validation examples (never test), the
 * label set with optional descriptions, a seed, a progress listener and the run's providers.
 *
 * @param providers the run's LLM connections, shared by every strategy so each provider's limits hold
 *                  across the run; strategies ask it for providers and never close them
 */
public record TrainingData(EncoderModel model, List<Example> train, List<Example> validation, List<String> labels,
                           Map<String, String> descriptions, long seed, TrainingListener listener, ProviderPool providers) {

    public TrainingData {
        if (providers == null) throw new IllegalArgumentException("providers must not be null; pass the run's ProviderPool");
    }

    /** The same context with other training and validation examples (a fold, a relabelled set). */
    public TrainingData withExamples(List<Example> otherTrain, List<Example> otherValidation) {
        return new TrainingData(model, otherTrain, otherValidation, labels, descriptions, seed, listener, providers);
    }

    /**
     * How many training examples each label's own sentence counts as. With a handful of examples per
     * class the label's name (and description) is evidence too: in bench/fewshot's frozen-encoder runs
     * at 8 examples per class, two copies lifted class prototypes and the linear probe by up to 11
     * points where label names mean something (emotion, sst2) and cost at most half a point where
     * they do not (trec's ABBR, ENTY…); at 64 per class they no longer matter.
     */
    public static final int LABEL_SENTENCE_WEIGHT = 2;

    /**
     * Each label written out as the default zero-shot prompt writes it ("This text is about
     * {label}. {description}"), {@link #LABEL_SENTENCE_WEIGHT} times, labelled with that label.
     */
    public List<Example> labelSentences() {
        List<Example> sentences = new ArrayList<>();
        for (String label : labels) {
            String sentence = ZeroShotConfig.render(ZeroShotConfig.DEFAULT_TEMPLATE, label, descriptions.get(label));
            for (int i = 0; i < LABEL_SENTENCE_WEIGHT; i++) sentences.add(new Example(sentence, label, "label sentence"));
        }
        return sentences;
    }

    /** The training examples plus the {@link #labelSentences()}: what the trained routes fit. */
    public LabelledTexts trainTexts() {
        List<Example> all = new ArrayList<>(train);
        all.addAll(labelSentences());
        return texts(all);
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
