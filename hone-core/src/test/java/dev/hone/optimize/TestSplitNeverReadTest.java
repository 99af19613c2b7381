package dev.hone.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hone.Prediction;
import dev.hone.config.ConfigLoader;
import dev.hone.engine.model.EncoderInfo;
import dev.hone.engine.model.EncoderModel;
import dev.hone.engine.model.TunedEncoder;
import dev.hone.engine.train.FineTuneOptions;
import dev.hone.engine.train.LabelledTexts;
import dev.hone.engine.train.SentencePair;
import dev.hone.engine.train.TrainingListener;
import dev.hone.engine.train.TunedClassifier;
import dev.hone.results.ClassificationResults;
import dev.hone.results.ClassifierResult;
import dev.hone.results.OptimizationEvidence;
import dev.hone.results.RunResults;
import dev.hone.run.RunListener;
import dev.hone.run.Runner;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.CandidateLoader;
import dev.hone.strategy.WordHashEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optimiser never reads the test split, shown two ways through a whole run: the test texts would
 * change its choice (they name the labels, the training texts only describe them), yet it keeps the
 * descriptions; and an encoder that refuses to embed a test text for any caller in the optimiser
 * lets the run finish.
 */
class TestSplitNeverReadTest {
    private static final List<String> LABELS = List.of("refund", "shipping", "login");
    private static final String[][] TRAIN = {
            {"I want my money back now", "money back for the lamp", "give the money back", "money back please", "want money back today"},
            {"my parcel is late", "parcel late again", "the parcel is late", "late parcel today", "parcel arrived late"},
            {"password locked", "my password is locked", "locked out password", "password locked again", "locked password today"}};
    private static final String[][] TEST = {
            {"refund please", "refund now", "a refund", "refund it", "refund today"},
            {"shipping please", "shipping status", "shipping now", "shipping query", "shipping today"},
            {"login please", "login fails", "login now", "login issue", "login today"}};

    @TempDir
    Path directory;

    /** The classes that search prompts (the optimised candidate itself predicts test texts like any candidate). */
    private static final Set<String> SEARCHES = Set.of(TemplateSearch.class.getName(), ReferenceSelection.class.getName(),
            LeaveOneOut.class.getName());

    /** The word-hash encoder, failing the run if the optimiser asks it to embed a test text. */
    private static final class GuardedEncoder implements EncoderModel {
        private final WordHashEncoder words = new WordHashEncoder();
        private final Set<String> testTexts;
        final AtomicInteger optimiserCalls = new AtomicInteger();

        GuardedEncoder(Set<String> testTexts) {
            this.testTexts = testTexts;
        }

        @Override
        public float[][] embed(List<String> texts) {
            boolean optimiser = StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> SEARCHES.contains(f.getClassName())));
            if (optimiser) {
                optimiserCalls.incrementAndGet();
                for (String text : texts) {
                    if (testTexts.contains(text)) throw new AssertionError("the optimiser embedded the test text '" + text + "'");
                }
            }
            return words.embed(texts);
        }

        @Override
        public EncoderInfo info() {
            return words.info();
        }

        @Override
        public int countTokens(String text) {
            return words.countTokens(text);
        }

        @Override
        public TunedClassifier trainClassifier(LabelledTexts train, LabelledTexts validation, int classes, FineTuneOptions options,
                                               TrainingListener listener) {
            return words.trainClassifier(train, validation, classes, options, listener);
        }

        @Override
        public TunedEncoder trainContrastive(List<SentencePair> pairs, FineTuneOptions options, TrainingListener listener) {
            return words.trainContrastive(pairs, options, listener);
        }

        @Override
        public TunedClassifier loadClassifier(Path folder) {
            return words.loadClassifier(folder);
        }

        @Override
        public TunedEncoder loadEncoder(Path folder) {
            return words.loadEncoder(folder);
        }
    }

    private static List<String> jsonl(String[][] texts) {
        List<String> lines = new ArrayList<>();
        for (int l = 0; l < texts.length; l++) {
            for (String text : texts[l]) lines.add("{\"text\": \"" + text + "\", \"label\": \"" + LABELS.get(l) + "\"}");
        }
        return lines;
    }

    @Test
    void theOptimiserChoosesOnTrainingExamplesOnly() throws Exception {
        Files.write(directory.resolve("train.jsonl"), jsonl(TRAIN));
        Files.write(directory.resolve("test.jsonl"), jsonl(TEST));
        Path config = directory.resolve("hone.yaml");
        Files.writeString(config, """
                task: {name: guarded}
                model: word-hash
                dataset: {train: train.jsonl, test: test.jsonl}
                labels: {refund: "money back", shipping: "parcel late", login: "password locked"}
                strategies:
                  - {name: plain, kind: zero-shot, template: "{label}"}
                  - {name: optimised, kind: zero-shot, template: "{label}", optimize: true}
                  - {name: selected, kind: few-shot, method: prototype, optimize: {max_trials: 8}}
                evaluation: {seed: 3, latency_samples: 5}
                decision: {latency_budget_ms: 10000}
                """);
        Set<String> testTexts = Set.copyOf(jsonl(TEST).stream().map(l -> l.replaceAll(".*\"text\": \"([^\"]*)\".*", "$1")).toList());
        GuardedEncoder encoder = new GuardedEncoder(testTexts);
        Path out = directory.resolve("run");
        var results = (ClassificationResults) new Runner(name -> encoder, RunListener.SILENT)
                .run(ConfigLoader.load(config, List.of()), out, false).results();

        assertThat(encoder.optimiserCalls.get()).as("the guard saw the optimiser's calls").isPositive();
        ClassifierResult plain = results.candidate("plain");
        ClassifierResult optimised = results.candidate("optimised");
        // The label names are the test texts' words: the configured template is perfect on test ...
        assertThat(plain.accuracy()).isEqualTo(1.0);
        // ... but say nothing on the training texts, where the descriptions win: the optimiser kept those.
        OptimizationEvidence evidence = optimised.optimization();
        // (Scores are the mean probability of the right label: even over three labels, then all on the right one.)
        assertThat(evidence.baselineScore()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(evidence.bestScore()).isGreaterThan(0.999);
        assertThat(evidence.promptAfter()).contains("money back").doesNotContain("→ refund");
        assertThat(optimised.accuracy()).isLessThan(plain.accuracy());
        // Cross-validation (15 examples) judged it on held-out folds, each fold's build searching on its own part.
        assertThat(results.selection().method()).isEqualTo(ClassificationResults.Selection.CROSS_VALIDATION);
        assertThat(optimised.validationAccuracy()).isGreaterThan(plain.validationAccuracy());
        assertThat(results.candidate("selected").optimization().target()).isEqualTo("references");

        // results.json holds every trial; the saved candidate serves the optimised prompt.
        Files.createDirectories(Path.of("target"));
        Files.copy(out.resolve("results.json"), Path.of("target", "optimised-run-results.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        var saved = (ClassificationResults) RunResults.read(out.resolve("results.json"));
        assertThat(saved.candidate("optimised").optimization().trials()).hasSameSizeAs(evidence.trials());
        Candidate loaded = CandidateLoader.load(out.resolve("candidates/optimised"), name -> encoder);
        assertThat(loaded.predictBatch(List.of("my money back please", "parcel is late")).stream().map(Prediction::label))
                .containsExactly("refund", "shipping");
        assertThat(out.resolve("candidates/optimised").resolve(OptimizedCandidate.FILE)).exists();
    }
}
