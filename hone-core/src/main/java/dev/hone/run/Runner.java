package dev.hone.run;

import dev.hone.config.ClassificationSetup;
import dev.hone.config.GenerationConfig;
import dev.hone.config.HoneConfig;
import dev.hone.config.RetrievalConfig;
import dev.hone.engine.model.EncoderModel;
import dev.hone.error.BadInputException;
import dev.hone.provider.Provider;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.ProviderPool;
import dev.hone.provider.Providers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * One run, start to finish, by the task's kind: each kind's pipeline is its own class
 * ({@link ClassificationRunner}, {@link RetrievalRunner}, {@link GenerationRunner}). Every LLM
 * provider is opened once for the run ({@link ProviderPool}), so its limits hold across
 * candidates, and closed when the run ends.
 */
public final class Runner {
    private final Function<String, EncoderModel> modelLoader;
    private final RunListener listener;
    private final Function<ProviderConfig, ? extends Provider> connect;

    public Runner(Function<String, EncoderModel> modelLoader, RunListener listener) {
        this(modelLoader, listener, Providers::create);
    }

    /**
     * @param connect opens one {@code providers:} entry; called at most once per entry and run, and every
     *                provider it returns is closed when the run ends (tests pass one that watches)
     */
    public Runner(Function<String, EncoderModel> modelLoader, RunListener listener, Function<ProviderConfig, ? extends Provider> connect) {
        this.modelLoader = modelLoader;
        this.listener = listener;
        this.connect = connect;
    }

    public RunResult run(HoneConfig config, Path out, boolean skipBadRows) {
        return run(config, out, skipBadRows, null);
    }

    /**
     * Continues the run that was killed halfway in its folder ({@code hone run --resume}): the
     * candidates it finished are kept as measured, the others are built, and the decision is made
     * over all of them. {@link Resumption#of} has checked the folder and the config; the data is
     * checked once it is read (a bad input naming what differs).
     */
    public RunResult resume(HoneConfig config, Resumption interrupted, boolean skipBadRows) {
        return run(config, interrupted.out(), skipBadRows, interrupted);
    }

    private RunResult run(HoneConfig config, Path out, boolean skipBadRows, Resumption resumed) {
        return switch (config.setup()) {
            case ClassificationSetup classification -> {
                // One connection per providers: entry for the whole run, closed however it ends.
                try (ProviderPool providers = new ProviderPool(connect)) {
                    yield new ClassificationRunner(modelLoader, listener, config, classification).run(out, skipBadRows, providers,
                            resumed);
                }
            }
            case RetrievalConfig retrieval -> new RetrievalRunner(modelLoader, listener).run(config, retrieval, out);
            case GenerationConfig generation -> new GenerationRunner(modelLoader, listener, connect).run(config, generation, out, skipBadRows);
        };
    }

    /** Creates the output folder (with {@code candidates/} when the run saves candidates) and proves it writable. */
    static void prepareOutput(Path out, boolean candidates) {
        try {
            Files.createDirectories(candidates ? out.resolve("candidates") : out);
            Path probe = Files.createTempFile(out, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new BadInputException("output directory " + out + " is not writable (" + e.getMessage()
                    + "); choose another with --out");
        }
    }
}
