package dev.hone.local;

import dev.hone.engine.model.Encoders;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models this process has loaded, one per folder, so every strategy of a run that names the
 * same folder shares one copy of the weights (hundreds of megabytes each). Models live until the
 * process ends, on a kernel pool of their own sized by {@code hone.threads} (default: the machine's processors),
 * and are warmed up once when loaded so a run's first answers are timed like the rest. A
 * fine-tuned model ({@link TunedFolder}) is its base model, loaded once here like any other, with
 * its adapters: tuned and untuned candidates of one run share the base weights.
 */
final class LoadedModels {
    private static final Map<Path, LocalModel> BY_FOLDER = new ConcurrentHashMap<>();

    private LoadedModels() {
    }

    static LocalModel get(Path folder) {
        Path key = folder.toAbsolutePath().normalize();
        LocalModel loaded = BY_FOLDER.get(key);
        if (loaded != null) return loaded;
        // Not computeIfAbsent: a tuned model loads its base through this map, which must not be changed inside its own computation.
        LocalModel model = TunedFolder.of(key).map(tuned -> get(tuned.base()).withAdapters(tuned.adapters()))
                .orElseGet(() -> LocalModel.load(key, Encoders.defaultKernels()));
        model.warmUp();
        LocalModel raced = BY_FOLDER.putIfAbsent(key, model);
        return raced == null ? model : raced;
    }
}
