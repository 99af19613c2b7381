package dev.hone.strategy;

import dev.hone.engine.model.EncoderInfo;
import dev.hone.engine.model.EncoderModel;
import dev.hone.engine.model.Pooling;
import dev.hone.engine.model.TunedEncoder;
import dev.hone.engine.train.FineTuneOptions;
import dev.hone.engine.train.LabelledTexts;
import dev.hone.engine.train.SentencePair;
import dev.hone.engine.train.TrainingListener;
import dev.hone.engine.train.TunedClassifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Deterministic, instant encoder for strategy tests that need no training: a hashed bag of
 * lower-cased words, L2-normalised (texts sharing words are similar). Tuning is not offered.
 */
public final class WordHashEncoder implements EncoderModel {
    static final int DIMENSION = 512;

    @Override
    public EncoderInfo info() {
        return new EncoderInfo("word-hash", DIMENSION, 512, Pooling.values()[0], 0);
    }

    @Override
    public float[][] embed(List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) out[i] = vector(texts.get(i));
        return out;
    }

    @Override
    public int countTokens(String text) {
        return words(text).length;
    }

    @Override
    public TunedClassifier trainClassifier(LabelledTexts train, LabelledTexts validation, int numberOfClasses,
                                           FineTuneOptions options, TrainingListener listener) {
        throw new IllegalStateException("WordHashEncoder cannot be tuned; use it for prompt-only strategies");
    }

    @Override
    public TunedEncoder trainContrastive(List<SentencePair> pairs, FineTuneOptions options, TrainingListener listener) {
        throw new IllegalStateException("WordHashEncoder cannot be tuned; use it for prompt-only strategies");
    }

    @Override
    public TunedClassifier loadClassifier(Path directory) {
        throw new IllegalStateException("WordHashEncoder cannot be tuned; use it for prompt-only strategies");
    }

    @Override
    public TunedEncoder loadEncoder(Path directory) {
        throw new IllegalStateException("WordHashEncoder cannot be tuned; use it for prompt-only strategies");
    }

    private static String[] words(String text) {
        String t = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
        return t.isEmpty() ? new String[0] : t.split(" ");
    }

    private static float[] vector(String text) {
        float[] v = new float[DIMENSION];
        for (String w : words(text)) v[Math.floorMod(w.hashCode(), DIMENSION)] += 1;
        double norm = 0;
        for (float x : v) norm += x * x;
        if (norm == 0) {
            v[0] = 1;
            return v;
        }
        for (int i = 0; i < DIMENSION; i++) v[i] /= (float) Math.sqrt(norm);
        return v;
    }
}
