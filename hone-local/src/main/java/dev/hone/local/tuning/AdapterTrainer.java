package dev.hone.local.tuning;

import dev.hone.engine.train.TrainingListener;
import dev.hone.local.LocalModel;
import java.nio.file.Path;

/**
 * LoRA supervised fine-tuning of a local model, as the local provider's fine-tuning jobs run it:
 * the loss counts the answer tokens of each example ({@link SftExample#sequence()}), the base
 * weights stay frozen, and the adapters are saved PEFT-style so the Python ecosystem reads them.
 */
@FunctionalInterface
public interface AdapterTrainer {

    /**
     * Trains adapters for {@code base} and writes them into {@code adapterFolder}
     * ({@code adapter_config.json} with {@code base_model_name_or_path}, {@code adapter_model.safetensors}).
     *
     * @param validation examples for validation loss and early stopping; may be empty (then every epoch runs)
     * @param listener   receives each step (epoch, step, loss) and progress lines
     * @return the folder holding the adapters, {@code adapterFolder}
     */
    Path train(LocalModel base, SftExamples train, SftExamples validation, TuningSettings settings, Path adapterFolder,
               TrainingListener listener);
}
