package dev.hone.strategy.ragclassify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.Prediction;
import dev.hone.engine.model.TextEncoder;
import dev.hone.error.HoneException;
import dev.hone.json.Json;
import dev.hone.retrieval.LabelledIndex;
import dev.hone.retrieval.Neighbour;
import dev.hone.retrieval.SearchMode;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.CandidateFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;

/**
 * Predicts by a similarity-weighted vote of the {@code k} indexed texts nearest to the query: a
 * label's score is the sum of its neighbours' weights over the sum of all k, so the scores are
 * shares of the evidence. Weights are the cosine (vector), the BM25 score (bm25) or the
 * reciprocal-rank-fusion sum (hybrid). When nothing matches (BM25 with no shared word), the training label
 * frequencies answer. Saved as {@code rag.json} plus the Lucene index in {@code index/}.
 */
final class RagClassifyCandidate implements Candidate {
    static final String SETTINGS_FILE = "rag.json";
    static final String INDEX_FOLDER = "index";

    private final TextEncoder encoder;
    private final List<String> labels;
    private final LabelledIndex index;
    private final int k;
    private final SearchMode mode;
    private final double[] priors;

    RagClassifyCandidate(TextEncoder encoder, List<String> labels, LabelledIndex index, int k, SearchMode mode, double[] priors) {
        if (priors.length != labels.size()) throw new IllegalArgumentException(labels.size() + " labels but " + priors.length + " priors");
        this.encoder = encoder;
        this.labels = List.copyOf(labels);
        this.index = index;
        this.k = k;
        this.mode = mode;
        this.priors = priors.clone();
    }

    @Override
    public Optional<TextEncoder> encoder() {
        return Optional.of(encoder);
    }

    /** The vector search compares the query with every indexed text (BM25's term lookups are not counted). */
    @Override
    public long extraMultiplyAddsPerPrediction() {
        return mode == SearchMode.BM25 ? 0 : (long) index.size() * encoder.info().dimension();
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public List<Prediction> predictBatch(List<String> texts) {
        // One batched embedding for all queries; BM25 never needs it.
        float[][] vectors = mode == SearchMode.BM25 ? null : index.embed(texts);
        List<Prediction> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] vector = vectors == null ? null : vectors[i];
            out.add(vote(index.nearest(texts.get(i), () -> vector, k, mode, null)));
        }
        return out;
    }

    private Prediction vote(List<Neighbour> neighbours) {
        double[] weights = new double[labels.size()];
        double total = 0;
        for (Neighbour n : neighbours) {
            int label = labels.indexOf(n.label());
            // Vector scores are (1 + cosine) / 2, so an unrelated text would still weigh 0.5: vote with the cosine.
            double weight = mode == SearchMode.VECTOR ? Math.max(n.cosine(), 0) : n.score();
            if (label < 0 || weight <= 0) continue;
            weights[label] += weight;
            total += weight;
        }
        double[] shares = total > 0 ? weights : priors;
        double sum = total > 0 ? total : 1;
        Map<String, Double> byLabel = new LinkedHashMap<>();
        int best = 0;
        for (int i = 0; i < labels.size(); i++) {
            byLabel.put(labels.get(i), shares[i] / sum);
            if (shares[i] > shares[best]) best = i;
        }
        return new Prediction(labels.get(best), shares[best] / sum, byLabel);
    }

    @Override
    public long trainableParameters() {
        return 0;
    }

    @Override
    public long totalParameters() {
        return mode == SearchMode.BM25 ? 0 : encoder.info().parameters();
    }

    @Override
    public void save(Path directory) {
        ObjectNode settings = Json.MAPPER.createObjectNode();
        settings.put("k", k).put("mode", mode.name().toLowerCase(Locale.ROOT)).put("indexed_texts", index.size());
        ArrayNode priorsNode = settings.putArray("priors");
        for (double p : priors) priorsNode.add(p);
        try {
            Files.createDirectories(directory);
            Json.PRETTY.writeValue(directory.resolve(SETTINGS_FILE).toFile(), settings);
        } catch (IOException e) {
            throw new HoneException("cannot write " + directory.resolve(SETTINGS_FILE) + ": " + e.getMessage(), e);
        }
        index.save(directory.resolve(INDEX_FOLDER));
    }

    /** Rebuilds a saved candidate: settings from {@code rag.json}, the index from {@code index/} (no re-embedding). */
    static RagClassifyCandidate load(CandidateFolder folder) {
        Path directory = folder.directory();
        TextEncoder encoder = folder.model();
        List<String> labels = folder.labels();
        JsonNode settings = folder.json(SETTINGS_FILE, "the candidate folder is incomplete");
        if (!Files.isDirectory(directory.resolve(INDEX_FOLDER)))
            throw new dev.hone.error.BadInputException(directory.resolve(INDEX_FOLDER) + " not found; the candidate folder is incomplete");
        double[] priors = new double[labels.size()];
        for (int i = 0; i < priors.length; i++) priors[i] = settings.path("priors").path(i).asDouble(1.0 / labels.size());
        return new RagClassifyCandidate(encoder, labels, LabelledIndex.open(directory.resolve(INDEX_FOLDER), encoder),
                settings.path("k").asInt(RagClassifyConfig.DEFAULT_K), SearchMode.parse(settings.path("mode").asText("hybrid")), priors);
    }
}
