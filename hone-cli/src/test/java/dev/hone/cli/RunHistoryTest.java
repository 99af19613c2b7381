package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.store.Prediction;
import dev.hone.store.RecordedRun;
import dev.hone.store.RunRow;
import dev.hone.store.RunStore;
import dev.hone.store.StoreLocation;
import dev.hone.store.StoredCandidate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run history end to end on real MiniLM runs: hone run records into --store, a floor nothing
 * reaches exits 3, an unwritable store warns and the run's folder is still written (and can be
 * imported), then hone runs, show and compare read the history.
 */
class RunHistoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private Path config() throws Exception {
        Path train = SupportTickets.writeSplits(directory, 8, SupportTickets.PER_LABEL);
        // A mislabelled training text: no candidate can be right about it under cross-validation, so a floor of 1.0 is out of reach.
        Files.writeString(train, "{\"text\": \"I want my money back for the late parcel\", \"label\": \"login\"}\n", StandardOpenOption.APPEND);
        Path config = directory.resolve("hone.yaml");
        Files.writeString(config, """
                task: {name: history, kind: classification}
                model: all-minilm-l6-v2
                dataset: {train: train.jsonl, test: test.jsonl}
                labels: {refund: "money back", shipping: "where is my order", login: "cannot access the account"}
                strategies:
                  - {name: zero-shot, kind: zero-shot, template: "A message about {label}: {description}"}
                  - {name: probe, kind: linear-probe}
                evaluation: {repeats: 1, seed: 3, latency_samples: 5}
                decision: {latency_budget_ms: 10000}
                """);
        return config;
    }

    @Test
    void recordsRunsThenListsShowsAndComparesThem() throws Exception {
        Path config = config();
        String store = directory.resolve("history/store.db").toString();

        CliRunner first = CliRunner.run("run", config.toString(), "--out", directory.resolve("a").toString(), "--store", store);
        assertThat(first.exitCode()).as(first.err()).isEqualTo(0);
        assertThat(first.out()).contains("history: run ");

        CliRunner second = CliRunner.run("run", config.toString(), "--out", directory.resolve("b").toString(), "--store", store,
                "--set", "strategies[0].template=Customer writes about {label}", "--set", "decision.accuracy_floor=1.0");
        assertThat(second.exitCode()).as(second.out() + second.err()).isEqualTo(3);
        assertThat(second.err()).contains("no candidate reaches the accuracy floor 1.000").contains("the best, ");
        assertThat(second.printedStackTrace()).isFalse();

        // A store that cannot be written: one warning, the run's folder as usual, the exit code unchanged.
        Path blocker = directory.resolve("blocker");
        Files.writeString(blocker, "a file where a folder should be");
        Path third = directory.resolve("c");
        CliRunner unwritable = CliRunner.run("run", config.toString(), "--out", third.toString(), "--store",
                blocker.resolve("store.db").toString());
        assertThat(unwritable.exitCode()).as(unwritable.err()).isEqualTo(0);
        assertThat(unwritable.err()).contains("not in the run history").contains("hone runs import " + third);
        assertThat(unwritable.printedStackTrace()).isFalse();
        assertThat(third.resolve("results.json")).exists();
        assertThat(third.resolve("report.html")).exists();

        CliRunner imported = CliRunner.run("runs", "import", third.toString(), "--store", store);
        assertThat(imported.exitCode()).as(imported.err()).isEqualTo(0);
        assertThat(imported.out()).startsWith("imported ");
        assertThat(CliRunner.run("runs", "import", third.toString(), "--store", store).out()).startsWith("already recorded");
        assertThat(CliRunner.run("runs", "import", directory.resolve("a").toString(), "--store", store).out())
                .as("a folder hone run recorded").startsWith("already recorded");

        CliRunner listed = CliRunner.run("runs", "--json", "--store", store);
        assertThat(listed.exitCode()).as(listed.err()).isEqualTo(0);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : listed.out().strip().split("\n")) lines.add(JSON.readTree(line));
        assertThat(lines).hasSize(3);
        for (JsonNode line : lines) {
            for (String field : List.of("id", "task", "started_at", "model", "recommended", "recommended_accuracy", "out")) {
                assertThat(line.has(field)).as(field).isTrue();
            }
            assertThat(line.path("task").asText()).isEqualTo("history");
            assertThat(line.path("status").asText()).isEqualTo("complete");
        }
        // Newest first: the imported third run, then the floor run, then the first.
        assertThat(lines.get(2).path("out").asText()).isEqualTo(directory.resolve("a").toAbsolutePath().toString());
        assertThat(lines.get(2).path("recommended_accuracy").asDouble()).isBetween(0.5, 1.0);
        assertThat(lines.get(1).path("recommended").isNull()).as("nothing reaches the floor").isTrue();
        String a = lines.get(2).path("id").asText();
        String b = lines.get(1).path("id").asText();

        CliRunner compared = CliRunner.run("compare", a, b, "--json", "--store", store);
        assertThat(compared.exitCode()).as(compared.err()).isEqualTo(0);
        JsonNode comparison = JSON.readTree(compared.out());
        assertThat(comparison.path("a").asText()).isEqualTo(a);
        assertThat(comparison.path("same_test_set").asBoolean()).isTrue();
        assertThat(comparison.path("candidates")).hasSize(2);
        for (JsonNode candidate : comparison.path("candidates")) {
            assertThat(candidate.path("p_value").asDouble()).isBetween(0.0, 1.0);
            assertThat(candidate.path("accuracy_a").isNumber()).isTrue();
            assertThat(candidate.path("delta").asDouble()).isEqualTo(
                    candidate.path("accuracy_b").asDouble() - candidate.path("accuracy_a").asDouble());
        }
        assertThat(comparison.path("config_diff").asText()).contains("accuracy_floor: 1.0")
                .contains("Customer writes about {label}");
        JsonNode prompt = comparison.path("prompt_changes").get(0);
        assertThat(prompt.path("candidate").asText()).isEqualTo("zero-shot");
        assertThat(prompt.path("diff").asText()).contains("-A message about {label}: {description}")
                .contains("+Customer writes about {label}");

        CliRunner table = CliRunner.run("compare", a.substring(0, 6), b, "--fail-on-regression", "--store", store);
        assertThat(table.exitCode()).as(table.err()).isEqualTo(0);
        assertThat(table.out()).contains("same test set: yes").contains("probe").contains("config (A → B)");

        CliRunner shown = CliRunner.run("show", a.substring(0, 5), "--store", store);
        assertThat(shown.exitCode()).as(shown.err()).isEqualTo(0);
        assertThat(shown.out()).contains("run " + a + " (complete)").contains("zero-shot").contains("probe")
                .contains("  template:\n  A message about {label}: {description}");
        CliRunner missing = CliRunner.run("show", "zzzz", "--store", store);
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no run 'zzzz'");
    }

    @Test
    void aRunThatFailsAfterStartingIsListedAsIncomplete() throws Exception {
        Path config = config();
        Files.writeString(directory.resolve("train.jsonl"), "{\"text\": \"fine\", \"label\": \"refund\"}\nthis line is not JSON\n");
        String store = directory.resolve("store.db").toString();
        CliRunner failed = CliRunner.run("run", config.toString(), "--out", directory.resolve("failed").toString(), "--store", store);
        assertThat(failed.exitCode()).as(failed.err()).isEqualTo(2);
        assertThat(failed.err()).contains("train.jsonl");

        CliRunner listed = CliRunner.run("runs", "--json", "--store", store);
        JsonNode line = JSON.readTree(listed.out().strip());
        assertThat(line.path("status").asText()).isEqualTo("incomplete");
        assertThat(line.path("recommended").isNull()).isTrue();
        assertThat(CliRunner.run("runs", "--store", store).out()).contains("incomplete");
        assertThat(CliRunner.run("show", line.path("id").asText(), "--store", store).out()).contains("did not finish");
    }

    @Test
    void readingANonexistentStoreCreatesNothingAndImportTakesTheStoreGivenBeforeIt() throws Exception {
        Path store = directory.resolve("typo/store.db");
        CliRunner empty = CliRunner.run("runs", "--store", store.toString());
        assertThat(empty.exitCode()).as(empty.err()).isEqualTo(0);
        assertThat(empty.out()).contains("no runs recorded in " + store);
        assertThat(CliRunner.run("runs", "--json", "--store", store.toString()).out()).isEmpty();
        CliRunner show = CliRunner.run("show", "abc", "--store", store.toString());
        assertThat(show.exitCode()).isEqualTo(2);
        assertThat(show.err()).contains("no runs recorded in " + store);
        assertThat(CliRunner.run("compare", "abc", "def", "--store", store.toString()).exitCode()).isEqualTo(2);
        assertThat(store).doesNotExist();
        assertThat(store.getParent()).doesNotExist();

        // An optimised run's folder, imported through `hone runs --store X import DIR`.
        Path folder = directory.resolve("optimised-run");
        Files.createDirectories(folder);
        try (var in = RunHistoryTest.class.getResourceAsStream("/results/classification-optimised.json")) {
            Files.copy(in, folder.resolve("results.json"));
        }
        CliRunner imported = CliRunner.run("runs", "--store", store.toString(), "import", folder.toString());
        assertThat(imported.exitCode()).as(imported.err()).isEqualTo(0);
        assertThat(imported.out()).startsWith("imported ");
        assertThat(store).exists();
        String id = imported.out().split("\\s+")[1];
        CliRunner shown = CliRunner.run("show", id, "--store", store.toString());
        assertThat(shown.exitCode()).as(shown.err()).isEqualTo(0);
        assertThat(shown.out()).contains("prompt of optimised optimised (instruction-search of the template)")
                .contains("trial 1 of 18 kept (0.333 → 1.000 on 15 training examples)")
                .contains("  refund → money back");
        // The subcommand's own --store wins over the parent's.
        Path other = directory.resolve("other.db");
        CliRunner own = CliRunner.run("runs", "--store", store.toString(), "import", folder.toString(), "--store", other.toString());
        assertThat(own.out()).startsWith("imported ");
        assertThat(other).exists();
    }

    @Test
    void compareFailsOnASignificantRegressionOfTheRecommendedCandidate() {
        StoreLocation location = StoreLocation.ofFile(directory.resolve("store.db"));
        try (RunStore store = RunStore.open(location)) {
            store.importRun(run("aaaaaaaaaaaa", "2026-12-01T00:00:00Z", "1111111111"));
            store.importRun(run("bbbbbbbbbbbb", "2026-12-02T00:00:00Z", "1111000000"));
        }
        CliRunner gate = CliRunner.run("compare", "aaaa", "bbbb", "--fail-on-regression", "--store", location.file().toString());
        assertThat(gate.exitCode()).as(gate.err()).isEqualTo(3);
        assertThat(gate.err()).contains("regression: probe scores 0.400 in bbbbbbbbbbbb against 1.000 in aaaaaaaaaaaa")
                .contains("p = 0.0313");
        assertThat(CliRunner.run("compare", "bbbb", "aaaa", "--fail-on-regression", "--store", location.file().toString()).exitCode())
                .as("an improvement passes").isEqualTo(0);
    }

    private static RecordedRun run(String id, String startedAt, String outcomes) {
        List<Prediction> predictions = new ArrayList<>();
        for (int i = 0; i < outcomes.length(); i++) {
            boolean right = outcomes.charAt(i) == '1';
            predictions.add(new Prediction(i, "example-" + i, "yes", right ? "yes" : "no", right ? 1.0 : 0.0, right));
        }
        double accuracy = outcomes.chars().filter(c -> c == '1').count() / (double) outcomes.length();
        StoredCandidate probe = new StoredCandidate("probe", "linear-probe", accuracy, null, null, null, accuracy, null, null, null,
                null, null, null, null, null, null, null, null, predictions);
        RunRow row = new RunRow(id, "gate", "classification", "all-minilm-l6-v2", "data", "same-test-set", outcomes.length(),
                "task: {name: gate}\n", "test", "25", 7L, startedAt, startedAt, "/runs/" + id, RunRow.COMPLETE, "accuracy", "probe",
                "best", "only candidate");
        return new RecordedRun(row, List.of(probe), List.of());
    }
}
