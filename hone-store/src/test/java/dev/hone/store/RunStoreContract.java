package dev.hone.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.error.BadInputException;
import dev.hone.results.RunResults;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every run store does, whatever database holds it: migrations, round trips of each task kind,
 * incomplete rows, id lookup and comparing two stored runs. {@link RunStoreTest} runs it on SQLite,
 * {@link PostgresRunStoreTest} on a real PostgreSQL server.
 */
abstract class RunStoreContract {
    @TempDir
    Path directory;

    private StoreLocation location;

    /** A new, empty store for one test. */
    abstract StoreLocation newStore() throws Exception;

    @BeforeEach
    void createStore() throws Exception {
        location = newStore();
    }

    StoreLocation location() {
        return location;
    }

    @Test
    void migratesAnEmptyStoreOnceAndRecordsTheVersion() throws Exception {
        // Opening a second time must not apply the script again (it would fail on CREATE TABLE).
        RunStore.open(location()).close();
        try (RunStore store = RunStore.open(location())) {
            assertThat(store.runs(null, 10)).isEmpty();
        }
        try (var connection = DriverManager.getConnection(location().jdbcUrl());
             var rows = connection.createStatement().executeQuery("SELECT version, description FROM schema_version ORDER BY version")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(1);
            assertThat(rows.getString(2)).isEqualTo("V1__run_history");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(2);
            assertThat(rows.getString(2)).isEqualTo("V2__prompt_optimisations");
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void aVersionOneStoreHoldingARunIsMigratedAndKeepsIt() throws Exception {
        RecordedRun old = RunRecords.imported(Fixtures.results("classification-llm-routes"), directory.resolve("old"));
        try (RunStore store = RunStore.open(location())) {
            store.importRun(old);
        }
        // Back to version 1, as a store written before version 2 existed.
        try (var connection = DriverManager.getConnection(location().jdbcUrl());
             var statement = connection.createStatement()) {
            statement.execute("DROP TABLE prompt_trials");
            statement.execute("DROP TABLE prompt_optimisations");
            statement.execute("DELETE FROM schema_version WHERE version = 2");
        }
        try (RunStore store = RunStore.open(location())) {
            assertThat(store.find(old.run().id()).candidates()).isEqualTo(old.candidates());
            RecordedRun optimised = RunRecords.imported(Fixtures.results("classification-optimised"), directory.resolve("new"));
            assertThat(store.importRun(optimised)).isTrue();
            assertThat(store.find(optimised.run().id()).candidate("optimised").optimization()).isNotNull();
        }
    }

    @Test
    void anOptimisedPromptIsAPromptVersionWithItsTextAndTrials() {
        var results = (dev.hone.results.ClassificationResults) Fixtures.results("classification-optimised");
        var evidence = results.candidates().stream().filter(c -> c.name().equals("optimised")).findFirst().orElseThrow().optimization();
        RunRow started = RunRow.started("0b7100000001", "t", "classification", "m", "task: {}\n", "test", "25", 3,
                "2026-12-06T08:00:00Z", directory.resolve("out").toString());
        try (RunStore store = RunStore.open(location())) {
            store.begin(started);
            store.complete(RunRecords.finished(started, results, java.util.Map.of()));
            // Completed twice (a resumed run, an import after a failure): the searches are replaced, not added.
            store.complete(RunRecords.finished(started, results, java.util.Map.of()));
            RecordedRun read = store.find("0b71");
            StoredCandidate optimised = read.candidate("optimised");
            assertThat(optimised.optimization()).isEqualTo(evidence);
            assertThat(optimised.optimization().trials()).hasSize(18);
            assertThat(optimised.promptSha256()).isEqualTo(PromptVersion.ofText(evidence.promptAfter()).sha256());
            assertThat(read.promptText(optimised.promptSha256())).isEqualTo("refund → money back\nshipping → parcel late\nlogin → password locked");
            assertThat(read.promptText(PromptVersion.ofText(evidence.promptBefore()).sha256())).isEqualTo(evidence.promptBefore());
            assertThat(read.candidate("selected").optimization().method()).isEqualTo("bootstrap-few-shot");
            assertThat(read.candidate("plain").optimization()).isNull();
            assertThat(read.candidate("plain").promptSha256()).isNull();
        }
    }

    @Test
    void refusesAStoreOfANewerSchema() throws Exception {
        RunStore.open(location()).close();
        try (var connection = DriverManager.getConnection(location().jdbcUrl())) {
            connection.createStatement().execute("INSERT INTO schema_version VALUES (99, 'V99__future', '2030-01-01T00:00:00Z')");
        }
        assertThatThrownBy(() -> RunStore.open(location())).isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 99").hasMessageContaining("newer Hone");
    }

    @Test
    void roundTripsAClassificationRunWithPredictionsCostsAndPrompts() {
        RunResults results = Fixtures.results("classification-llm-routes");
        RecordedRun recorded = RunRecords.imported(results, directory.resolve("run-1"));
        try (RunStore store = RunStore.open(location())) {
            assertThat(store.importRun(recorded)).isTrue();
            assertThat(store.importRun(RunRecords.imported(results, directory.resolve("run-1")))).as("same folder, same start").isFalse();

            RecordedRun read = store.find(recorded.run().id().substring(0, 5));
            assertThat(read.run()).isEqualTo(recorded.run());
            assertThat(read.run().status()).isEqualTo(RunRow.COMPLETE);
            assertThat(read.run().recommended()).isEqualTo("knn");
            assertThat(read.run().testExamples()).isEqualTo(9);
            assertThat(read.run().config()).contains("strategies:");
            assertThat(read.candidates()).extracting(StoredCandidate::name)
                    .containsExactly("gpt", "gpt-ft", "knn", "knn-then-ft", "student");
            assertThat(read.candidates()).isEqualTo(recorded.candidates());
            StoredCandidate gpt = read.candidate("gpt");
            assertThat(gpt.predictions()).hasSize(9);
            assertThat(gpt.predictions()).allSatisfy(p -> assertThat(p.correct()).isEqualTo(p.gold().equals(p.predicted())));
            assertThat(gpt.monthlyCostUsd()).isNotNull().isPositive();
            assertThat(gpt.promptSha256()).isEqualTo("7ed0b589673dc4de161dd3a1a4cc22bf1adc9f18b852e8394bdc40e96750b30b");
            assertThat(read.candidate("knn").promptSha256()).isNull();
            // Imported from a folder: results.json holds the hash of the prompt, not its text.
            assertThat(read.prompts()).containsExactly(new PromptVersion(gpt.promptSha256(), null));

            List<RunSummary> listed = store.runs(null, 10);
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).recommendedScore()).isEqualTo(1.0);
        }
    }

    @Test
    void recordsGenerationAndRetrievalRuns() {
        try (RunStore store = RunStore.open(location())) {
            RecordedRun generation = RunRecords.imported(Fixtures.results("generation-judged-rag"), directory.resolve("g"));
            RecordedRun retrieval = RunRecords.imported(Fixtures.results("retrieval"), directory.resolve("r"));
            store.importRun(generation);
            store.importRun(retrieval);

            RecordedRun g = store.find(generation.run().id());
            assertThat(g.run().primaryMetric()).isEqualTo("judge_score");
            assertThat(g.run().testExamples()).isEqualTo(8);
            assertThat(g.candidate("rag").predictions()).hasSize(8)
                    .allSatisfy(p -> assertThat(p.predicted()).isNotNull());
            assertThat(g.prompts()).hasSize(3);

            RecordedRun r = store.find(retrieval.run().id());
            assertThat(r.run().primaryMetric()).isEqualTo("recall_at_k");
            assertThat(r.candidates()).extracting(StoredCandidate::name).containsExactly("vector", "bm25", "hybrid");
            assertThat(r.candidate("bm25").predictions()).hasSize(5);
            assertThat(r.candidate("bm25").score()).isBetween(0.0, 1.0);

            assertThat(store.runs("manual-search", 10)).extracting(s -> s.run().id()).containsExactly(retrieval.run().id());
            // Newest first: the retrieval fixture started last.
            assertThat(store.runs(null, 10)).extracting(s -> s.run().task()).containsExactly("manual-search", "kettle-answers");
            assertThat(store.runs(null, 1)).hasSize(1);
        }
    }

    @Test
    void aStartedRunStaysIncompleteUntilCompletedAndThenIsReplacedWhole() {
        RunResults results = Fixtures.results("classification-llm-routes");
        RunRow started = RunRow.started("abc123def456", "remote-ft", "classification", "all-minilm-l6-v2", "task: {}\n", "test",
                "25", 3, "2026-12-06T08:00:00Z", directory.resolve("out").toString());
        try (RunStore store = RunStore.open(location())) {
            store.begin(started);
            RecordedRun during = store.find("abc1");
            assertThat(during.run().status()).isEqualTo(RunRow.INCOMPLETE);
            assertThat(during.candidates()).isEmpty();

            store.complete(RunRecords.finished(started, results, java.util.Map.of()));
            RecordedRun after = store.find("abc123def456");
            assertThat(after.run().status()).isEqualTo(RunRow.COMPLETE);
            // The results' provenance is the record of when the run started (an import of its folder then matches it).
            assertThat(after.run().startedAt()).isEqualTo(results.provenance().startedAt());
            assertThat(after.candidates()).hasSize(5);
            assertThat(store.runs(null, 10)).hasSize(1);
        }
    }

    @Test
    void anUnknownOrAmbiguousIdIsABadInputNamingTheFix() {
        try (RunStore store = RunStore.open(location())) {
            store.importRun(Fixtures.classification("aa1111111111", "2026-12-01T00:00:00Z", "t", "probe", "1100", "a: 1\n"));
            store.importRun(Fixtures.classification("aa2222222222", "2026-12-02T00:00:00Z", "t", "probe", "1100", "a: 1\n"));
            assertThatThrownBy(() -> store.find("zz")).isInstanceOf(BadInputException.class).hasMessageContaining("hone runs");
            assertThatThrownBy(() -> store.find("aa")).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("matches 2 runs").hasMessageContaining("more of the id");
            assertThat(store.find("aa2").run().id()).isEqualTo("aa2222222222");
        }
    }

    @Test
    void twoStoredRunsOnOneTestSetCompareExampleByExample() {
        try (RunStore store = RunStore.open(location())) {
            store.importRun(Fixtures.classification("aaaaaaaaaaaa", "2026-12-01T00:00:00Z", "same", "probe", "1111111111", "seed: 7\n"));
            store.importRun(Fixtures.classification("bbbbbbbbbbbb", "2026-12-02T00:00:00Z", "same", "probe", "1111000000", "seed: 8\n"));
            RunComparison c = RunComparison.of(store.find("aaaa"), store.find("bbbb"));
            assertThat(c.sameTestSet()).isTrue();
            assertThat(c.candidates().get(0).onlyARight()).isEqualTo(6);
            assertThat(c.candidates().get(0).pValue()).isCloseTo(0.03125, org.assertj.core.api.Assertions.within(1e-12));
            assertThat(c.regression()).isPresent();
            assertThat(c.configDiff()).contains("-seed: 7").contains("+seed: 8");
        }
    }

    @Test
    void theIncompleteRowOfAFolderIsFoundForAResumedRun() {
        Path out = directory.resolve("out");
        RunRow started = RunRow.started("cafe00000001", "t", "classification", "m", "task: {}\n", "test", "25", 3,
                "2026-12-06T08:00:00Z", out.toAbsolutePath().toString());
        try (RunStore store = RunStore.open(location())) {
            assertThat(store.incompleteRunIn(out)).isEmpty();
            store.begin(started);
            assertThat(store.incompleteRunIn(out)).contains(started);
            assertThat(store.incompleteRunIn(directory.resolve("elsewhere"))).isEmpty();
            store.complete(RunRecords.finished(started, Fixtures.results("classification-llm-routes"), java.util.Map.of()));
            assertThat(store.incompleteRunIn(out)).as("completed").isEmpty();
        }
    }
}
