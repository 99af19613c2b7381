package dev.hone.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunComparisonTest {
    private static final String CONFIG_A = "task:\n  name: intents\nmodel: all-minilm-l6-v2\nevaluation:\n  seed: 7\n";
    private static final String CONFIG_B = "task:\n  name: intents\nmodel: all-minilm-l6-v2\nevaluation:\n  seed: 8\n";

    private static RunComparison compare(String outcomesA, String outcomesB) {
        RecordedRun a = Fixtures.classification("aaaaaaaaaaaa", "2026-12-01T00:00:00Z", "same", "probe", outcomesA, CONFIG_A);
        RecordedRun b = Fixtures.classification("bbbbbbbbbbbb", "2026-12-02T00:00:00Z", "same", "probe", outcomesB, CONFIG_B);
        return RunComparison.of(a, b);
    }

    @Test
    void exactMcNemarPValuesMatchHandComputedBinomialTails() {
        // b = 6 only A right, c = 0: p = 2 · 0.5^6 = 0.03125
        RunComparison sixToNone = compare("1111111111", "1111000000");
        RunComparison.CandidateDelta d = sixToNone.candidates().get(0);
        assertThat(d.onlyARight()).isEqualTo(6);
        assertThat(d.onlyBRight()).isEqualTo(0);
        assertThat(d.pValue()).isCloseTo(0.03125, within(1e-12));
        assertThat(d.delta()).isCloseTo(-0.6, within(1e-12));
        // b = 1, c = 4: n = 5, P(X ≤ 1) = (1 + 5) / 32, p = 0.375
        assertThat(compare("1000011110", "0111111110").candidates().get(0).pValue()).isCloseTo(0.375, within(1e-12));
        // b = 2, c = 10: n = 12, P(X ≤ 2) = (1 + 12 + 66) / 4096, p = 158 / 4096
        assertThat(compare("110000000000", "001111111111").candidates().get(0).pValue()).isCloseTo(158.0 / 4096, within(1e-12));
        // b = 3, c = 3: the two-sided tail exceeds 1 and is capped
        assertThat(compare("111000", "000111").candidates().get(0).pValue()).isEqualTo(1.0);
        // no discordant pairs
        assertThat(compare("1010", "1010").candidates().get(0).pValue()).isEqualTo(1.0);
    }

    @Test
    void aSignificantDropOfTheRecommendedCandidateIsARegressionAndAnInsignificantOneIsNot() {
        RunComparison dropped = compare("1111111111", "1111000000");
        assertThat(dropped.sameTestSet()).isTrue();
        assertThat(dropped.regression()).map(RunComparison.CandidateDelta::name).contains("probe");
        assertThat(compare("1111111111", "1111100000").regression()).as("b = 5, c = 0: p = 0.0625").isEmpty();
        assertThat(compare("1111000000", "1111111111").regression()).as("an improvement").isEmpty();
    }

    @Test
    void differentTestSetsGiveDeltasButNoPValues() {
        RecordedRun a = Fixtures.classification("aaaaaaaaaaaa", "2026-12-01T00:00:00Z", "one", "probe", "1111111111", CONFIG_A);
        RecordedRun b = Fixtures.classification("bbbbbbbbbbbb", "2026-12-02T00:00:00Z", "other", "probe", "0000000000", CONFIG_A);
        RunComparison c = RunComparison.of(a, b);
        assertThat(c.sameTestSet()).isFalse();
        assertThat(c.candidates().get(0).delta()).isEqualTo(-1.0);
        assertThat(c.candidates().get(0).pValue()).isNull();
        assertThat(c.regression()).isEmpty();
        assertThat(c.configDiff()).isEmpty();
    }

    @Test
    void theJsonHasTheContractFields() throws Exception {
        JsonNode json = Json.MAPPER.readTree(StoreJson.comparison(compare("1111111111", "1111000000")));
        assertThat(json.fieldNames()).toIterable().contains("a", "b", "same_test_set", "candidates", "config_diff");
        assertThat(json.path("a").asText()).isEqualTo("aaaaaaaaaaaa");
        assertThat(json.path("b").asText()).isEqualTo("bbbbbbbbbbbb");
        assertThat(json.path("same_test_set").asBoolean()).isTrue();
        JsonNode probe = json.path("candidates").get(0);
        assertThat(probe.fieldNames()).toIterable().contains("name", "accuracy_a", "accuracy_b", "delta", "p_value");
        assertThat(probe.path("name").asText()).isEqualTo("probe");
        assertThat(probe.path("accuracy_a").asDouble()).isEqualTo(1.0);
        assertThat(probe.path("accuracy_b").asDouble()).isEqualTo(0.4);
        assertThat(probe.path("p_value").asDouble()).isCloseTo(0.03125, within(1e-12));
        assertThat(probe.path("monthly_cost_delta").asDouble()).isEqualTo(0.0);
        assertThat(json.path("config_diff").asText()).contains("-  seed: 7").contains("+  seed: 8");
        assertThat(json.path("regression").asText()).isEqualTo("probe");
        assertThat(json.path("paired_on").asText()).isEqualTo("the predicted label is the gold label");
        assertThat(json.path("no_p_values").isNull()).isTrue();
    }

    @Test
    void unmatchedCandidatesAndChangedPromptsAreListed() {
        RecordedRun a = Fixtures.classification("aaaaaaaaaaaa", "2026-12-01T00:00:00Z", "same", "probe", "1111", CONFIG_A);
        StoredCandidate zeroA = new StoredCandidate("zero-shot", "zero-shot", 0.5, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, "1111", List.of());
        StoredCandidate zeroB = new StoredCandidate("zero-shot", "zero-shot", 0.75, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, "2222", List.of());
        a = new RecordedRun(a.run(), List.of(a.candidates().get(0), zeroA), List.of(new PromptVersion("1111", "template:\nAbout {label}")));
        RecordedRun b = Fixtures.classification("bbbbbbbbbbbb", "2026-12-02T00:00:00Z", "same", "lora", "1111", CONFIG_A);
        b = new RecordedRun(b.run(), List.of(b.candidates().get(0), zeroB), List.of(new PromptVersion("2222", "template:\nA text on {label}")));
        RunComparison c = RunComparison.of(a, b);
        assertThat(c.onlyInA()).containsExactly("probe");
        assertThat(c.onlyInB()).containsExactly("lora");
        assertThat(c.candidates()).extracting(RunComparison.CandidateDelta::name).containsExactly("zero-shot");
        assertThat(c.candidates().get(0).delta()).isEqualTo(0.25);
        assertThat(c.promptChanges()).hasSize(1);
        assertThat(c.promptChanges().get(0).diff()).contains("-About {label}").contains("+A text on {label}");
    }

    @Test
    void generationAndRetrievalRunsOnOneTestSetArePairedOnTheirPassOrFailPerExample() {
        for (String fixture : List.of("generation-judged-rag", "retrieval")) {
            RecordedRun a = RunRecords.imported(Fixtures.results(fixture), java.nio.file.Path.of("/runs/a"));
            RecordedRun imported = RunRecords.imported(Fixtures.results(fixture), java.nio.file.Path.of("/runs/b"));
            // B: the first candidate now fails every example.
            StoredCandidate first = imported.candidates().get(0);
            List<Prediction> failed = first.predictions().stream()
                    .map(p -> new Prediction(p.index(), p.exampleSha256(), p.gold(), p.predicted(), p.score(), false)).toList();
            StoredCandidate worse = new StoredCandidate(first.name(), first.kind(), 0.0, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, null, first.promptSha256(), failed);
            List<StoredCandidate> candidates = new java.util.ArrayList<>(imported.candidates());
            candidates.set(0, worse);
            RecordedRun b = new RecordedRun(imported.run(), candidates, imported.prompts());

            RunComparison c = RunComparison.of(a, b);
            assertThat(c.sameTestSet()).as(fixture).isTrue();
            assertThat(c.noPValues()).as(fixture).isNull();
            assertThat(c.pairedOn()).as(fixture).isEqualTo(RunComparison.passMeaning(a.run().kind()));
            int passedInA = (int) first.predictions().stream().filter(Prediction::correct).count();
            RunComparison.CandidateDelta d = c.candidates().get(0);
            assertThat(d.onlyARight()).as(fixture).isEqualTo(passedInA);
            assertThat(d.onlyBRight()).isZero();
            assertThat(d.pValue()).as(fixture).isEqualTo(dev.hone.verdict.McNemar.pValue(passedInA, 0));
            assertThat(d.noPValue()).isNull();
            assertThat(c.candidates().subList(1, c.candidates().size())).as(fixture + ": unchanged candidates")
                    .allSatisfy(same -> assertThat(same.pValue()).isEqualTo(1.0));
        }
        assertThat(RunComparison.passMeaning("generation")).contains("exactly");
        assertThat(RunComparison.passMeaning("retrieval")).contains("relevant document");
    }

    @Test
    void runsOfDifferentKindsSayWhyThereAreNoPValues() {
        RecordedRun generation = RunRecords.imported(Fixtures.results("generation-judged-rag"), java.nio.file.Path.of("/runs/g"));
        RecordedRun retrieval = RunRecords.imported(Fixtures.results("retrieval"), java.nio.file.Path.of("/runs/r"));
        RunComparison c = RunComparison.of(generation, retrieval);
        assertThat(c.pairedOn()).isNull();
        assertThat(c.noPValues()).contains("different task kinds");
        RunComparison other = compareOnDifferentTestSets();
        assertThat(other.noPValues()).contains("not measured on the same test set");
        assertThat(other.candidates().get(0).noPValue()).isEqualTo(other.noPValues());
    }

    private static RunComparison compareOnDifferentTestSets() {
        RecordedRun a = Fixtures.classification("aaaaaaaaaaaa", "2026-12-01T00:00:00Z", "one", "probe", "1111111111", CONFIG_A);
        RecordedRun b = Fixtures.classification("bbbbbbbbbbbb", "2026-12-02T00:00:00Z", "other", "probe", "0000000000", CONFIG_A);
        return RunComparison.of(a, b);
    }
}
