package dev.hone.engine.train;

import dev.hone.engine.model.TextEncoder;
import java.nio.file.Path;
import java.util.List;

/** An encoder (frozen, adapted or fully tuned) with a trained softmax head. */
public interface TunedClassifier {

    /** Class probabilities per text: {@code [texts][numberOfClasses]}, rows sum to 1. */
    float[][] probabilities(List<String> texts);

    /** The encoder under the head, with any adapters applied. */
    TextEncoder encoder();

    long trainableParameters();

    long totalParameters();

    /**
     * Writes the artifact into {@code directory}: the head, plus PEFT-style adapters
     * ({@code adapter_config.json}, {@code adapter_model.safetensors}) or a full safetensors checkpoint.
     */
    void save(Path directory);
}
