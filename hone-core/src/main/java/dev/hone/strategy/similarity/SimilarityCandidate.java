package dev.hone.strategy.similarity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.Prediction;
import dev.hone.engine.model.EncoderModel;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Classifies by cosine similarity to labelled reference texts, with no training: a query's score
 * for a label is its similarity to that label's prototype (mean reference embedding) or the mean
 * of its nearest references (k-NN). With {@code selectPerLabel > 0} only the references most
 * similar to the query count (similarity-selected in-context examples); that selection is a
 * label-filtered vector search in a {@link LabelledIndex}, the same search code as retrieval and
 * {@code rag-classify}. Scores become
 * probabilities by a softmax with a low temperature, since cosines span a narrow range.
 */
public final class SimilarityCandidate implements Candidate {
    /** Softmax temperature over cosine similarities. */
    static final double TEMPERATURE = 0.05;
    /** Nearest references averaged per label by k-NN. */
    public static final int NEIGHBOURS = 3;

    public enum Method { KNN, PROTOTYPE }

    private final TextEncoder encoder;
    private final List<String> labels;
    private final ReferenceSet references;
    private final Method method;
    private final int selectPerLabel;
    private final float[][] referenceEmbeddings;
    /** The references as a searchable index, when only the most similar ones count; else null. */
    private final LabelledIndex selection;

    public SimilarityCandidate(TextEncoder encoder, List<String> labels, ReferenceSet references, Method method, int selectPerLabel) {
        this.encoder = encoder;
        this.labels = List.copyOf(labels);
        this.references = references;
        this.method = method;
        this.selectPerLabel = selectPerLabel;
        this.referenceEmbeddings = encoder.embed(references.texts());
        this.selection = selectPerLabel > 0 ? selectionIndex() : null;
    }

    /** Rebuilds a zero-shot or few-shot candidate from the references it saved. */
    public static SimilarityCandidate load(CandidateFolder folder) {
        EncoderModel model = folder.model();
        JsonNode references = folder.json("references.json", "the candidate folder is incomplete");
        List<String> texts = new ArrayList<>();
        references.path("texts").forEach(t -> texts.add(t.asText()));
        int[] indices = new int[texts.size()];
        for (int i = 0; i < indices.length; i++) indices[i] = folder.labels().indexOf(references.path("labels").path(i).asText());
        return new SimilarityCandidate(model, folder.labels(), new ReferenceSet(texts, indices),
                Method.valueOf(references.path("method").asText("PROTOTYPE")), references.path("select_per_label").asInt(0));
    }

    private LabelledIndex selectionIndex() {
        List<LabelledIndex.Entry> entries = new ArrayList<>();
        for (int i = 0; i < referenceEmbeddings.length; i++) {
            entries.add(new LabelledIndex.Entry(labels.get(references.labelIndices()[i]), "reference:" + i, references.texts().get(i)));
        }
        return LabelledIndex.build(encoder, entries, Arrays.asList(referenceEmbeddings));
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public List<Prediction> predictBatch(List<String> texts) {
        float[][] queries = encoder.embed(texts);
        List<Prediction> predictions = new ArrayList<>(texts.size());
        for (int i = 0; i < queries.length; i++) {
            predictions.add(toPrediction(selection == null ? scores(queries[i]) : selectedScores(texts.get(i), queries[i])));
        }
        return predictions;
    }

    /** Scores from all of each label's references (zero-shot descriptions, randomly drawn examples). */
    private double[] scores(float[] query) {
        double[] scores = new double[labels.size()];
        for (int label = 0; label < labels.size(); label++) {
            List<float[]> members = new ArrayList<>();
            for (int i = 0; i < referenceEmbeddings.length; i++) if (references.labelIndices()[i] == label) members.add(referenceEmbeddings[i]);
            if (members.isEmpty()) {
                scores[label] = -1;
            } else if (method == Method.KNN) {
                scores[label] = members.stream().mapToDouble(e -> dot(query, e)).boxed()
                        .sorted(java.util.Comparator.reverseOrder()).limit(NEIGHBOURS).mapToDouble(Double::doubleValue).average().orElse(-1);
            } else {
                scores[label] = prototypeScore(query, members);
            }
        }
        return scores;
    }

    /** Cosine between the query and the normalised mean of {@code members}. */
    private static double prototypeScore(float[] query, List<float[]> members) {
        double[] prototype = new double[query.length];
        for (float[] e : members) {
            for (int d = 0; d < prototype.length; d++) prototype[d] += e[d];
        }
        double norm = 0;
        double dot = 0;
        for (int d = 0; d < prototype.length; d++) {
            norm += prototype[d] * prototype[d];
            dot += prototype[d] * query[d];
        }
        return dot / Math.max(Math.sqrt(norm), 1e-12);
    }

    /**
     * Scores from each label's {@code selectPerLabel} references nearest to the query, found by a
     * label-filtered vector search: k-NN averages the closest {@link #NEIGHBOURS} of them,
     * prototype compares with their mean embedding.
     */
    private double[] selectedScores(String text, float[] query) {
        double[] scores = new double[labels.size()];
        for (int label = 0; label < labels.size(); label++) {
            List<Neighbour> kept = selection.nearest(text, () -> query, selectPerLabel, SearchMode.VECTOR, labels.get(label));
            if (kept.isEmpty()) {
                scores[label] = -1;
            } else if (method == Method.KNN) {
                scores[label] = kept.stream().limit(NEIGHBOURS).mapToDouble(Neighbour::cosine).average().orElse(-1);
            } else {
                scores[label] = prototypeScore(query, kept.stream().map(n -> referenceEmbeddings[n.position()]).toList());
            }
        }
        return scores;
    }

    private Prediction toPrediction(double[] scores) {
        double max = Arrays.stream(scores).max().orElse(0);
        double[] probabilities = new double[scores.length];
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            probabilities[i] = Math.exp((scores[i] - max) / TEMPERATURE);
            sum += probabilities[i];
        }
        Map<String, Double> byLabel = new LinkedHashMap<>();
        int best = 0;
        for (int i = 0; i < scores.length; i++) {
            probabilities[i] /= sum;
            byLabel.put(labels.get(i), probabilities[i]);
            if (probabilities[i] > probabilities[best]) best = i;
        }
        return new Prediction(labels.get(best), probabilities[best], byLabel);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) sum += a[i] * b[i];
        return sum;
    }

    @Override
    public Optional<TextEncoder> encoder() {
        return Optional.of(encoder);
    }

    /** Prototypes compare with one vector per label; k-NN and the selection search with every reference. */
    @Override
    public long extraMultiplyAddsPerPrediction() {
        int compared = method == Method.PROTOTYPE && selection == null ? labels.size() : referenceEmbeddings.length;
        return (long) compared * encoder.info().dimension();
    }

    @Override
    public long trainableParameters() {
        return 0;
    }

    @Override
    public long totalParameters() {
        return encoder.info().parameters();
    }

    @Override
    public void save(Path directory) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("method", method.name());
        root.put("select_per_label", selectPerLabel);
        var texts = root.putArray("texts");
        references.texts().forEach(texts::add);
        var indices = root.putArray("labels");
        for (int index : references.labelIndices()) indices.add(labels.get(index));
        try {
            Files.createDirectories(directory);
            Json.PRETTY.writeValue(directory.resolve("references.json").toFile(), root);
        } catch (IOException e) {
            throw new HoneException("cannot write " + directory.resolve("references.json") + ": " + e.getMessage(), e);
        }
    }
}
