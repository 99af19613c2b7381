package dev.hone.langchain4j;

import dev.hone.Hone;
import dev.hone.engine.model.Encoders;
import dev.hone.engine.model.TextEncoder;
import dev.hone.strategy.Candidate;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A LangChain4j {@link EmbeddingModel} backed by Hone's in-process encoder: a built-in one by
 * name, or the encoder a Hone candidate tuned (LoRA, full or contrastive), so a retrieval pipeline
 * can search with the encoder Hone recommended for the team's own data. Runs in the JVM, offline.
 */
public final class HoneEmbeddingModel implements EmbeddingModel {
    private final TextEncoder encoder;

    public HoneEmbeddingModel(TextEncoder encoder) {
        if (encoder == null) throw new IllegalArgumentException("encoder must not be null");
        this.encoder = encoder;
    }

    /** A built-in encoder by registry name ({@code all-minilm-l6-v2}, {@code bge-small-en-v1.5}) or a path. */
    public static HoneEmbeddingModel builtIn(String nameOrPath) {
        return new HoneEmbeddingModel(Encoders.load(nameOrPath));
    }

    /** The encoder under a saved candidate ({@code OUT/candidates/NAME}), or under a run folder's recommended one. */
    public static HoneEmbeddingModel fromCandidate(Path candidateOrRunDirectory) {
        if (Hone.load(candidateOrRunDirectory) instanceof Candidate candidate && candidate.encoder().isPresent()) {
            return new HoneEmbeddingModel(candidate.encoder().get());
        }
        throw new IllegalArgumentException(candidateOrRunDirectory + " holds no candidate with a sentence encoder"
                + " (an LLM candidate answers through its provider)");
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> textSegments) {
        List<String> texts = new ArrayList<>(textSegments.size());
        int tokens = 0;
        for (TextSegment segment : textSegments) {
            texts.add(segment.text());
            tokens += encoder.countTokens(segment.text());
        }
        float[][] vectors = encoder.embed(texts);
        List<Embedding> embeddings = new ArrayList<>(vectors.length);
        for (float[] vector : vectors) embeddings.add(Embedding.from(vector));
        return Response.from(embeddings, new TokenUsage(tokens, 0));
    }

    @Override
    public int dimension() {
        return encoder.info().dimension();
    }

    @Override
    public String modelName() {
        return encoder.info().name();
    }
}
