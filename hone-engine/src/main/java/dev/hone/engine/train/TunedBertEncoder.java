package dev.hone.engine.train;

import dev.hone.engine.model.EncoderInfo;
import dev.hone.engine.model.ExportableEncoder;
import dev.hone.engine.model.SentenceEmbedder;
import dev.hone.engine.model.TunedEncoder;
import java.nio.file.Path;
import java.util.List;

/**
 * An encoder whose adapters or weights were tuned; the base model underneath is untouched. While
 * training it embeds with the live, trainable model; {@link #frozen()} gives the one to serve.
 */
final class TunedBertEncoder implements TunedEncoder, ExportableEncoder {
    private final EncoderInfo info;
    /** The model as trained (adapters separate, weights trainable): what is saved and counted. */
    private final SentenceEmbedder embedder;
    /** What {@link #embed} runs: the trained model itself, or its frozen form once training is over. */
    private final SentenceEmbedder serving;
    private final FineTuneOptions options;

    TunedBertEncoder(EncoderInfo info, SentenceEmbedder embedder, FineTuneOptions options) {
        this(info, embedder, embedder, options);
    }

    private TunedBertEncoder(EncoderInfo info, SentenceEmbedder embedder, SentenceEmbedder serving, FineTuneOptions options) {
        this.info = info;
        this.embedder = embedder;
        this.serving = serving;
        this.options = options;
    }

    /**
     * The same encoder for serving, at the pretrained encoder's speed: LoRA merged into the weights
     * and every weight packed once ({@link dev.hone.engine.nn.BertModel#frozen()}). Call it when
     * training is over; the trained values must not change afterwards.
     */
    TunedBertEncoder frozen() {
        return new TunedBertEncoder(info, embedder, embedder.withModel(embedder.model().frozen()), options);
    }

    SentenceEmbedder embedder() {
        return embedder;
    }

    FineTuneOptions options() {
        return options;
    }

    /** The model {@link #embed} runs: once {@link #frozen()}, LoRA merged and every weight a constant. */
    @Override
    public SentenceEmbedder servingEmbedder() {
        return serving;
    }

    @Override
    public EncoderInfo info() {
        return info;
    }

    @Override
    public float[][] embed(List<String> texts) {
        return serving.embed(texts);
    }

    @Override
    public int countTokens(String text) {
        return embedder.tokenizer().countTokens(text);
    }

    @Override
    public long trainableParameters() {
        return embedder.model().trainableParameterCount();
    }

    @Override
    public void save(Path directory) {
        TunedArtifacts.saveEncoder(directory, this);
    }
}
