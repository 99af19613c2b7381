package dev.hone.run;

import dev.hone.config.ClassificationSetup;
import dev.hone.config.HoneConfig;
import dev.hone.config.StrategyConfig;
import dev.hone.dataset.LabelledData;
import dev.hone.error.HoneException;
import dev.hone.evaluation.Metrics;
import dev.hone.results.CandidateCard;
import dev.hone.results.Provenance;
import dev.hone.results.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a candidate's card ({@code candidate.json}) and the resolved config beside its artifact. */
final class CandidateFiles {
    private CandidateFiles() {
    }

    /** @param refit the candidate is the recommended strategy rebuilt on train + validation after the choice */
    static void write(Path directory, HoneConfig config, ClassificationSetup setup, StrategyConfig strategy, LabelledData data,
                      Metrics test, Provenance provenance, boolean refit) {
        var metrics = new CandidateCard.TestFigures(test.accuracy(), test.macroF1(),
                List.of(test.accuracyInterval()[0], test.accuracyInterval()[1]));
        var card = new CandidateCard(CandidateCard.FORMAT, strategy.name(), strategy.kind().id(),
                new Task(config.task().name(), config.task().kind()), config.model(), data.labels(), setup.labels(), metrics,
                config.resolvedStrategy(strategy.name()), provenance, refit ? Boolean.TRUE : null);
        try {
            Files.createDirectories(directory);
            card.write(directory);
            dev.hone.config.ConfigLoader.YAML.writeValue(directory.resolve("config.yaml").toFile(), config.resolved());
        } catch (IOException e) {
            throw new HoneException("cannot write the candidate card in " + directory + ": " + e.getMessage(), e);
        }
    }
}
