package dev.hone.strategy.ragclassify;

import static dev.hone.strategy.TicketTexts.LABELS;
import static dev.hone.strategy.TicketTexts.QUERIES;
import static dev.hone.strategy.TicketTexts.TRAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hone.Prediction;
import dev.hone.engine.train.TrainingListener;
import dev.hone.error.BadInputException;
import dev.hone.provider.ProviderPool;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.CandidateLoader;
import dev.hone.strategy.Strategies;
import dev.hone.strategy.TrainingData;
import dev.hone.strategy.WordHashEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RagClassifyTest {

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
}
