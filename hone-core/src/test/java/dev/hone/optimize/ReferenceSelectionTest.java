package dev.hone.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.dataset.Example;
import dev.hone.engine.train.TrainingListener;
import dev.hone.provider.ProviderPool;
import dev.hone.results.OptimizationEvidence;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.Strategies;
import dev.hone.strategy.TicketTexts;
import dev.hone.strategy.TrainingData;
import dev.hone.strategy.WordHashEncoder;
import dev.hone.strategy.fewshot.FewShotConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Few-shot reference selection on the word-hash encoder: a mislabelled reference is found and dropped. */
class ReferenceSelectionTest {
    /** A shipping ticket labelled refund: it pulls shipping tickets towards refund. */
    static final Example MISLABELLED = new Example("where is my parcel delivery late", "refund", "t:10");

    @TempDir
    Path directory;

    private static TrainingData data() {
        List<Example> train = new ArrayList<>(TicketTexts.TRAIN);
        train.add(MISLABELLED);
        return new TrainingData(new WordHashEncoder(), train, List.of(), TicketTexts.LABELS, Map.of(), 7, TrainingListener.NONE,
                new ProviderPool(c -> {
                    throw new AssertionError("reference selection asks no LLM");
                }));
    }

    private static OptimizeConfig budget(int trials) {
        return OptimizeConfig.forEncoder(OptimizeMethod.BOOTSTRAP_FEW_SHOT, trials, 7);
    }

    @Test
    void dropsTheReferenceWhoseInclusionLowersTheLeaveOneOutScore() throws Exception {
        for (String method : List.of("knn", "prototype")) {
            Candidate candidate = Strategies.of(new FewShotConfig("fs", 0, "similar", method, budget(20))).build(data());
            OptimizationEvidence evidence = candidate.optimization().orElseThrow();
            assertThat(evidence.target()).isEqualTo("references");
            assertThat(evidence.bestScore()).as(method).isGreaterThanOrEqualTo(evidence.baselineScore());
            assertThat(evidence.promptBefore()).contains("refund → where is my parcel delivery late");
            assertThat(evidence.promptAfter()).as(method).doesNotContain("where is my parcel delivery late");
            assertThat(evidence.trials()).anyMatch(t -> t.kept() && t.prompt().startsWith("drop 'where is my parcel delivery late'"));
            // Each trial changes one reference of the best set so far.
            for (OptimizationEvidence.Trial t : evidence.trials().subList(1, evidence.trials().size())) {
                assertThat(t.parent()).isLessThan(t.id());
                assertThat(evidence.trials().get(t.parent()).kept()).isTrue();
            }
            candidate.save(directory.resolve(method));
            assertThat(Files.readString(directory.resolve(method).resolve("references.json"))).doesNotContain("parcel delivery late");
        }
    }

    @Test
    void theBudgetCountsTheConfiguredReferencesAsTrialOne() {
        OptimizationEvidence evidence = Strategies.of(new FewShotConfig("fs", 2, "random", "knn", budget(3))).build(data())
                .optimization().orElseThrow();
        assertThat(evidence.trials()).hasSize(3);
        assertThat(evidence.trials().get(0).prompt()).isEqualTo("the configured references (6)");
        assertThat(evidence.examples()).isEqualTo(10);
    }
}
