package dev.hone.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.engine.model.EncoderInfo;
import dev.hone.engine.model.EncoderModel;
import dev.hone.engine.model.TunedEncoder;
import dev.hone.engine.train.FineTuneOptions;
import dev.hone.engine.train.LabelledTexts;
import dev.hone.engine.train.SentencePair;
import dev.hone.engine.train.TrainingListener;
import dev.hone.engine.train.TunedClassifier;
import dev.hone.results.ClassificationResults;
import dev.hone.results.RunResults;
import dev.hone.strategy.WordHashEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refit runs out of memory: the run still finishes, with the candidate built on train saved and reported as it was. */
class FailingRefitTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    /** The word-hash encoder, until told to run out of memory on every call. */
    private static final class ExhaustibleEncoder implements EncoderModel {
        private final WordHashEncoder words = new WordHashEncoder();
        private volatile boolean exhausted;

        @Override
        public EncoderInfo info() {
            return words.info();
        }

        @Override
        public float[][] embed(List<String> texts) {
            if (exhausted) throw new OutOfMemoryError("Java heap space");
            return words.embed(texts);
        }

        @Override
        public int countTokens(String text) {
            return words.countTokens(text);
        }

        @Override
        public TunedClassifier trainClassifier(LabelledTexts train, LabelledTexts validation, int numberOfClasses,
                                               FineTuneOptions options, TrainingListener listener) {
            return words.trainClassifier(train, validation, numberOfClasses, options, listener);
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

    @Test
    void theCandidateBuiltOnTrainStaysWhenTheRefitFails() throws Exception {
        Path config = GeneratedIntents.write(directory, 60, "selection: validation");
        ExhaustibleEncoder encoder = new ExhaustibleEncoder();
        List<String> messages = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void message(String text) {
                messages.add(text);
                if (text.startsWith("refit: rebuilding")) encoder.exhausted = true;
            }

            @Override
            public TrainingListener training(String candidate, int repeat) {
                return TrainingListener.NONE;
            }
        };
        Path out = directory.resolve("run");
        var results = (ClassificationResults) new Runner(name -> encoder, listener).run(GeneratedIntents.load(config), out, false).results();

        assertThat(results.decision().recommended()).isEqualTo("knn");
        assertThat(results.selection().refit()).isNull();
        assertThat(results.candidate("knn").refitOnAllTrainingData()).isFalse();
        assertThat(messages).anyMatch(m -> m.startsWith("refit: failed (ran out of memory while refitting 'knn' on train + validation")
                && m.endsWith("keeping knn as built on train: its saved artifact and test figures are unchanged"));
        // The folder holds the candidate built on the 144 training examples, and nothing half-written beside it.
        JsonNode references = JSON.readTree(out.resolve("candidates/knn/references.json").toFile());
        assertThat(references.path("texts")).hasSize(144);
        assertThat(JSON.readTree(out.resolve("candidates/knn/candidate.json").toFile()).has("refit_on_all_training_data")).isFalse();
        assertThat(out.resolve("candidates/.knn.refit")).doesNotExist();
        var saved = (ClassificationResults) RunResults.read(out.resolve("results.json"));
        assertThat(saved.decision().recommended()).isEqualTo("knn");
        assertThat(saved.candidate("knn").accuracy()).isEqualTo(results.candidate("knn").repeats().get(0).accuracy());
    }
}
