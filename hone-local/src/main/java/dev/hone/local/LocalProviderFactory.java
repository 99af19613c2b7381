package dev.hone.local;

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
     * The provider with no {@link dev.hone.local.tuning.AdapterTrainer}: this build has no in-process
     * LoRA trainer, so its fine-tuning jobs are refused with a message saying so; the trainer, once
     * there is one, is what this passes.
     */
    @Override
    public Provider create(ProviderConfig config) {
        return new LocalProvider(config, LoadedModels.get(Path.of(config.model())), Optional.empty());
    }
}
