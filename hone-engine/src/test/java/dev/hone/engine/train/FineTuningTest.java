package dev.hone.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.engine.model.EncoderModel;
import dev.hone.engine.model.Encoders;
import dev.hone.engine.model.TunedEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof of learning on real all-MiniLM-L6-v2 weights: on a generated task whose labels are
 * arbitrary codes (so the frozen geometry does not hand out the answer), LoRA and full
 * fine-tuning lift accuracy far above an untrained head within seconds; artifacts round-trip.
 */
class FineTuningTest {
    static EncoderModel model;
    static LabelledTexts train;
    static LabelledTexts test;

    static final String[][] TOPICS = {
        {"the striker scored a late goal", "our team won the football match", "the referee showed a red card",
            "fans cheered in the stadium", "the coach praised the defenders", "a penalty decided the final",
            "the goalkeeper saved the shot", "the league table changed tonight"},
        {"simmer the sauce for ten minutes", "add salt and chopped garlic", "bake the bread until golden",
            "whisk the eggs with sugar", "slice the onions thinly", "the soup needs more pepper",
            "roast the vegetables in the oven", "knead the dough gently"},
        {"heavy rain is expected tomorrow", "a cold front brings snow", "sunny skies all weekend",
            "strong winds along the coast", "the forecast warns of storms", "temperatures drop below zero",
            "fog will clear by noon", "a heatwave hits the south"},
        {"the stock market fell sharply", "interest rates rose again", "the company reported record profits",
            "investors sold their bonds", "inflation slowed last month", "the bank cut its forecast",
            "shares jumped after earnings", "the currency weakened overnight"}};

    @BeforeAll
    static void load() {
        model = Encoders.load("all-minilm-l6-v2");
        List<String> trainTexts = new ArrayList<>();
        List<Integer> trainLabels = new ArrayList<>();
        List<String> testTexts = new ArrayList<>();
        List<Integer> testLabels = new ArrayList<>();
        for (int topic = 0; topic < TOPICS.length; topic++) {
            for (int i = 0; i < TOPICS[topic].length; i++) {
                boolean held = i >= 6;
                (held ? testTexts : trainTexts).add(TOPICS[topic][i]);
                (held ? testLabels : trainLabels).add(topic);
            }
        }
        train = new LabelledTexts(trainTexts, trainLabels.stream().mapToInt(Integer::intValue).toArray());
        test = new LabelledTexts(testTexts, testLabels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static FineTuneOptions options(TuningMethod method, float rate, int epochs) {
        FineTuneOptions d = FineTuneOptions.defaults(method);
        return new FineTuneOptions(method, 8, 16f, 0f, Set.of(LoraTarget.QUERY, LoraTarget.VALUE), epochs, 8, rate,
                2e-2f, 0.1f, 0.01f, 1f, 0, d.seed());
    }

    @Test
    void loraLearnsAndRoundTripsInPeftLayout(@TempDir Path directory) throws Exception {
        double untrained = ClassifierTrainer.accuracy(untrainedHead(), test);
        List<Double> losses = new ArrayList<>();
        TunedClassifier tuned = model.trainClassifier(train, null, 4, options(TuningMethod.LORA, 2e-3f, 8),
                progress -> losses.add(progress.loss()));
        double accuracy = ClassifierTrainer.accuracy(tuned, test);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.85).isGreaterThan(untrained + 0.4);
        assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0) / 2);
        assertThat(tuned.trainableParameters()).isLessThan(tuned.totalParameters() / 50);
        // It serves with the adapters merged into packed weights, and embeds as the adapters did.
        TunedBertEncoder served = (TunedBertEncoder) tuned.encoder();
        float[][] merged = served.embed(test.texts());
        float[][] unmerged = served.embedder().embed(test.texts());
        for (int i = 0; i < merged.length; i++) {
            assertThat(merged[i]).containsExactly(unmerged[i], org.assertj.core.data.Offset.offset(2e-6f));
        }

        tuned.save(directory);
        assertThat(directory.resolve("adapter_config.json")).exists();
        assertThat(Files.readString(directory.resolve("adapter_config.json"))).contains("\"peft_type\" : \"LORA\"");
        assertThat(dev.hone.engine.weights.Safetensors.read(directory.resolve("adapter_model.safetensors")))
                .containsKey("base_model.model.encoder.layer.0.attention.self.query.lora_A.weight")
                .containsKey("base_model.model.encoder.layer.5.attention.self.value.lora_B.weight");
        TunedClassifier reloaded = model.loadClassifier(directory);
        float[][] before = tuned.probabilities(test.texts());
        float[][] after = reloaded.probabilities(test.texts());
        for (int i = 0; i < before.length; i++) {
            for (int c = 0; c < 4; c++) assertThat(after[i][c]).isCloseTo(before[i][c], org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void fullFineTuningLearnsAndLeavesTheBaseModelUntouched(@TempDir Path directory) {
        float[] baseBefore = model.embed("the striker scored a late goal");
        TunedClassifier tuned = model.trainClassifier(train, test, 4, options(TuningMethod.FULL, 5e-5f, 6), TrainingListener.NONE);
        assertThat(ClassifierTrainer.accuracy(tuned, test)).isGreaterThanOrEqualTo(0.85);
        // Equal up to last-bit differences: the Vector API's exp may differ by an ulp once JIT-compiled.
        assertThat(model.embed("the striker scored a late goal")).containsExactly(baseBefore, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(tuned.trainableParameters()).isGreaterThan(20_000_000L);
        tuned.save(directory);
        assertThat(directory.resolve("model.safetensors")).exists();
        float[][] reloaded = model.loadClassifier(directory).probabilities(List.of("add salt and chopped garlic"));
        assertThat(reloaded[0][1]).isCloseTo(tuned.probabilities(List.of("add salt and chopped garlic"))[0][1],
                org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void headOnlyAndContrastiveTuningWork() {
        TunedClassifier probe = model.trainClassifier(train, null, 4, FineTuneOptions.defaults(TuningMethod.HEAD), TrainingListener.NONE);
        assertThat(ClassifierTrainer.accuracy(probe, test)).isGreaterThanOrEqualTo(0.85);
        assertThat(probe.trainableParameters()).isEqualTo(4 * 384 + 4);

        List<SentencePair> pairs = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            for (int j = i + 1; j < train.size(); j += 3) {
                pairs.add(new SentencePair(train.texts().get(i), train.texts().get(j), train.labels()[i] == train.labels()[j] ? 1f : 0f));
            }
        }
        TunedEncoder encoder = model.trainContrastive(pairs, options(TuningMethod.LORA, 1e-3f, 1), TrainingListener.NONE);
        TunedClassifier setfit = HeadTrainer.train(encoder, train, 4, FineTuneOptions.defaults(TuningMethod.HEAD),
                TrainingListener.NONE);
        assertThat(ClassifierTrainer.accuracy(setfit, test)).isGreaterThanOrEqualTo(0.85);
        assertThat(setfit.trainableParameters()).isEqualTo(4 * 384 + 4 + encoder.trainableParameters());
    }

    private static TunedClassifier untrainedHead() {
        SoftmaxHead head = SoftmaxHead.initialise(4, 384, 1);
        return new HeadClassifier(model, head, new dev.hone.engine.kernel.ReferenceKernels(), 0);
    }
}
