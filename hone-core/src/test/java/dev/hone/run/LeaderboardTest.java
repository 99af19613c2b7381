package dev.hone.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.evaluation.Metrics;
import dev.hone.evaluation.Timing;
import dev.hone.results.ClassificationResults;
import dev.hone.results.ClassifierResult;
import dev.hone.results.Decision;
import dev.hone.results.RunResults;
import dev.hone.results.Task;
import dev.hone.strategy.StrategyKind;
import dev.hone.strategy.finetune.FineTuneKind;
import dev.hone.strategy.llm.LlmKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderboardTest {

    private static ClassifierResult result(String name, StrategyKind kind, List<String> predictions) {
        Metrics test = Metrics.of(List.of("a", "b"), predictions, List.of("a", "b"));
        var repeat = new ClassifierResult.Repeat(42, test.accuracy(), test.macroF1(), 1.5, predictions);
        return ClassificationRecords.candidate(name, kind, kind.id(), test, test, List.of(repeat), predictions, new Timing(1, 2, 100, 0.5),
                0, 100, 10, null, null, null, null, 0);
    }

    private static ClassificationResults run(List<ClassifierResult> candidates) {
        return new ClassificationResults(RunResults.FORMAT_VERSION, new Task("t", Task.CLASSIFICATION), "m", null, List.of("a", "b"),
                null, null, null, null, null, candidates, Decision.of(null, "none", "nothing", null), null, null, null);
    }

    @Test
    void columnsLineUpWhateverTheLongestKindOrName() {
        String table = Leaderboard.format(run(List.of(
                result("probe", FineTuneKind.LINEAR_PROBE, List.of("a", "b")),
                result("voting-with-a-long-name", LlmKind.LLM_SELF_CONSISTENCY, List.of("a", "a")))));
        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(3);
        // The accuracy column starts at the same place on every row, header included.
        int column = lines.get(0).indexOf("accuracy") + "accuracy".length();
        assertThat(lines.get(1).substring(column - 5, column)).isEqualTo("1.000");
        assertThat(lines.get(2).substring(column - 5, column)).isEqualTo("0.500");
        assertThat(lines.get(2)).contains("voting-with-a-long-name llm-self-consistency");
    }
}
