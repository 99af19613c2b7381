package dev.hone.engine.model;

import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.nn.BertModel;
import dev.hone.engine.tokenizer.TextTokenizer;
import dev.hone.engine.train.ClassifierTrainer;
import dev.hone.engine.train.ContrastiveTrainer;
import dev.hone.engine.train.FineTuneOptions;
import dev.hone.engine.train.LabelledTexts;
import dev.hone.engine.train.SentencePair;
import dev.hone.engine.train.TrainingListener;
import dev.hone.engine.train.TunedArtifacts;
import dev.hone.engine.train.TunedClassifier;
import java.nio.file.Path;
import java.util.List;

/** A pretrained BERT-family encoder with frozen weights; tuning works on copies or adapters. */
final class PretrainedEncoder implements EncoderModel, ExportableEncoder {
    private final EncoderInfo info;
    private final SentenceEmbedder embedder;

    PretrainedEncoder(EncoderInfo info, BertModel model, TextTokenizer tokenizer, Kernels kernels, EncoderSource source) {
        this.info = info;
        this.embedder = new SentenceEmbedder(model, tokenizer, info.pooling(), kernels, source);
    }

    /** The model, tokenizer and pooling underneath (for tests and benchmarks in this package). */
    SentenceEmbedder embedder() {
        return embedder;
    }

    @Override
    public SentenceEmbedder servingEmbedder() {
        return embedder;
    }

    @Override
    public EncoderInfo info() {
        return info;
    }

    @Override
    public float[][] embed(List<String> texts) {
        return embedder.embed(texts);
    }

    @Override
    public int countTokens(String text) {
        return embedder.tokenizer().countTokens(text);
    }

    @Override
    public TunedClassifier trainClassifier(LabelledTexts train, LabelledTexts validation, int numberOfClasses,
                                           FineTuneOptions options, TrainingListener listener) {
        return new ClassifierTrainer(info, embedder, options, listener).train(train, validation, numberOfClasses);
    }

    @Override
    public TunedEncoder trainContrastive(List<SentencePair> pairs, FineTuneOptions options, TrainingListener listener) {
        return new ContrastiveTrainer(info, embedder, options, listener).train(pairs);
    }

    @Override
    public TunedClassifier loadClassifier(Path directory) {
        return TunedArtifacts.loadClassifier(directory, info, embedder);
    }

    @Override
    public TunedEncoder loadEncoder(Path directory) {
        return TunedArtifacts.loadEncoder(directory, info, embedder);
    }
}
