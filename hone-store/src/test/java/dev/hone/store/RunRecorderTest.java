package dev.hone.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.config.ConfigLoader;
import dev.hone.config.HoneConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecorderTest {
    @TempDir
    Path directory;

    private HoneConfig config() throws Exception {
        Files.writeString(directory.resolve("train.jsonl"), "{\"text\": \"a\", \"label\": \"x\"}\n{\"text\": \"b\", \"label\": \"y\"}\n");
        Path file = directory.resolve("hone.yaml");
        Files.writeString(file, """
                task: {name: recorder, kind: classification}
                dataset: {train: train.jsonl, test_fraction: 0.5}
                model: all-minilm-l6-v2
                strategies:
                  - {name: zero-shot, kind: zero-shot, template: "About {label}"}
                  - {name: probe, kind: linear-probe}
                """);
        return ConfigLoader.load(file, List.of());
    }

    @Test
    void aRunThatThrowsAfterStartingLeavesARowMarkedIncomplete() throws Exception {
        StoreLocation location = StoreLocation.ofFile(directory.resolve("store.db"));
        List<String> warnings = new ArrayList<>();
        String id;
        RunRecorder recorder = RunRecorder.into(location, warnings::add);
        id = recorder.started(config(), directory.resolve("out"));
        assertThat(id).isNotNull();
        try {
            throw new IllegalStateException("the run failed halfway");
        } catch (IllegalStateException expected) {
            // as in hone run: the exception goes to the user and finished() is never reached
        }
        assertThat(warnings).isEmpty();
        try (RunStore store = RunStore.open(location)) {
            RecordedRun run = store.find(id);
            assertThat(run.run().status()).isEqualTo(RunRow.INCOMPLETE);
            assertThat(run.run().task()).isEqualTo("recorder");
            assertThat(run.run().seed()).isEqualTo(7L);
            assertThat(run.run().out()).isEqualTo(directory.resolve("out").toAbsolutePath().toString());
            assertThat(run.run().config()).contains("About {label}");
        }
    }

    @Test
    void anUnwritableStoreWarnsOnceAndNeverThrows() throws Exception {
        Path blocker = directory.resolve("blocker");
        Files.writeString(blocker, "a file where the store's folder should be");
        List<String> warnings = new ArrayList<>();
        RunRecorder recorder = RunRecorder.into(StoreLocation.ofFile(blocker.resolve("store.db")), warnings::add);
        assertThat(recorder.started(config(), directory.resolve("out"))).isNull();
        assertThat(recorder.finished(Fixtures.results("classification-llm-routes"))).isFalse();
        assertThat(recorder.runId()).isNull();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("not in the run history").contains(blocker.toString())
                .contains("hone runs import " + directory.resolve("out")).doesNotContain("\n");
    }

    @Test
    void theZeroShotTemplateIsRecordedAsThePromptVersionOfItsCandidate() throws Exception {
        HoneConfig config = config();
        var versions = PromptVersions.of(config);
        assertThat(versions).containsOnlyKeys("zero-shot");
        assertThat(versions.get("zero-shot").text()).isEqualTo("template:\nAbout {label}");
        RunRow started = RunRecords.started(config, directory.resolve("out"));
        RecordedRun finished = RunRecords.finished(started, Fixtures.results("classification-llm-routes"), versions);
        // The fixture has no zero-shot candidate: only the LLM prompts' hashes from results.json are used.
        assertThat(finished.prompts()).extracting(PromptVersion::text).containsOnlyNulls();
    }

    @Test
    void theLlmPromptHashIsTheOneResultsJsonRecords() {
        var defaults = new java.util.LinkedHashMap<String, String>();
        defaults.put("system", dev.hone.strategy.llm.LlmConfig.DEFAULT_SYSTEM);
        defaults.put("user", dev.hone.strategy.llm.LlmConfig.DEFAULT_USER);
        defaults.put("demonstration", dev.hone.strategy.llm.LlmConfig.DEFAULT_DEMONSTRATION);
        // The fixture's gpt candidate ran with the default templates.
        assertThat(PromptVersion.of(defaults).sha256()).isEqualTo("7ed0b589673dc4de161dd3a1a4cc22bf1adc9f18b852e8394bdc40e96750b30b");
    }

    @Test
    void offRecordsNothing() throws Exception {
        RunRecorder recorder = RunRecorder.off();
        assertThat(recorder.started(config(), directory.resolve("out"))).isNull();
        assertThat(recorder.finished(Fixtures.results("retrieval"))).isFalse();
    }
}
