package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.results.ClassificationResults;
import dev.hone.results.ClassifierResult;
import dev.hone.results.RunResults;
import dev.hone.store.RecordedRun;
import dev.hone.store.RunRow;
import dev.hone.store.RunStore;
import dev.hone.store.RunSummary;
import dev.hone.store.StoreLocation;
import dev.hone.store.StoredCandidate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hone run --resume} on a real MiniLM run killed with SIGKILL in a JVM of its own after its
 * third candidate: the resumed run keeps the three, builds the other two, and ends with the
 * candidates and decision of an uninterrupted run; the store holds one complete run. A changed
 * config or changed data is refused, naming the change.
 */
class ResumeTest {
    private static final List<String> NAMES = List.of("zero-shot", "knn", "probe", "lora", "prototypes");

    @TempDir
    Path directory;

    private Path config() throws IOException {
        SupportTickets.writeSplits(directory, 8, SupportTickets.PER_LABEL);
        Path config = directory.resolve("hone.yaml");
        // The fourth candidate trains for several epochs: the kill lands while it builds, after the third was saved.
        Files.writeString(config, """
                task: {name: resume, kind: classification}
                model: all-minilm-l6-v2
                dataset: {train: train.jsonl, test: test.jsonl}
                labels: {refund: "money back", shipping: "where is my order", login: "cannot access the account"}
                strategies:
                  - {name: zero-shot, kind: zero-shot, template: "A message about {label}: {description}"}
                  - {name: knn, kind: few-shot, k: 2, select: similar}
                  - {name: probe, kind: linear-probe}
                  - {name: lora, kind: lora, epochs: 6, learning_rate: 2.0e-3, patience: 0}
                  - {name: prototypes, kind: few-shot, method: prototype}
                evaluation: {repeats: 1, seed: 5, latency_samples: 5}
                decision: {latency_budget_ms: 10000}
                """);
        return config;
    }

    @Test
    void aRunKilledAfterItsThirdCandidateResumesToTheResultsOfAnUninterruptedRun() throws Exception {
        Path config = config();
        Path store = directory.resolve("history.db");

        Path whole = directory.resolve("whole");
        CliRunner uninterrupted = CliRunner.run("run", config.toString(), "--out", whole.toString(), "--no-store");
        assertThat(uninterrupted.exitCode()).as(uninterrupted.err()).isEqualTo(0);

        Path killed = directory.resolve("killed");
        String printed = runUntilKilled(config, killed, store, "candidate: lora");
        assertThat(printed).contains("candidate: probe");
        ClassificationResults partial = results(killed);
        assertThat(partial.candidates()).extracting(ClassifierResult::name).containsExactly("zero-shot", "knn", "probe");
        assertThat(partial.provenance().finishedAt()).isNull();
        try (RunStore history = RunStore.open(StoreLocation.ofFile(store))) {
            assertThat(history.runs(null, 10)).singleElement().satisfies(r -> assertThat(r.run().status()).isEqualTo(RunRow.INCOMPLETE));
        }
        // A copy of the interrupted folder, for the refusals below (the resume completes the original).
        Path copy = directory.resolve("copy");
        copyFolder(killed, copy);

        CliRunner resumed = CliRunner.run("run", config.toString(), "--out", killed.toString(), "--store", store.toString(), "--resume");
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isEqualTo(0);
        for (String kept : List.of("zero-shot", "knn", "probe")) {
            assertThat(resumed.out()).contains("candidate: " + kept + " (").contains(kept);
            assertThat(resumed.out()).containsPattern("candidate: " + kept + " \\([a-z-]+\\): kept as the interrupted run measured it");
        }
        assertThat(resumed.out()).contains("candidate: lora (lora)\n").contains("candidate: prototypes (few-shot)\n");
        assertThat(resumed.out()).doesNotContain("candidate: probe (linear-probe)\n");

        ClassificationResults a = results(whole);
        ClassificationResults b = results(killed);
        assertThat(b.candidates()).extracting(ClassifierResult::name).containsExactlyElementsOf(NAMES);
        for (int i = 0; i < NAMES.size(); i++) {
            ClassifierResult x = a.candidates().get(i);
            ClassifierResult y = b.candidates().get(i);
            assertThat(y.accuracy()).as(x.name()).isEqualTo(x.accuracy());
            assertThat(y.macroF1()).as(x.name()).isEqualTo(x.macroF1());
            assertThat(y.validationAccuracy()).as(x.name()).isEqualTo(x.validationAccuracy());
            assertThat(y.testPredictions()).as(x.name()).isEqualTo(x.testPredictions());
            assertThat(y.validationPredictions()).as(x.name()).isEqualTo(x.validationPredictions());
            assertThat(y.serving()).as(x.name()).isNotNull();
            assertThat(y.servingWork()).as(x.name()).isEqualTo(x.servingWork());
        }
        assertThat(b.decision().recommended()).isEqualTo(a.decision().recommended());
        assertThat(b.decision().status()).isEqualTo(a.decision().status());
        assertThat(b.provenance().startedAt()).as("the interrupted run's start").isEqualTo(partial.provenance().startedAt());
        assertThat(b.provenance().finishedAt()).isNotNull();
        for (String name : NAMES) assertThat(killed.resolve("candidates").resolve(name).resolve("candidate.json")).exists();

        try (RunStore history = RunStore.open(StoreLocation.ofFile(store))) {
            List<RunSummary> runs = history.runs(null, 10);
            assertThat(runs).hasSize(1);
            RecordedRun run = history.find(runs.get(0).run().id());
            assertThat(run.run().status()).isEqualTo(RunRow.COMPLETE);
            assertThat(run.run().recommended()).isEqualTo(a.decision().recommended());
            assertThat(run.candidates()).extracting(StoredCandidate::name).containsExactlyElementsOf(NAMES);
            assertThat(run.candidate("probe").predictions()).hasSize(a.candidates().get(2).testPredictions().size());
        }

        // Resuming a finished run, a changed config and changed data are refused in one line, naming what changed.
        CliRunner finished = CliRunner.run("run", config.toString(), "--out", killed.toString(), "--no-store", "--resume");
        assertThat(finished.exitCode()).isEqualTo(2);
        assertThat(finished.err()).contains("finished").contains("nothing to resume");
        CliRunner changed = CliRunner.run("run", config.toString(), "--out", copy.toString(), "--no-store", "--resume",
                "--set", "strategies[3].epochs=7");
        assertThat(changed.exitCode()).as(changed.out() + changed.err()).isEqualTo(2);
        assertThat(changed.err()).contains("the config differs").contains("strategies[3].epochs: 6 then, 7 now");
        assertThat(changed.printedStackTrace()).isFalse();
        assertThat(results(copy).candidates()).as("a refused resume leaves the folder as it was").hasSize(3);
        CliRunner nothing = CliRunner.run("run", config.toString(), "--out", directory.resolve("empty").toString(), "--no-store",
                "--resume");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("holds no resumable run");
        Files.writeString(directory.resolve("test.jsonl"), "{\"text\": \"one more\", \"label\": \"refund\"}\n",
                java.nio.file.StandardOpenOption.APPEND);
        CliRunner data = CliRunner.run("run", config.toString(), "--out", copy.toString(), "--no-store", "--resume");
        assertThat(data.exitCode()).as(data.out() + data.err()).isEqualTo(2);
        assertThat(data.err()).contains("the dataset changed");
    }

    /**
     * Runs {@code hone run} in a JVM of its own and kills it with SIGKILL as soon as it prints a line
     * starting with {@code killAt}; returns what it printed.
     */
    private static String runUntilKilled(Path config, Path out, Path store, String killAt) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-Xmx1g", "-Xss4m", "--add-modules", "jdk.incubator.vector",
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", config.toString(), "--out", out.toString(), "--store", store.toString());
        Path err = Files.createTempFile("hone-resume-err", ".txt");
        Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
        StringBuilder printed = new StringBuilder();
        boolean killed = false;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                printed.append(line).append('\n');
                if (line.startsWith(killAt)) {
                    // Process.destroyForcibly is SIGKILL on Linux: no shutdown hook, no finally block runs.
                    process.destroyForcibly();
                    killed = true;
                    break;
                }
            }
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String errors = Files.readString(err);
        Files.deleteIfExists(err);
        assertThat(killed).as("the run printed '" + killAt + "' before ending:\n" + printed + errors).isTrue();
        assertThat(process.exitValue()).as("killed by signal 9").isEqualTo(128 + 9);
        return printed.toString();
    }

    private static ClassificationResults results(Path out) {
        return (ClassificationResults) RunResults.read(out.resolve("results.json"));
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) Files.createDirectories(target);
                else Files.copy(path, target);
            }
        }
    }
}
