package dev.hone.local;

import dev.hone.engine.model.Encoders;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models this process has loaded, one per folder, so every strategy of a run that names the
 * same folder shares one copy of the weights (hundreds of megabytes each). Models live until the
 * process ends, on a kernel pool of their own sized by {@code hone.threads} (default: the machine's processors),
 * and are warmed up once when loaded so a run's first answers are timed like the rest.
 */
final class LoadedModels {
    private static final Map<Path, LocalModel> BY_FOLDER = new ConcurrentHashMap<>();

    private LoadedModels() {
    }

    static LocalModel get(Path folder) {
        Path key = folder.toAbsolutePath().normalize();
        return BY_FOLDER.computeIfAbsent(key, f -> {
            LocalModel model = LocalModel.load(f, Encoders.defaultKernels());
            model.warmUp();
            return model;
        });
    }
}
