package dev.hone.engine.train;

import dev.hone.engine.model.EncoderInfo;
import dev.hone.engine.model.SentenceEmbedder;
import dev.hone.engine.model.TunedEncoder;
import java.nio.file.Path;
import java.util.List;

/** An encoder whose adapters or weights were tuned; the base model underneath is untouched. */
final class TunedBertEncoder implements TunedEncoder {
    private final EncoderInfo info;
    private final SentenceEmbedder embedder;
    private final FineTuneOptions options;

    TunedBertEncoder(EncoderInfo info, SentenceEmbedder embedder, FineTuneOptions options) {
        this.info = info;
        this.embedder = embedder;
        this.options = options;
    }

    SentenceEmbedder embedder() {
        return embedder;
    }

    FineTuneOptions options() {
        return options;
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
    public long trainableParameters() {
        return embedder.model().trainableParameterCount();
    }

    @Override
    public void save(Path directory) {
        TunedArtifacts.saveEncoder(directory, this);
    }
}
