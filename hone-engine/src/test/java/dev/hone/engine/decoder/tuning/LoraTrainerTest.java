package dev.hone.engine.decoder.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.engine.autograd.Graph;
import dev.hone.engine.decoder.Decoder;
import dev.hone.engine.decoder.DecoderAdapters;
import dev.hone.engine.decoder.DecoderModule;
import dev.hone.engine.decoder.LoraSettings;
import dev.hone.engine.decoder.TrainableDecoder;
import dev.hone.engine.kernel.VectorKernels;
import dev.hone.engine.tensor.Tensor;
import dev.hone.engine.train.TrainingProgress;
import dev.hone.error.BadInputException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A real learning check on a synthetic task the test generates: a prompt of random tokens holds
 * one of four keyword tokens, and the response is the label token that keyword decides. The random
 * fixture model answers at about chance; after LoRA fine-tuning it must answer held-out prompts
 * correctly almost always.
 */
class LoraTrainerTest {
    private static final VectorKernels KERNELS = new VectorKernels(2);
    private static final int[] KEYWORDS = {250, 251, 252, 253};
    private static final int[] LABELS = {270, 271, 272, 273};
    private static final int SEPARATOR = 5;

    @AfterAll
    static void close() {
        KERNELS.close();
    }

    private static Path fixture() {
        try {
            return Path.of(LoraTrainerTest.class.getResource("/decoder/llama-gqa-f32").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A prompt of 6 to 11 filler tokens with the keyword of {@code label} at a random place, then the separator. */
    private static int[] prompt(int label, SplittableRandom random) {
        int length = 6 + random.nextInt(6);
        int[] prompt = new int[length + 1];
        for (int i = 0; i < length; i++) prompt[i] = 10 + random.nextInt(200);
        prompt[random.nextInt(length)] = KEYWORDS[label];
        prompt[length] = SEPARATOR;
        return prompt;
    }

    private static List<TokenSequence> examples(int count, SplittableRandom random, List<int[]> prompts, List<Integer> labels) {
        List<TokenSequence> examples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int label = random.nextInt(LABELS.length);
            int[] prompt = prompt(label, random);
            prompts.add(prompt);
            labels.add(label);
            examples.add(TokenSequence.of(prompt, new int[] {LABELS[label]}));
        }
        return examples;
    }

    /** Share of prompts whose most likely label token (among the four) is the right one. */
    private static double accuracy(Decoder decoder, List<int[]> prompts, List<Integer> labels) {
        int correct = 0;
        for (int i = 0; i < prompts.size(); i++) {
            float[] logits = decoder.newSession().append(prompts.get(i));
            int best = 0;
            for (int l = 1; l < LABELS.length; l++) if (logits[LABELS[l]] > logits[LABELS[best]]) best = l;
            if (best == labels.get(i)) correct++;
        }
        return correct / (double) prompts.size();
    }

    @Test
    void tuningLearnsWhichKeywordDecidesTheLabel() {
        Decoder base = Decoder.load(fixture(), KERNELS);
        SplittableRandom random = new SplittableRandom(2026);
        List<TokenSequence> training = examples(320, random, new ArrayList<>(), new ArrayList<>());
        List<TokenSequence> validation = examples(64, random, new ArrayList<>(), new ArrayList<>());
        List<int[]> testPrompts = new ArrayList<>();
        List<Integer> testLabels = new ArrayList<>();
        examples(200, random, testPrompts, testLabels);
        double before = accuracy(base, testPrompts, testLabels);

        List<TrainingProgress> progress = new ArrayList<>();
        LoraTrainingOptions options = new LoraTrainingOptions(6, 16, 2, 1e-2f, 0.1f, true, 0f, 1f, 0, 2, 7);
        LoraTuningResult result = new LoraTrainer(base, KERNELS, new LoraSettings(8, 16, 0.05f, DecoderModule.ATTENTION, 7), options,
                progress::add).train(training, validation);
        double after = accuracy(base.withAdapters(result.adapters()), testPrompts, testLabels);

        assertThat(before).as("untuned accuracy, about chance").isLessThan(0.45);
        assertThat(after).as("tuned accuracy (untuned %.2f)", before).isGreaterThanOrEqualTo(0.9);
        assertThat(result.bestValidationLoss()).isLessThan(0.5 * result.validationLosses().getFirst());
        assertThat(progress).isNotEmpty();
        assertThat(progress.getLast().tokensPerSecond()).isPositive();
        assertThat(result.steps()).isEqualTo(progress.getLast().step());
    }

    /**
     * Validation prompts whose labels follow another rule than training's: the validation loss first
     * falls (the model learns to answer with a label token at all) and then rises as it learns the
     * training rule, so training stops early and returns the adapters of the lowest validation loss.
     */
    @Test
    void earlyStoppingKeepsTheAdaptersWithTheBestValidationLoss() {
        Decoder base = Decoder.load(fixture(), KERNELS);
        SplittableRandom random = new SplittableRandom(3);
        List<TokenSequence> training = examples(320, random, new ArrayList<>(), new ArrayList<>());
        List<TokenSequence> validation = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            int label = random.nextInt(LABELS.length);
            validation.add(TokenSequence.of(prompt(label, random), new int[] {LABELS[(label + 1) % LABELS.length]}));
        }
        LoraTrainingOptions options = new LoraTrainingOptions(6, 16, 1, 1e-2f, 0.1f, false, 0f, 1f, 4, 2, 7);
        LoraTuningResult result = new LoraTrainer(base, KERNELS, new LoraSettings(8, 16, 0f, DecoderModule.ATTENTION, 7), options,
                p -> { }).train(training, validation);

        assertThat(result.stoppedEarly()).as("validation losses %s", result.validationLosses()).isTrue();
        assertThat(result.steps()).isLessThan(6 * 20);
        double lowest = result.validationLosses().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertThat(result.bestValidationLoss()).isEqualTo(lowest).isLessThan(result.validationLosses().getFirst());
        assertThat(result.validationLosses().getLast()).isGreaterThan(lowest);
        int[][] tokens = validation.stream().map(TokenSequence::tokens).toArray(int[][]::new);
        boolean[][] masks = validation.stream().map(TokenSequence::countsInLoss).toArray(boolean[][]::new);
        double returned = new TrainableDecoder(base, result.adapters()).loss(Graph.inference(KERNELS), tokens, masks).data()[0];
        assertThat(returned).as("validation loss of the returned adapters").isCloseTo(lowest, Offset.offset(1e-4));
    }

    /**
     * Batches of different sizes and response lengths, accumulated, give the gradient of their union
     * taken as one batch: each is weighted by its share of the counted tokens.
     */
    @Test
    void accumulatedBatchesGiveTheGradientOfTheirUnion() {
        Decoder base = Decoder.load(fixture(), KERNELS);
        SplittableRandom random = new SplittableRandom(12);
        List<TokenSequence> sequences = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sequences.add(TokenSequence.of(random.ints(3 + random.nextInt(6), 3, 300).toArray(), random.ints(1 + i, 3, 300).toArray()));
        }
        LoraSettings settings = new LoraSettings(4, 8, 0f, DecoderModule.ATTENTION, 5);
        LoraTrainer trainer = new LoraTrainer(base, KERNELS, settings, LoraTrainingOptions.defaults(1), p -> { });
        DecoderAdapters adapters = DecoderAdapters.create(base, settings);
        for (Tensor parameter : adapters.parameters()) {
            for (int i = 0; i < parameter.size(); i++) parameter.data()[i] = (float) random.nextDouble() - 0.5f;
        }
        TrainableDecoder model = new TrainableDecoder(base, adapters);
        double wholeLoss = trainer.accumulateGradients(model, List.of(sequences), 1);
        List<float[]> whole = adapters.parameters().stream().map(p -> p.gradient().clone()).toList();
        adapters.parameters().forEach(Tensor::zeroGradient);
        double splitLoss = trainer.accumulateGradients(model, List.of(sequences.subList(0, 1), sequences.subList(1, 5)), 1);
        assertThat(splitLoss).isCloseTo(wholeLoss, Offset.offset(1e-5));
        for (int p = 0; p < whole.size(); p++) {
            float[] split = adapters.parameters().get(p).gradient();
            for (int i = 0; i < split.length; i++) {
                assertThat(split[i]).as("parameter %d [%d]", p, i).isCloseTo(whole.get(p)[i], Offset.offset(1e-5f + 1e-4f * Math.abs(whole.get(p)[i])));
            }
        }
    }

    @Test
    void sequencesWithNothingToLearnAreRefused() {
        Decoder base = Decoder.load(fixture(), KERNELS);
        LoraTrainer trainer = new LoraTrainer(base, KERNELS, LoraSettings.defaults(1), LoraTrainingOptions.defaults(1), p -> { });
        assertThatThrownBy(() -> trainer.train(List.of(), List.of())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("at least one training sequence");
        TokenSequence silent = new TokenSequence(new int[] {4, 5, 6}, new boolean[3]);
        assertThatThrownBy(() -> trainer.train(List.of(TokenSequence.of(new int[] {4}, new int[] {5}), silent), List.of()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("training sequence 1 has no response token");
    }
}
