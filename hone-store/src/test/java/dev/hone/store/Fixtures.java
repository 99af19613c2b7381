package dev.hone.store;

import dev.hone.results.RunResults;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Results files written by real runs (copied from hone-core's saved-format fixtures) and hand-made runs for comparisons. */
final class Fixtures {
    private Fixtures() {
    }

    static RunResults results(String name) {
        try {
            return RunResults.read(Path.of(Fixtures.class.getResource("/results/" + name + ".json").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A finished classification run with one candidate, {@code name}, whose predictions are right where
     * {@code outcomes} has a 1, on a test set of {@code outcomes.length()} examples named by {@code testSet}.
     */
    static RecordedRun classification(String id, String startedAt, String testSet, String name, String outcomes, String config) {
        List<Prediction> predictions = new ArrayList<>();
        int right = 0;
        for (int i = 0; i < outcomes.length(); i++) {
            boolean correct = outcomes.charAt(i) == '1';
            if (correct) right++;
            predictions.add(new Prediction(i, PromptVersion.sha256(testSet + i), "yes", correct ? "yes" : "no", correct ? 1.0 : 0.0,
                    correct));
        }
        double accuracy = (double) right / outcomes.length();
        StoredCandidate candidate = new StoredCandidate(name, "linear-probe", accuracy, accuracy, null, null, accuracy, 1.0, 2.0, 100.0,
                3.0, 10L, 100L, 12.5, 0.01, 1e-6, 0.0, null, predictions);
        RunRow row = new RunRow(id, "intents", "classification", "all-minilm-l6-v2", "data-" + testSet,
                PromptVersion.sha256(testSet), outcomes.length(), config, "test", "25", 7L, startedAt, startedAt, "/runs/" + id,
                RunRow.COMPLETE, "accuracy", name, "best", "the only candidate");
        return new RecordedRun(row, List.of(candidate), List.of());
    }
}
