package dev.hone.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.config.ClassificationSetup;
import dev.hone.config.HoneConfig;
import dev.hone.engine.train.TrainingListener;
import dev.hone.results.ClassificationResults;
import dev.hone.results.ClassifierResult;
import dev.hone.results.ResultsJson;
import dev.hone.verdict.ClassificationVerdict;
import dev.hone.verdict.CostModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decide, refit the chosen, decide again: the second decision reads the refit's test figures, and cannot choose otherwise. */
class RefitTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int N = 100;

    @TempDir
    Path directory;

    private final List<String> messages = new ArrayList<>();
    private final RunListener listener = new RunListener() {
        @Override
        public void message(String text) {
            messages.add(text);
        }

        @Override
        public TrainingListener training(String candidate, int repeat) {
            return TrainingListener.NONE;
        }
    };

    /** 100 validation and 100 test texts, all "a"; k-NN right on 95 and 90 of them, zero-shot on 50 and 85. */
    private static ClassificationResults decided(HoneConfig config, CostModel cost) {
        ObjectNode r = JSON.createObjectNode();
        r.set("config", config.resolved());
        r.putObject("provenance").put("host_cores", 2).put("seed", 5);
        r.putObject("dataset").put("train", 500).put("test", N).put("validation", N);
        r.putObject("selection").put("method", "validation split").put("folds", 0).put("examples", N);
        ObjectNode examples = r.putObject("examples");
        for (String split : new String[] {"test", "validation"}) {
            ArrayNode texts = examples.putArray(split);
            for (int i = 0; i < N; i++) texts.addObject().put("text", "t" + i).put("label", "a");
        }
        ArrayNode candidates = r.putArray("candidates");
        add(candidates, "zero-shot", "zero-shot", 85, 50);
        add(candidates, "knn", "few-shot", 90, 95);
        var results = (ClassificationResults) ResultsJson.fromTree(r, "refit test");
        return ClassificationVerdict.decide(results, cost);
    }

    private static void add(ArrayNode candidates, String name, String kind, int testRight, int validationRight) {
        ObjectNode c = candidates.addObject().put("name", name).put("kind", kind).put("accuracy", testRight / (double) N)
                .put("validation_accuracy", validationRight / (double) N).put("latency_ms_p95", 2.0)
                .put("cpu_seconds_per_1000", 0.5).put("train_seconds", 0.1).put("prompt_only", true);
        ArrayNode test = c.putArray("test_predictions");
        ArrayNode validation = c.putArray("validation_predictions");
        for (int i = 0; i < N; i++) {
            test.add(i < testRight ? "a" : "b");
            validation.add(i < validationRight ? "a" : "b");
        }
    }

    /** A refit as bad as a refit can be on test: every test text wrong. */
    private static ClassifierResult wrongOnEveryTestText(ClassifierResult compared) {
        return compared.withRefitTestFigures(0.0, 0.0, List.of(0.0, 0.037), Collections.nCopies(N, "b"), Map.of(), null, null);
    }

    @Test
    void theSecondDecisionReadsTheRefitsTestFiguresAndKeepsTheChoice() throws Exception {
        HoneConfig config = GeneratedIntents.load(GeneratedIntents.write(directory, 10, "selection: validation"));
        CostModel cost = CostModel.of(config.decision(), 2);
        ClassificationResults decided = decided(config, cost);
        assertThat(decided.decision().recommended()).isEqualTo("knn");

        ClassificationResults refit = Refit.recommended(decided, ((ClassificationSetup) config.setup()).strategies(), cost, listener,
                (strategy, compared) -> wrongOnEveryTestText(compared));

        assertThat(refit.decision().recommended()).isEqualTo("knn");
        assertThat(refit.decision().runnerUp()).isEqualTo(decided.decision().runnerUp());
        assertThat(refit.selection().refit()).isEqualTo("knn");
        assertThat(refit.candidate("knn").refitOnAllTrainingData()).isTrue();
        assertThat(refit.candidate("knn").accuracy()).isZero();
        assertThat(refit.candidate("knn").validationAccuracy()).isEqualTo(0.95);
        // Statistics describe the refit on test: its interval, and zero-shot's McNemar against it.
        assertThat(refit.statistics().get("knn").accuracyWilson95().get(1)).isLessThan(0.05);
        assertThat(refit.statistics().get("zero-shot").mcnemarPVsRecommended()).isLessThan(1e-6);
        assertThat(decided.statistics().get("zero-shot").mcnemarPVsRecommended()).isGreaterThan(1e-6);
        assertThat(refit.decision().protocol()).contains("knn was then rebuilt on train + validation");
    }

    @Test
    void aRefitThatFailsLeavesTheDecisionAsItWas() throws Exception {
        HoneConfig config = GeneratedIntents.load(GeneratedIntents.write(directory, 10, "selection: validation"));
        CostModel cost = CostModel.of(config.decision(), 2);
        ClassificationResults decided = decided(config, cost);

        ClassificationResults after = Refit.recommended(decided, ((ClassificationSetup) config.setup()).strategies(), cost, listener,
                (strategy, compared) -> {
                    throw new IllegalStateException("disk full");
                });

        assertThat(after).isSameAs(decided);
        assertThat(messages).contains("refit: failed (IllegalStateException: disk full); keeping knn as built on train: "
                + "its saved artifact and test figures are unchanged");
    }
}
