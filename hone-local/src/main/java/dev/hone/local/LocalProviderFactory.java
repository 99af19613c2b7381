package dev.hone.local;

import dev.hone.local.tuning.LoraAdapterTrainer;
import dev.hone.provider.Provider;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.ProviderFactory;
import java.nio.file.Path;
import java.util.Optional;

/** Serves {@code type: local}: {@code model:} is the path of a Hugging Face model folder. */
public final class LocalProviderFactory implements ProviderFactory {
    @Override
    public String type() {
        return "local";
    }

    /** Its providers read the model's probabilities directly, so they score labels by likelihood. */
    @Override
    public boolean scoresLikelihood() {
        return true;
    }

    /** Its answers are computed here, on every core the kernels use: they cost CPU time, not tokens. */
    @Override
    public boolean runsInProcess() {
        return true;
    }

    /**
     * The provider of {@code config.model()}'s folder (a model, or a fine-tuned model's adapters on
     * the base loaded once per process), fine-tuning in process with LoRA ({@link LoraAdapterTrainer}).
     */
    @Override
    public Provider create(ProviderConfig config) {
        return new LocalProvider(config, LoadedModels.get(Path.of(config.model())), Optional.of(new LoraAdapterTrainer()));
    }
}
