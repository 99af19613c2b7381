package dev.hone;

import dev.hone.config.ConfigLoader;
import dev.hone.config.HoneConfig;
import dev.hone.engine.model.Encoders;
import dev.hone.error.BadInputException;
import dev.hone.error.HoneException;
import dev.hone.results.CandidateCard;
import dev.hone.results.RunResults;
import dev.hone.run.RunListener;
import dev.hone.run.RunResult;
import dev.hone.run.Runner;
import dev.hone.strategy.CandidateLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Hone's Java entry points.
 *
 * <pre>{@code
 * RunResult result = Hone.run(Path.of("hone.yaml"), Path.of("runs/first"));
 * Classifier classifier = Hone.load(result.directory());   // the recommended candidate
 * Prediction p = classifier.predict("Where is my parcel?");
 * }</pre>
 */
public final class Hone {
    private Hone() {
    }

    /** Runs the config at {@code configFile}, writing into {@code out}. */
    public static RunResult run(Path configFile, Path out) {
        return run(ConfigLoader.load(configFile, List.of()), out);
    }

    /** Runs a loaded config, writing into {@code out}. */
    public static RunResult run(HoneConfig config, Path out) {
        return new Runner(Encoders::load, RunListener.SILENT).run(config, out, false);
    }

    /** Loads a saved candidate ({@code OUT/candidates/NAME}) or a run folder's recommended candidate. */
    public static Classifier load(Path candidateOrRunDirectory) {
        return CandidateLoader.load(candidateDirectory(candidateOrRunDirectory), Encoders::load);
    }

    /**
     * The candidate folder for a path: itself if it holds {@code candidate.json}, else the
     * recommended candidate of the run folder it names.
     */
    public static Path candidateDirectory(Path candidateOrRunDirectory) {
        if (Files.isRegularFile(candidateOrRunDirectory.resolve(CandidateCard.FILE))) return candidateOrRunDirectory;
        Path results = candidateOrRunDirectory.resolve("results.json");
        if (!Files.isRegularFile(results)) {
            throw new BadInputException(candidateOrRunDirectory + " is neither a candidate folder (with candidate.json) nor a run"
                    + " folder (with results.json)");
        }
        RunResults run;
        try {
            run = RunResults.read(results);
        } catch (HoneException e) {
            throw new BadInputException(e.getMessage());
        }
        String recommended = run.decision() == null ? null : run.decision().recommended();
        if (recommended == null) {
            throw new BadInputException(results + " has no decision.recommended; did the run finish?");
        }
        return candidateOrRunDirectory.resolve("candidates").resolve(recommended);
    }
}
