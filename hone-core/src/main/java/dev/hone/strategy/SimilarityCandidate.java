package dev.hone.strategy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.HoneException;
import dev.hone.Prediction;
import dev.hone.engine.model.TextEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classifies by cosine similarity to labelled reference texts, with no training: a query's score
 * for a label is its similarity to that label's prototype (mean reference embedding) or the mean
 * of its nearest references (k-NN). With {@code selectPerLabel > 0} only the references most
 * similar to the query count (similarity-selected in-context examples). Scores become
 * probabilities by a softmax with a low temperature, since cosines span a narrow range.
 */
final class SimilarityCandidate implements Candidate {
    /** Softmax temperature over cosine similarities. */
    static final double TEMPERATURE = 0.05;
    /** Nearest references averaged per label by k-NN. */
    static final int NEIGHBOURS = 3;

    enum Method { KNN, PROTOTYPE }

    private final TextEncoder encoder;
    private final List<String> labels;
    private final ReferenceSet references;
    private final Method method;
    private final int selectPerLabel;
    private final float[][] referenceEmbeddings;

    SimilarityCandidate(TextEncoder encoder, List<String> labels, ReferenceSet references, Method method, int selectPerLabel) {
        this.encoder = encoder;
        this.labels = List.copyOf(labels);
        this.references = references;
        this.method = method;
        this.selectPerLabel = selectPerLabel;
        this.referenceEmbeddings = encoder.embed(references.texts());
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public List<Prediction> predictBatch(List<String> texts) {
        float[][] queries = encoder.embed(texts);
        List<Prediction> predictions = new ArrayList<>(texts.size());
        for (float[] query : queries) predictions.add(toPrediction(scores(query)));
        return predictions;
    }

    private double[] scores(float[] query) {
        int dimension = query.length;
        double[] scores = new double[labels.size()];
        for (int label = 0; label < labels.size(); label++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < referenceEmbeddings.length; i++) if (references.labelIndices()[i] == label) members.add(i);
            if (members.isEmpty()) {
                scores[label] = -1;
                continue;
            }
            double[] similarities = members.stream().mapToDouble(i -> dot(query, referenceEmbeddings[i])).toArray();
            Integer[] order = new Integer[members.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            Arrays.sort(order, (a, b) -> Double.compare(similarities[b], similarities[a]));
            int kept = selectPerLabel > 0 ? Math.min(selectPerLabel, order.length) : order.length;
            if (method == Method.KNN) {
                int neighbours = Math.min(NEIGHBOURS, kept);
                double sum = 0;
                for (int i = 0; i < neighbours; i++) sum += similarities[order[i]];
                scores[label] = sum / neighbours;
            } else {
                double[] prototype = new double[dimension];
                for (int i = 0; i < kept; i++) {
                    float[] e = referenceEmbeddings[members.get(order[i])];
                    for (int d = 0; d < dimension; d++) prototype[d] += e[d];
                }
                double norm = 0;
                double dot = 0;
                for (int d = 0; d < dimension; d++) {
                    norm += prototype[d] * prototype[d];
                    dot += prototype[d] * query[d];
                }
                scores[label] = dot / Math.max(Math.sqrt(norm), 1e-12);
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
    public TextEncoder encoder() {
        return encoder;
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
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("method", method.name());
        root.put("select_per_label", selectPerLabel);
        var texts = root.putArray("texts");
        references.texts().forEach(texts::add);
        var indices = root.putArray("labels");
        for (int index : references.labelIndices()) indices.add(labels.get(index));
        try {
            Files.createDirectories(directory);
            json.writerWithDefaultPrettyPrinter().writeValue(directory.resolve("references.json").toFile(), root);
        } catch (IOException e) {
            throw new HoneException("cannot write " + directory.resolve("references.json") + ": " + e.getMessage(), e);
        }
    }
}
