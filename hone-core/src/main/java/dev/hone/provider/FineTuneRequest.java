package dev.hone.provider;

/**
 * What {@link FineTuningProvider#createJob} asks for. Zero for {@code batchSize} or
 * {@code learningRateMultiplier} leaves the choice to the server ("auto").
 *
 * @param trainingFileId the uploaded file's id
 * @param baseModel      the model to fine-tune, e.g. {@code gpt-4o-mini-2024-07-18}
 * @param epochs         passes over the training file, within [1, 50]
 * @param batchSize      examples per step, ≥ 0 (0: auto)
 * @param learningRateMultiplier scale of the server's default learning rate, ≥ 0 (0: auto)
 * @param suffix         up to 64 characters the server puts into the fine-tuned model's name; "" for none
 */
public record FineTuneRequest(String trainingFileId, String baseModel, int epochs, int batchSize, double learningRateMultiplier,
                              String suffix) {
    public FineTuneRequest {
        if (trainingFileId == null || trainingFileId.isBlank()) throw new IllegalArgumentException("trainingFileId is required (upload the file first)");
        if (baseModel == null || baseModel.isBlank()) throw new IllegalArgumentException("baseModel is required, e.g. gpt-4o-mini-2024-07-18");
        if (epochs < 1 || epochs > 50) throw new IllegalArgumentException("epochs must be within [1, 50], got " + epochs);
        if (batchSize < 0) throw new IllegalArgumentException("batchSize must be ≥ 0 (0: auto), got " + batchSize);
        if (!(learningRateMultiplier >= 0)) {
            throw new IllegalArgumentException("learningRateMultiplier must be ≥ 0 (0: auto), got " + learningRateMultiplier);
        }
        suffix = suffix == null ? "" : suffix;
        if (suffix.length() > 64) throw new IllegalArgumentException("suffix must be at most 64 characters, got " + suffix.length());
    }
}
