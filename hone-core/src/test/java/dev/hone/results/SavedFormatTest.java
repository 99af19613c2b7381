package dev.hone.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The results.json contract holds: files written by Hone before the typed model (the fixtures were
 * written by main at 8fa6692, one per task kind and per kind of evidence, and a candidate card) read into the records and
 * write back with every field they had, under the same name and with the same value. Renaming or
 * dropping a record component fails here, except for the deliberate renames in {@link #RENAMED},
 * whose old name must still read and is written under the new one.
 */
class SavedFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Old field name → new one: the LLM fine-tuning job, named for hosted jobs before in-process tuning. */
    private static final Map<String, String> RENAMED = Map.of("remote_finetune", "finetune");

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"classification-llm-routes.json", "classification-curve-cross-validated.json",
            "generation-judged-rag.json", "retrieval.json"})
    void everyFieldOfASavedFileSurvivesReadingAndWriting(String fixture) throws Exception {
        Path saved = Path.of(getClass().getResource("/results-format/" + fixture).toURI());
        RunResults results = RunResults.read(saved);
        Path rewritten = directory.resolve("results.json");
        results.write(rewritten);

        JsonNode before = JSON.readTree(saved.toFile());
        JsonNode after = JSON.readTree(rewritten.toFile());
        List<String> differences = new ArrayList<>();
        compare("", before, after, differences);
        assertThat(differences).as("fields of %s lost or changed by the typed model", fixture).isEmpty();
        // Files from before format_version read as version 0 and keep it when written back.
        assertThat(after.path("format_version").isInt()).isTrue();
        assertThat(results.formatVersion()).isZero();
        assertThat(Files.exists(directory.resolve("results.json.tmp"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"classification-llm-routes.json", "generation-judged-rag.json", "retrieval.json"})
    void theTaskKindChoosesTheRecord(String fixture) throws Exception {
        RunResults results = RunResults.read(Path.of(getClass().getResource("/results-format/" + fixture).toURI()));
        Class<?> expected = switch (results.task().kind()) {
            case Task.CLASSIFICATION -> ClassificationResults.class;
            case Task.RETRIEVAL -> RetrievalResults.class;
            default -> GenerationResults.class;
        };
        assertThat(results).isInstanceOf(expected);
        assertThat(results.candidates()).isNotEmpty();
        assertThat(results.decision().reason()).isNotBlank();
    }

    @org.junit.jupiter.api.Test
    void aCandidateCardSurvivesReadingAndWriting() throws Exception {
        Path saved = Path.of(getClass().getResource("/results-format/candidate-lora.json").toURI());
        Path folder = Files.createDirectories(directory.resolve("lora"));
        Files.copy(saved, folder.resolve(CandidateCard.FILE));
        CandidateCard card = CandidateCard.read(folder);
        assertThat(card.format()).isEqualTo(CandidateCard.FORMAT);
        assertThat(card.kind()).isEqualTo("lora");
        Path rewritten = Files.createDirectories(directory.resolve("again"));
        card.write(rewritten);
        List<String> differences = new ArrayList<>();
        compare("", JSON.readTree(saved.toFile()), JSON.readTree(rewritten.resolve(CandidateCard.FILE).toFile()), differences);
        assertThat(differences).isEmpty();
    }

    /** Written by a run with selection: validation after the refit was added (format_version 1): its new fields hold too. */
    @org.junit.jupiter.api.Test
    void aRefitRunSurvivesReadingAndWritingAndReadsTyped() throws Exception {
        Path saved = Path.of(getClass().getResource("/results-format/classification-refit.json").toURI());
        var results = (ClassificationResults) RunResults.read(saved);
        Path rewritten = directory.resolve("results.json");
        results.write(rewritten);
        List<String> differences = new ArrayList<>();
        compare("", JSON.readTree(saved.toFile()), JSON.readTree(rewritten.toFile()), differences);
        assertThat(differences).isEmpty();
        assertThat(results.formatVersion()).isEqualTo(RunResults.FORMAT_VERSION);
        assertThat(results.selection()).isEqualTo(new ClassificationResults.Selection("validation split", 0, 12, 0, "knn"));
        assertThat(results.candidate("knn").refitOnAllTrainingData()).isTrue();
        assertThat(results.candidate("zero-shot").refitOnAllTrainingData()).isFalse();
    }

    /** Written by a run with optimised prompt routes (TestSplitNeverReadTest's run): every trial holds, typed. */
    @org.junit.jupiter.api.Test
    void anOptimisedRunSurvivesReadingAndWritingAndReadsTyped() throws Exception {
        Path saved = Path.of(getClass().getResource("/results-format/classification-optimised.json").toURI());
        var results = (ClassificationResults) RunResults.read(saved);
        Path rewritten = directory.resolve("results.json");
        results.write(rewritten);
        List<String> differences = new ArrayList<>();
        compare("", JSON.readTree(saved.toFile()), JSON.readTree(rewritten.toFile()), differences);
        assertThat(differences).isEmpty();
        OptimizationEvidence template = results.candidate("optimised").optimization();
        assertThat(template.target()).isEqualTo("template");
        assertThat(template.trials()).hasSizeGreaterThan(10);
        assertThat(template.trials().get(0).parent()).isNull();
        assertThat(template.bestScore()).isGreaterThan(template.baselineScore());
        assertThat(results.candidate("selected").optimization().target()).isEqualTo("references");
        assertThat(results.candidate("plain").optimization()).isNull();
        assertThat(results.candidate("optimised").evidence()).contains(template);
    }

    @org.junit.jupiter.api.Test
    void filesFromBeforeRepeatsAndRefitReadAsOneRepeatAndNoRefit() throws Exception {
        var results = (ClassificationResults) RunResults.read(
                Path.of(getClass().getResource("/results-format/classification-curve-cross-validated.json").toURI()));
        assertThat(results.selection()).isEqualTo(new ClassificationResults.Selection("cross-validation", 5, 24, 1, null));
        assertThat(results.candidates()).noneMatch(ClassifierResult::refitOnAllTrainingData);
    }

    @org.junit.jupiter.api.Test
    void evidenceReadsBackTyped() throws Exception {
        var results = (ClassificationResults) RunResults.read(
                Path.of(getClass().getResource("/results-format/classification-llm-routes.json").toURI()));
        List<String> kinds = results.candidates().stream().flatMap(c -> c.evidence().stream())
                .map(e -> e.getClass().getSimpleName()).distinct().sorted().toList();
        assertThat(kinds).containsExactly("DistillationEvidence", "Forgetting", "LlmEvidence", "LlmFineTuneJob");
        assertThat(results.candidates().stream().filter(c -> c.evidence().isEmpty())).isNotEmpty();
    }

    /** A job saved as remote_finetune (before in-process tuning) reads as the hosted job it was, and is written as finetune. */
    @org.junit.jupiter.api.Test
    void theFineTuningJobReadsFromItsOldName() throws Exception {
        Path saved = Path.of(getClass().getResource("/results-format/classification-llm-routes.json").toURI());
        assertThat(JSON.readTree(saved.toFile()).path("candidates").findValue("remote_finetune")).isNotNull();
        var results = (ClassificationResults) RunResults.read(saved);
        LlmFineTuneJob job = results.candidate("gpt-ft").finetune();
        assertThat(job).isNotNull();
        assertThat(job.jobId()).isEqualTo("ftjob-1");
        assertThat(job.trainedTokens()).isEqualTo(946);
        assertThat(job.inProcess()).isFalse();
        assertThat(results.candidate("gpt-ft").trainsLocally()).isFalse();

        Path rewritten = directory.resolve("results.json");
        results.write(rewritten);
        JsonNode written = JSON.readTree(rewritten.toFile()).path("candidates");
        assertThat(written.findValue("remote_finetune")).isNull();
        assertThat(written.findValue("finetune").path("job_id").asText()).isEqualTo("ftjob-1");
        assertThat(written.findValue("finetune").path("in_process").asBoolean(true)).isFalse();
    }

    /** An in-process job trains on this machine: the verdict counts its CPU time like any trained route's. */
    @org.junit.jupiter.api.Test
    void anInProcessJobTrainsLocally() {
        var results = (ClassificationResults) ResultsJson.fromTree(JSON.valueToTree(Map.of("task", Map.of("kind", "classification"),
                "candidates", List.of(Map.of("name", "tuned", "kind", "llm-finetune", "finetune", Map.of("job_id", "local-1",
                        "fine_tuned_model", "/runs/tuned", "in_process", true))))), "test");
        assertThat(results.candidate("tuned").finetune().inProcess()).isTrue();
        assertThat(results.candidate("tuned").trainsLocally()).isTrue();
    }

    /**
     * Every field of {@code before} must be in {@code after} with an equal value ({@link #RENAMED}
     * fields under their new name); {@code after} may add fields.
     */
    private static void compare(String path, JsonNode before, JsonNode after, List<String> differences) {
        if (after == null || after.isMissingNode()) {
            differences.add(path + " is missing");
        } else if (before.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = before.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = RENAMED.getOrDefault(field.getKey(), field.getKey());
                compare(path + "." + name, field.getValue(), after.get(name), differences);
            }
        } else if (before.isArray()) {
            if (before.size() != after.size()) differences.add(path + " has " + after.size() + " items, not " + before.size());
            else for (int i = 0; i < before.size(); i++) compare(path + "[" + i + "]", before.get(i), after.get(i), differences);
        } else if (before.isNumber() && after.isNumber()) {
            if (before.asDouble() != after.asDouble()) differences.add(path + " is " + after + ", not " + before);
        } else if (!before.equals(after)) {
            differences.add(path + " is " + after + ", not " + before);
        }
    }
}
