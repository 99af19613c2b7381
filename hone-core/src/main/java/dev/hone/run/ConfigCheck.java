package dev.hone.run;

import dev.hone.config.ClassificationSetup;
import dev.hone.config.ConfigException;
import dev.hone.config.ConfigLoader;
import dev.hone.config.ConfigProblem;
import dev.hone.config.DatasetConfig;
import dev.hone.config.HoneConfig;
import dev.hone.config.StrategyConfig;
import dev.hone.dataset.DatasetLoader;
import dev.hone.dataset.DatasetReader;
import dev.hone.dataset.LabelledData;
import dev.hone.dataset.SelectionRule;
import dev.hone.error.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything {@code hone run} would refuse before building a candidate, without building one: the
 * config's problems (all of them, each at its line), then the data of a classification task (bad
 * rows of each file, labels outside {@code labels:}). Nothing is trained and no model is loaded.
 */
public final class ConfigCheck {

    /**
     * What was checked: the config when it loaded, a one-line summary, and every problem found.
     *
     * @param config null when the config itself has problems
     */
    public record Outcome(HoneConfig config, String summary, List<ConfigProblem> problems) {
        public Outcome {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private ConfigCheck() {
    }

    public static Outcome check(Path file, List<String> overrides) {
        HoneConfig config;
        try {
            config = ConfigLoader.load(file, overrides);
        } catch (ConfigException e) {
            return new Outcome(null, "", e.problems());
        } catch (BadInputException e) {
            return new Outcome(null, "", List.of(wholeFile(file, e.getMessage())));
        }
        if (!(config.setup() instanceof ClassificationSetup setup)) {
            return new Outcome(config, config.task().kind() + " task '" + config.task().name() + "'", List.of());
        }
        List<ConfigProblem> problems = new ArrayList<>();
        DatasetConfig dataset = setup.dataset();
        DatasetReader reader = new DatasetReader(dataset.textField(), dataset.labelField(), false);
        readable(reader, dataset.train(), file, "dataset.train", problems);
        if (dataset.test() != null) readable(reader, dataset.test(), file, "dataset.test", problems);
        if (!problems.isEmpty()) return new Outcome(config, "", problems);
        LabelledData data;
        try {
            boolean paidJobs = setup.strategies().stream().anyMatch(StrategyConfig::startsPaidJobs);
            data = DatasetLoader.load(dataset, setup.labels().keySet(), config.evaluation().seed(), false,
                    SelectionRule.of(config.evaluation(), paidJobs));
        } catch (BadInputException e) {
            return new Outcome(config, "", List.of(ConfigLoader.problemAt(file, "dataset", e.getMessage())));
        }
        String summary = String.format(Locale.ROOT, "classification task '%s': %d strategies, %d labels, %d train / %d validation / %d test examples",
                config.task().name(), setup.strategies().size(), data.labels().size(), data.train().size(), data.validation().size(),
                data.test().size());
        return new Outcome(config, summary, List.of());
    }

    /** A problem of the whole file ("not valid YAML", "not found"), its line taken from the message when it has one. */
    static ConfigProblem wholeFile(Path file, String message) {
        Matcher at = Pattern.compile("^" + Pattern.quote(file.toString()) + "(?::(\\d+))?: ").matcher(message);
        if (!at.find()) return new ConfigProblem(file.toString(), 0, "", message);
        int line = at.group(1) == null ? 0 : Integer.parseInt(at.group(1));
        return new ConfigProblem(file.toString(), line, "", message.substring(at.end()));
    }

    private static void readable(DatasetReader reader, Path data, Path file, String key, List<ConfigProblem> problems) {
        try {
            reader.read(data);
        } catch (BadInputException e) {
            problems.add(ConfigLoader.problemAt(file, key, e.getMessage()));
        }
    }
}
