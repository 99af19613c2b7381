package dev.hone.local.tuning;

import dev.hone.provider.FineTuneRequest;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How one in-process LoRA fine-tuning job trains; the defaults are here and nowhere else.
 *
 * @param epochs             passes over the training examples, within [1, 50]
 * @param batchSize          examples per optimizer step, ≥ 1
 * @param learningRate       AdamW's peak learning rate, > 0
 * @param rank               the adapters' rank r, ≥ 1
 * @param alpha              LoRA's alpha (the update is scaled by alpha / r), > 0
 * @param dropout            dropout on the adapters' input, within [0, 1)
 * @param targetModules      which projections get adapters, a non-empty subset of {@link #MODULES}
 * @param maxLength          longest example in tokens (longer prompts are cut from the start), ≥ 2
 * @param validationFraction share of the training file held out for validation loss (early stopping), within [0, 0.5]
 * @param seed               seeds the validation split, adapter initialisation, dropout and example order
 */
public record TuningSettings(int epochs, int batchSize, double learningRate, int rank, double alpha, double dropout,
                             List<String> targetModules, int maxLength, double validationFraction, long seed) {
    public static final Set<String> MODULES = Set.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");
    public static final int DEFAULT_BATCH_SIZE = 4;
    /** LoRA's usual peak rate for small decoders; a job's learning_rate_multiplier scales it, as OpenAI's scales its own. */
    public static final double DEFAULT_LEARNING_RATE = 2e-4;
    public static final int DEFAULT_RANK = 8;
    public static final double DEFAULT_ALPHA = 16;
    public static final double DEFAULT_DROPOUT = 0.05;
    public static final List<String> DEFAULT_TARGET_MODULES = List.of("q_proj", "k_proj", "v_proj", "o_proj");
    public static final int DEFAULT_MAX_LENGTH = 1024;
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;
    public static final long DEFAULT_SEED = 7;

    public TuningSettings {
        if (epochs < 1 || epochs > 50) throw new IllegalArgumentException("epochs must be within [1, 50], got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be ≥ 1, got " + batchSize);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        if (rank < 1) throw new IllegalArgumentException("rank must be ≥ 1, got " + rank);
        if (!(alpha > 0) || Double.isInfinite(alpha)) throw new IllegalArgumentException("alpha must be > 0, got " + alpha);
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be within [0, 1), got " + dropout);
        if (targetModules == null || targetModules.isEmpty() || !MODULES.containsAll(targetModules)) {
            throw new IllegalArgumentException("targetModules must be a non-empty subset of " + MODULES.stream().sorted().toList()
                    + ", got " + targetModules);
        }
        targetModules = List.copyOf(targetModules);
        if (maxLength < 2) throw new IllegalArgumentException("maxLength must be ≥ 2, got " + maxLength);
        if (!(validationFraction >= 0 && validationFraction <= 0.5)) {
            throw new IllegalArgumentException("validationFraction must be within [0, 0.5], got " + validationFraction);
        }
    }

    /**
     * The settings a fine-tuning request asks for: its epochs, its batch size (0: the default) and
     * its learning-rate multiplier (0: 1) applied to {@link #DEFAULT_LEARNING_RATE}; the rest default.
     */
    public static TuningSettings of(FineTuneRequest request) {
        return new TuningSettings(request.epochs(), request.batchSize() == 0 ? DEFAULT_BATCH_SIZE : request.batchSize(),
                DEFAULT_LEARNING_RATE * (request.learningRateMultiplier() == 0 ? 1 : request.learningRateMultiplier()), DEFAULT_RANK,
                DEFAULT_ALPHA, DEFAULT_DROPOUT, DEFAULT_TARGET_MODULES, DEFAULT_MAX_LENGTH, DEFAULT_VALIDATION_FRACTION, DEFAULT_SEED);
    }

    /** Every setting on one line, for a job's record and its identity: other settings, another job. */
    public String describe() {
        return String.format(Locale.ROOT, "epochs=%d batch_size=%d learning_rate=%s r=%d lora_alpha=%s lora_dropout=%s target_modules=%s "
                + "max_length=%d validation_fraction=%s seed=%d", epochs, batchSize, learningRate, rank, alpha, dropout,
                String.join(",", targetModules), maxLength, validationFraction, seed);
    }
}
