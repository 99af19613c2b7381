package dev.hone.strategy.similarity;

import static dev.hone.strategy.TicketTexts.LABELS;
import static dev.hone.strategy.TicketTexts.QUERIES;
import static dev.hone.strategy.TicketTexts.TRAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hone.Prediction;
import dev.hone.dataset.Example;
import dev.hone.strategy.WordHashEncoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarityCandidateTest {
    final WordHashEncoder encoder = new WordHashEncoder();

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
