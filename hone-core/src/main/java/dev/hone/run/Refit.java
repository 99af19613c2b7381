package dev.hone.run;

import dev.hone.config.StrategyConfig;
import dev.hone.error.HoneException;
import dev.hone.files.Folders;
import dev.hone.results.ClassificationResults;
import dev.hone.results.ClassifierResult;
import dev.hone.verdict.ClassificationVerdict;
import dev.hone.verdict.CostModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * After a choice on a validation split, the recommended strategy is rebuilt on every labelled
 * training example (train + validation): the split kept 15% of the data out of every candidate, and
 * a team deploying the recommendation would train it on all of it. The rebuild is what is saved and
 * what the test figures describe; the choice itself stays on the candidates built on train.
 *
 * <p>The order is: decide, refit the chosen, decide again with the refit's test figures. The choice
 * reads selection figures, timing and costs, none of which the refit changes, so it cannot move
 * (checked here). If the refit fails (out of memory, say), the candidate built on train stays, saved
 * and measured as it was, and a message says so: the run does not fail for it.
 */
final class Refit {
    private Refit() {
    }

    /** Rebuilds a strategy on train + validation, measures it on test, saves it over its candidate folder, returns its record. */
    interface Rebuild {
        ClassifierResult of(StrategyConfig strategy, ClassifierResult compared);
    }

    /** The decided results with the recommended candidate refit and decided again; as they were when it is not refit. */
    static ClassificationResults recommended(ClassificationResults decided, List<StrategyConfig> strategies, CostModel cost,
                                             RunListener listener, Rebuild rebuild) {
        String name = decided.decision().recommended();
        if (name == null) return decided;
        StrategyConfig strategy = strategies.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the recommended candidate '" + name + "' has no strategy in the config"));
        ClassifierResult compared = decided.candidate(name);
        String reasonNot = reasonNotToRefit(strategy, compared);
        if (reasonNot != null) {
            listener.message("refit: " + name + " is not refit on train + validation: " + reasonNot);
            return decided;
        }
        listener.message("refit: rebuilding " + name + " on train + validation, the choice made");
        ClassifierResult refit;
        try {
            refit = rebuild.of(strategy, compared);
        } catch (RuntimeException e) {
            String what = e instanceof HoneException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            listener.message("refit: failed (" + what + "); keeping " + name + " as built on train: its saved artifact and "
                    + "test figures are unchanged");
            return decided;
        }
        ClassificationResults redecided = ClassificationVerdict.decide(decided.withRefit(refit), cost);
        if (!Objects.equals(redecided.decision().recommended(), name)) {
            throw new IllegalStateException("the refit of '" + name + "' moved the recommendation to '"
                    + redecided.decision().recommended() + "'; the choice must read nothing the refit changes");
        }
        return redecided;
    }

    /**
     * Why a candidate is not refit, or null. A rebuild that asks a provider again (an LLM's answers, a
     * teacher's labels, a hosted fine-tuning job) would pay a second time for 15% more examples; for
     * LLM routes that use the examples only as prompts' demonstrations, that buys little.
     */
    static String reasonNotToRefit(StrategyConfig strategy, ClassifierResult compared) {
        if (strategy.startsPaidJobs()) return "rebuilding it would start another paid fine-tuning job";
        if (compared.llmUsage() != null || compared.distillation() != null || compared.finetune() != null) {
            return "rebuilding it would ask its LLM provider again";
        }
        return null;
    }

    /**
     * Writes a candidate into a staging folder beside {@code directory}, then swaps it in: a failure
     * while writing leaves {@code directory} as it was.
     */
    static void replaceFolder(Path directory, Consumer<Path> write) {
        Path staging = directory.resolveSibling("." + directory.getFileName() + ".refit");
        Path previous = directory.resolveSibling("." + directory.getFileName() + ".replaced");
        try {
            Folders.deleteTree(staging);
            Folders.deleteTree(previous);
            Files.createDirectories(staging);
            write.accept(staging);
            if (Files.exists(directory)) Files.move(directory, previous);
            try {
                Files.move(staging, directory);
            } catch (IOException e) {
                if (Files.exists(previous)) Files.move(previous, directory);
                throw e;
            }
            Folders.deleteTree(previous);
        } catch (IOException | UncheckedIOException e) {
            throw new HoneException("cannot replace " + directory + " with the refit candidate: " + e.getMessage(), e);
        } finally {
            try {
                Folders.deleteTree(staging);
            } catch (IOException | UncheckedIOException ignored) {
                // Only a leftover hidden folder: the candidate folder itself is whole either way.
            }
        }
    }
}
