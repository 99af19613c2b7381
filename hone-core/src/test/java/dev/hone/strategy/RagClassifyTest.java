package dev.hone.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hone.Prediction;
import dev.hone.dataset.Example;
import dev.hone.engine.train.TrainingListener;
import dev.hone.error.BadInputException;
import dev.hone.provider.ProviderPool;
import dev.hone.strategy.ragclassify.RagClassifyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RagClassifyTest {
    static final List<String> LABELS = List.of("refund", "shipping", "login");
    static final List<Example> TRAIN = List.of(
            new Example("please refund my money", "refund", "t:1"),
            new Example("I want my money back for the lamp", "refund", "t:2"),
            new Example("refund the broken jacket", "refund", "t:3"),
            new Example("where is my parcel", "shipping", "t:4"),
            new Example("my parcel is late", "shipping", "t:5"),
            new Example("track the delivery of my order", "shipping", "t:6"),
            new Example("I cannot log in", "login", "t:7"),
            new Example("password reset does not work", "login", "t:8"),
            new Example("my account is locked after login", "login", "t:9"));
    static final List<String> QUERIES = List.of("money back please", "parcel delivery is late", "login password locked");

    @TempDir
    Path directory;
    final WordHashEncoder encoder = new WordHashEncoder();

    private TrainingData data() {
        return new TrainingData(encoder, TRAIN, List.of(), LABELS, Map.of(), 7, TrainingListener.NONE,
                new ProviderPool(config -> {
                    throw new AssertionError("rag-classify runs in process, yet asked for provider " + config.name());
                }));
    }

    @Test
    void votesWithTheNearestExamplesInEveryMode() {
        for (String mode : List.of("hybrid", "vector", "bm25")) {
            Candidate candidate = Strategies.of(new RagClassifyConfig("rag", 3, mode, null, 128)).build(data());
            List<Prediction> predictions = candidate.predictBatch(QUERIES);
            assertThat(predictions).as(mode).extracting(Prediction::label).containsExactly("refund", "shipping", "login");
            for (Prediction p : predictions) {
                assertThat(p.scores().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
                assertThat(p.score()).isEqualTo(p.scores().get(p.label()));
            }
            assertThat(candidate.trainableParameters()).isZero();
        }
    }

    @Test
    void aQueryThatMatchesNothingFallsBackToTheLabelFrequencies() {
        Candidate candidate = Strategies.of(new RagClassifyConfig("rag", 3, "bm25", null, 128)).build(data());
        Prediction p = candidate.predict("zzz qqq");
        assertThat(p.scores().values()).allSatisfy(v -> assertThat(v).isCloseTo(1.0 / 3, within(1e-9)));
    }

    @Test
    void savesAndReloadsThroughTheCandidateLoaderWithTheSamePredictions() throws Exception {
        Candidate candidate = Strategies.of(new RagClassifyConfig("rag", 5, "hybrid", null, 128)).build(data());
        Path saved = directory.resolve("rag");
        candidate.save(saved);
        Files.writeString(saved.resolve("candidate.json"),
                "{\"kind\": \"rag-classify\", \"model\": \"word-hash\", \"labels\": [\"refund\", \"shipping\", \"login\"]}");
        assertThat(Files.isDirectory(saved.resolve("index"))).isTrue();
        Candidate reloaded = CandidateLoader.load(saved, name -> encoder);
        assertThat(reloaded.predictBatch(QUERIES)).isEqualTo(candidate.predictBatch(QUERIES));
    }

    @Test
    void documentsFiledUnderLabelFoldersInformThePrediction() throws Exception {
        Path docs = directory.resolve("docs");
        Files.createDirectories(docs.resolve("shipping"));
        Files.writeString(docs.resolve("shipping").resolve("couriers.md"),
                "Couriers hand the box to a neighbour when nobody answers the doorbell.");
        String query = "the courier gave my box to a neighbour";
        Candidate withDocs = Strategies.of(new RagClassifyConfig("rag", 3, "hybrid", docs, 128)).build(data());
        assertThat(withDocs.predict(query).label()).isEqualTo("shipping");

        Files.writeString(docs.resolve("loose.txt"), "not filed under a label");
        assertThatThrownBy(() -> Strategies.of(new RagClassifyConfig("rag", 3, "hybrid", docs, 128)).build(data()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("loose.txt").hasMessageContaining("sub-folder named after a label");
    }

    @Test
    void similarSelectionThroughTheIndexMatchesABruteForceSearch() {
        int[] labelIndices = TRAIN.stream().mapToInt(e -> LABELS.indexOf(e.label())).toArray();
        List<String> texts = TRAIN.stream().map(Example::text).toList();
        SimilarityCandidate indexed = new SimilarityCandidate(encoder, LABELS, new ReferenceSet(texts, labelIndices),
                SimilarityCandidate.Method.KNN, 2);
        float[][] references = encoder.embed(texts);
        for (String query : QUERIES) {
            float[] q = encoder.embed(query);
            double[] expected = new double[LABELS.size()];
            for (int label = 0; label < LABELS.size(); label++) {
                List<Double> cosines = new ArrayList<>();
                for (int i = 0; i < references.length; i++) {
                    if (labelIndices[i] != label) continue;
                    double dot = 0;
                    for (int d = 0; d < q.length; d++) dot += q[d] * references[i][d];
                    cosines.add(dot);
                }
                expected[label] = cosines.stream().sorted(java.util.Comparator.reverseOrder()).limit(2)
                        .mapToDouble(Double::doubleValue).average().orElseThrow();
            }
            Prediction p = indexed.predict(query);
            double max = java.util.Arrays.stream(expected).max().orElseThrow();
            double sum = 0;
            for (double e : expected) sum += Math.exp((e - max) / SimilarityCandidate.TEMPERATURE);
            for (int label = 0; label < LABELS.size(); label++) {
                double probability = Math.exp((expected[label] - max) / SimilarityCandidate.TEMPERATURE) / sum;
                assertThat(p.scores().get(LABELS.get(label))).as(query + " / " + LABELS.get(label)).isCloseTo(probability, within(1e-4));
            }
        }
    }
}
