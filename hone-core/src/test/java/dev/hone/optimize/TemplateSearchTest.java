package dev.hone.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.Prediction;
import dev.hone.dataset.Example;
import dev.hone.engine.train.TrainingListener;
import dev.hone.provider.ProviderPool;
import dev.hone.results.OptimizationEvidence;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.Strategies;
import dev.hone.strategy.TicketTexts;
import dev.hone.strategy.TrainingData;
import dev.hone.strategy.WordHashEncoder;
import dev.hone.strategy.zeroshot.ZeroShotConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encoder's zero-shot template search, on the word-hash encoder (texts that share words are similar). */
class TemplateSearchTest {
    /** Label codes that share no word with the tickets; the descriptions do. */
    static final List<String> CODES = List.of("REF", "SHIP", "LOG");
    static final Map<String, String> DESCRIPTIONS = Map.of("REF", "refund money back", "SHIP", "parcel delivery order late",
            "LOG", "login password account locked log");

    @TempDir
    Path directory;

    private static TrainingData data(Map<String, String> descriptions) {
        List<Example> train = TicketTexts.TRAIN.stream()
                .map(e -> new Example(e.text(), CODES.get(TicketTexts.LABELS.indexOf(e.label())), e.location())).toList();
        return new TrainingData(new WordHashEncoder(), train, List.of(), CODES, descriptions, 7, TrainingListener.NONE,
                new ProviderPool(c -> {
                    throw new AssertionError("the template search asks no LLM");
                }));
    }

    private static OptimizeConfig budget(int trials) {
        return OptimizeConfig.forEncoder(OptimizeMethod.INSTRUCTION_SEARCH, trials, 7);
    }

    @Test
    void findsTheDescriptionsWhenTheLabelNamesSayNothingAndRecordsEveryTrial() {
        Candidate candidate = Strategies.of(new ZeroShotConfig("zs", "{label}", budget(40))).build(data(DESCRIPTIONS));
        OptimizationEvidence evidence = candidate.optimization().orElseThrow();
        // The codes share a word with one ticket ("I cannot log in"); elsewhere every label ties and the first one wins.
        assertThat(evidence.trials().get(0).prompt()).isEqualTo("the configured template '{label}'");
        // Scores are the mean probability of the right label: the codes spread it nearly evenly over three labels.
        assertThat(evidence.baselineScore()).isLessThan(0.5);
        assertThat(evidence.bestScore()).isGreaterThan(0.8);
        assertThat(evidence.promptBefore()).isEqualTo("REF → REF\nSHIP → SHIP\nLOG → LOG");
        assertThat(evidence.promptAfter()).contains("refund money back").contains("parcel delivery order late");
        // Every built-in template with every label form that writes new sentences, each derived from the user's prompt.
        assertThat(evidence.trials()).hasSizeGreaterThan(TemplateSearch.TEMPLATES.size() * 2);
        assertThat(evidence.trials().subList(1, evidence.trials().size())).allMatch(t -> t.parent() == 0);
        assertThat(evidence.trials().stream().filter(OptimizationEvidence.Trial::kept).mapToDouble(OptimizationEvidence.Trial::score))
                .isSorted();
        assertThat(evidence.examples()).isEqualTo(9);
        assertThat(evidence.usd()).isZero();
        // The candidate predicts with the kept sentences.
        assertThat(candidate.predictBatch(TicketTexts.QUERIES).stream().map(Prediction::label)).containsExactly("REF", "SHIP", "LOG");
    }

    @Test
    void theBudgetCapsTheTrialsAndTiesKeepTheUsersPrompt() {
        // Without descriptions nothing can beat the codes: every template ties with the user's, which stays.
        OptimizationEvidence evidence = Strategies.of(new ZeroShotConfig("zs", "{label}", budget(4))).build(data(Map.of()))
                .optimization().orElseThrow();
        assertThat(evidence.trials()).hasSize(4);
        assertThat(evidence.bestTrial()).isZero();
        assertThat(evidence.promptAfter()).isEqualTo(evidence.promptBefore());
    }

    @Test
    void theSavedCandidateHoldsTheKeptSentencesAndTheTrials() throws Exception {
        Candidate candidate = Strategies.of(new ZeroShotConfig("zs", "{label}", budget(40))).build(data(DESCRIPTIONS));
        candidate.save(directory);
        String references = Files.readString(directory.resolve("references.json"));
        assertThat(references).contains("refund money back");
        assertThat(Files.readString(directory.resolve(OptimizedCandidate.FILE))).contains("\"trials\"").contains("\"prompt_after\"");
    }

    @Test
    void withoutOptimizeTheTemplateIsUsedAsWritten() {
        assertThat(Strategies.of(new ZeroShotConfig("zs", "{label}")).build(data(DESCRIPTIONS)).optimization()).isEmpty();
    }
}
