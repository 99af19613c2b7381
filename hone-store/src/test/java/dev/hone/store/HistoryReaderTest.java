package dev.hone.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-only queries across runs of a task: the task names, a task's timeline and its prompt versions with their scores. */
class HistoryReaderTest {
    private static final String CONFIG = "task:\n  name: intents\n";

    @TempDir
    Path directory;

    /** A run of {@code task} whose one candidate, zero-shot, used prompt {@code sha256} (text {@code text}, or only the hash). */
    private static RecordedRun withPrompt(String id, String startedAt, String task, String outcomes, String sha256, String text) {
        RecordedRun plain = Fixtures.classification(id, startedAt, "same", "zero-shot", outcomes, CONFIG);
        StoredCandidate c = plain.candidates().get(0);
        StoredCandidate prompted = new StoredCandidate(c.name(), "zero-shot", c.score(), c.macroF1(), null, null, null, null, null,
                null, null, null, null, c.monthlyCostUsd(), null, null, null, sha256, c.predictions());
        RunRow r = plain.run();
        RunRow row = new RunRow(r.id(), task, r.kind(), r.model(), r.datasetSha256(), r.testSha256(), r.testExamples(), r.config(),
                r.honeVersion(), r.javaVersion(), r.seed(), r.startedAt(), r.finishedAt(), r.out(), r.status(), r.primaryMetric(),
                r.recommended(), r.decisionStatus(), r.decisionReason());
        return new RecordedRun(row, List.of(prompted), List.of(new PromptVersion(sha256, text)));
    }

    @Test
    void listsTasksAndATasksRunsOldestFirstWithTheRecommendedScoreAndCost() {
        try (RunStore store = RunStore.open(StoreLocation.ofFile(directory.resolve("store.db")))) {
            store.complete(Fixtures.classification("second", "2026-12-02T00:00:00Z", "same", "probe", "1100", CONFIG));
            store.complete(Fixtures.classification("first", "2026-12-01T00:00:00Z", "same", "probe", "1110", CONFIG));
            store.complete(withPrompt("other", "2026-12-03T00:00:00Z", "spam", "1111", "p1", "template:\nAbout {label}"));
            store.begin(RunRow.started("going", "intents", "classification", "all-minilm-l6-v2", CONFIG, "test", "25", 7,
                    "2026-12-04T00:00:00Z", "/runs/going"));

            assertThat(store.tasks()).containsExactly("intents", "spam");
            List<HistoryPoint> history = store.history("intents");
            assertThat(history).extracting(HistoryPoint::runId).containsExactly("first", "second", "going");
            assertThat(history.get(0).score()).isEqualTo(0.75);
            assertThat(history.get(0).recommended()).isEqualTo("probe");
            assertThat(history.get(0).monthlyCostUsd()).isEqualTo(12.5);
            assertThat(history.get(0).metric()).isEqualTo("accuracy");
            assertThat(history.get(1).score()).isEqualTo(0.5);
            assertThat(history.get(2).status()).as("a run still going has no recommendation yet").isEqualTo(RunRow.INCOMPLETE);
            assertThat(history.get(2).score()).isNull();
            assertThat(history.get(2).monthlyCostUsd()).isNull();
            assertThat(store.history("nothing")).isEmpty();
        }
    }

    @Test
    void groupsATasksPromptVersionsWithEveryUseAndTheirScores() {
        try (RunStore store = RunStore.open(StoreLocation.ofFile(directory.resolve("store.db")))) {
            store.complete(withPrompt("r1", "2026-12-01T00:00:00Z", "intents", "1100", "p1", "template:\nAbout {label}"));
            store.complete(withPrompt("r2", "2026-12-02T00:00:00Z", "intents", "1110", "p2", "template:\nA text on {label}"));
            store.complete(withPrompt("r3", "2026-12-03T00:00:00Z", "intents", "1000", "p1", "template:\nAbout {label}"));
            store.complete(withPrompt("r4", "2026-12-04T00:00:00Z", "intents", "1111", "p3", null));
            store.complete(withPrompt("elsewhere", "2026-12-05T00:00:00Z", "spam", "1111", "p1", "template:\nAbout {label}"));

            List<TaskPrompt> prompts = store.prompts("intents");
            assertThat(prompts).extracting(TaskPrompt::sha256).as("in order of first use").containsExactly("p1", "p2", "p3");
            TaskPrompt p1 = prompts.get(0);
            assertThat(p1.text()).isEqualTo("template:\nAbout {label}");
            assertThat(p1.uses()).extracting(TaskPrompt.Use::runId).as("the other task's use is not this task's").containsExactly("r1", "r3");
            assertThat(p1.runs()).isEqualTo(2);
            assertThat(p1.firstSeen()).isEqualTo("2026-12-01T00:00:00Z");
            assertThat(p1.lastSeen()).isEqualTo("2026-12-03T00:00:00Z");
            assertThat(p1.latestScore()).isEqualTo(0.25);
            assertThat(p1.bestScore()).isEqualTo(0.5);
            assertThat(prompts.get(1).bestScore()).isEqualTo(0.75);
            assertThat(prompts.get(2).text()).as("only the hash is known").isNull();
            assertThat(prompts.get(2).uses().get(0).candidate()).isEqualTo("zero-shot");
            assertThat(store.prompts("nothing")).isEmpty();
        }
    }
}
