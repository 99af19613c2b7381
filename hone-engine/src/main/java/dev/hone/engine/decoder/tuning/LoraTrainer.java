package dev.hone.engine.decoder.tuning;

import dev.hone.engine.autograd.Graph;
import dev.hone.engine.autograd.Tape;
import dev.hone.engine.decoder.Decoder;
import dev.hone.engine.decoder.DecoderAdapters;
import dev.hone.engine.decoder.LoraSettings;
import dev.hone.engine.decoder.TrainableDecoder;
import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.tensor.Tensor;
import dev.hone.engine.train.AdamW;
import dev.hone.engine.train.LearningRateSchedule;
import dev.hone.engine.train.TrainingListener;
import dev.hone.engine.train.TrainingProgress;
import dev.hone.error.BadInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Supervised fine-tuning of a decoder's LoRA adapters on token sequences (the caller renders
 * prompts with the chat template and marks the response): AdamW over the adapters only, warm-up then
 * cosine or linear decay, gradient clipping to a global norm, gradient accumulation, early stopping
 * on the validation loss keeping the best adapters, seeded shuffling into batches bucketed by length,
 * and one activation-checkpointed block per layer. The base weights never change.
 */
public final class LoraTrainer {
    private final Decoder base;
    private final Kernels kernels;
    private final LoraSettings lora;
    private final LoraTrainingOptions options;
    private final TrainingListener listener;

    /** {@code base} must carry no adapters; products run on {@code kernels}. */
    public LoraTrainer(Decoder base, Kernels kernels, LoraSettings lora, LoraTrainingOptions options, TrainingListener listener) {
        this.base = base;
        this.kernels = kernels;
        this.lora = lora;
        this.options = options;
        this.listener = listener;
    }

    /**
     * Trains fresh adapters on {@code training}; with a non-empty {@code validation}, measures its loss
     * before training and every {@link LoraTrainingOptions#evaluateEvery} steps, stops after
     * {@link LoraTrainingOptions#patience} validations without improvement, and returns the best adapters.
     *
     * @throws BadInputException when there is nothing to train on or a sequence does not fit the model
     */
    public LoraTuningResult train(List<TokenSequence> training, List<TokenSequence> validation) {
        if (training.isEmpty()) throw new BadInputException("LoRA fine-tuning needs at least one training sequence, got none");
        for (int i = 0; i < training.size(); i++) {
            if (training.get(i).countedTokens() == 0) {
                throw new BadInputException("training sequence " + i + " has no response token to learn: mark its response in the loss mask");
            }
        }
        long started = System.nanoTime();
        TrainableDecoder model = new TrainableDecoder(base, DecoderAdapters.create(base, lora));
        AdamW optimizer = new AdamW(model.adapters().parameters(), options.weightDecay());
        float[] peakRates = new float[model.adapters().parameters().size()];
        Arrays.fill(peakRates, options.learningRate());
        SplittableRandom random = new SplittableRandom(options.seed());
        int batchesPerEpoch = LengthBuckets.count(training.size(), options.batchSize());
        int stepsPerEpoch = (batchesPerEpoch + options.gradientAccumulation() - 1) / options.gradientAccumulation();
        long totalSteps = (long) stepsPerEpoch * options.epochs();
        LearningRateSchedule schedule = new LearningRateSchedule(totalSteps, Math.round(totalSteps * (double) options.warmupFraction()),
                options.cosine());
        boolean validating = !validation.isEmpty();
        List<Double> validationLosses = new ArrayList<>();
        DecoderAdapters best = model.adapters().copy();
        double bestLoss = validating ? validationLoss(model, validation) : Double.NaN;
        if (validating) validationLosses.add(bestLoss);
        int validationsWithoutImprovement = 0;
        long step = 0;
        long tokens = 0;
        boolean stoppedEarly = false;
        training:
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            List<List<TokenSequence>> batches = LengthBuckets.batches(training, options.batchSize(), random);
            for (int first = 0; first < batches.size(); first += options.gradientAccumulation()) {
                List<List<TokenSequence>> accumulated = batches.subList(first, Math.min(batches.size(), first + options.gradientAccumulation()));
                optimizer.zeroGradients();
                double loss = accumulateGradients(model, accumulated, random.nextLong());
                tokens += accumulated.stream().flatMap(List::stream).mapToLong(TokenSequence::length).sum();
                optimizer.clipGradients(options.maxGradientNorm());
                optimizer.step(scaled(peakRates, schedule.factor(step)));
                step++;
                double seconds = (System.nanoTime() - started) / 1e9;
                listener.onStep(new TrainingProgress(epoch, options.epochs(), step, totalSteps, loss, seconds, tokens / seconds));
                boolean endOfEpoch = first + options.gradientAccumulation() >= batches.size();
                boolean due = options.evaluateEvery() > 0 ? step % options.evaluateEvery() == 0 : endOfEpoch;
                if (!validating || !due) continue;
                double validationLoss = validationLoss(model, validation);
                validationLosses.add(validationLoss);
                listener.message(String.format(Locale.ROOT, "step %d: validation loss %.4f (best %.4f)", step, validationLoss,
                        Math.min(bestLoss, validationLoss)));
                if (validationLoss < bestLoss) {
                    bestLoss = validationLoss;
                    best = model.adapters().copy();
                    validationsWithoutImprovement = 0;
                } else if (options.patience() > 0 && ++validationsWithoutImprovement >= options.patience()) {
                    stoppedEarly = step < totalSteps;
                    break training;
                }
            }
        }
        DecoderAdapters result = validating ? best : model.adapters();
        return new LoraTuningResult(result, validationLosses, bestLoss, step, tokens, (System.nanoTime() - started) / 1e9, stoppedEarly);
    }

    /**
     * Backpropagates the batches' loss into the adapters' gradients, each batch weighted by its share
     * of the counted tokens, so the gradient is that of the mean over every counted token of the step
     * whatever the batches' sizes. Returns that mean loss.
     */
    double accumulateGradients(TrainableDecoder model, List<List<TokenSequence>> batches, long seed) {
        long counted = batches.stream().flatMap(List::stream).mapToLong(TokenSequence::countedTokens).sum();
        double loss = 0;
        for (int b = 0; b < batches.size(); b++) {
            List<TokenSequence> batch = batches.get(b);
            float share = (float) batch.stream().mapToLong(TokenSequence::countedTokens).sum() / counted;
            Tape tape = new Tape();
            Tensor batchLoss = model.loss(Graph.training(kernels, tape, seed + b, true), tokens(batch), masks(batch));
            tape.backward(batchLoss, new float[] {share});
            loss += share * batchLoss.data()[0];
        }
        return loss;
    }

    /** Mean loss over every counted token of {@code sequences}, without dropout, in batches of the training size. */
    private double validationLoss(TrainableDecoder model, List<TokenSequence> sequences) {
        double total = 0;
        long counted = 0;
        for (int first = 0; first < sequences.size(); first += options.batchSize()) {
            List<TokenSequence> batch = sequences.subList(first, Math.min(sequences.size(), first + options.batchSize()));
            long batchCounted = batch.stream().mapToLong(TokenSequence::countedTokens).sum();
            if (batchCounted == 0) continue;
            total += batchCounted * (double) model.loss(Graph.inference(kernels), tokens(batch), masks(batch)).data()[0];
            counted += batchCounted;
        }
        if (counted == 0) throw new BadInputException("the validation sequences have no response token to score");
        return total / counted;
    }

    private static int[][] tokens(List<TokenSequence> batch) {
        return batch.stream().map(TokenSequence::tokens).toArray(int[][]::new);
    }

    private static boolean[][] masks(List<TokenSequence> batch) {
        return batch.stream().map(TokenSequence::countsInLoss).toArray(boolean[][]::new);
    }

    private static float[] scaled(float[] rates, float factor) {
        float[] result = rates.clone();
        for (int i = 0; i < result.length; i++) result[i] *= factor;
        return result;
    }
}
