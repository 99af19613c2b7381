package dev.hone.cli;

import dev.hone.config.StarterConfig;
import dev.hone.dataset.DatasetProfile;
import dev.hone.error.BadInputException;
import dev.hone.error.HoneException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Write a starter config for a labelled dataset.",
            "Reads DATA (JSONL or CSV), detects the text field (the longest values, or a name such as",
            "text or message), the label field (a few distinct values, or a name such as label or",
            "intent) and the labels, and writes a commented hone.yaml with the usual strategies. A test",
            "file beside a train file (train.jsonl → test.jsonl) becomes the test split. It never",
            "overwrites a file unless --force is given."},
        footer = {"", "Example:", "  ./hone init data/train.jsonl && ./hone validate hone.yaml && ./hone run hone.yaml"})
final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATA", description = "Labelled JSONL or CSV (TSV) file (the training file, if you have a split).")
    Path data;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "hone.yaml", description = "The config to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--text-field", paramLabel = "NAME", description = "The text field or column, instead of detecting it.")
    String textField;

    @Option(names = "--label-field", paramLabel = "NAME", description = "The label field or column, instead of detecting it.")
    String labelField;

    @Option(names = "--force", description = "Overwrite FILE if it exists.")
    boolean force;

    @Override
    public Integer call() {
        if (Files.exists(out) && !force) throw new BadInputException(out + " already exists; pass --force to overwrite it, or --out FILE");
        DatasetProfile profile = DatasetProfile.of(data, textField, labelField);
        if (!profile.classification()) {
            throw new BadInputException(data + ": no field looks like a label (between 2 and " + DatasetProfile.MAX_LABELS
                    + " distinct values, repeated across rows) among " + String.join(", ", profile.fields())
                    + "; name it with --label-field");
        }
        if (profile.labels().size() < 2) {
            throw new BadInputException(data + ": field '" + profile.labelField() + "' has a single value ("
                    + String.join("", profile.labels().keySet()) + "); a classification task needs at least 2 labels");
        }
        Path directory = out.toAbsolutePath().normalize().getParent();
        Path test = siblingTest(data);
        String task = taskName(data);
        StarterConfig starter = new StarterConfig(task, relative(directory, data), test == null ? null : relative(directory, test),
                profile.textField(), profile.labelField(), profile.labels(),
                String.format(Locale.ROOT, "%s (%,d rows, %d labels)", data, profile.rows(), profile.labels().size()));
        try {
            if (directory != null) Files.createDirectories(directory);
            Files.writeString(out, starter.yaml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HoneException("cannot write " + out + ": " + e.getMessage(), e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("hone: wrote " + out + " for a classification task '" + task + "'");
        stdout.println("  text field:  " + profile.textField());
        stdout.println("  label field: " + profile.labelField() + " (" + profile.labels().size() + " labels: "
                + profile.labels().keySet().stream().limit(8).collect(Collectors.joining(", "))
                + (profile.labels().size() > 8 ? ", …" : "") + ")");
        stdout.println("  test:        " + (test == null ? StarterConfig.TEST_FRACTION + " of " + data.getFileName() + ", held out" : test));
        stdout.println("next: ./hone validate " + out + " && ./hone run " + out);
        stdout.flush();
        return 0;
    }

    /** {@code test.jsonl} beside {@code train.jsonl} (any name with "train" in it), when it exists. */
    static Path siblingTest(Path data) {
        String name = data.getFileName().toString();
        if (!name.contains("train")) return null;
        Path test = data.resolveSibling(name.replace("train", "test"));
        return Files.isRegularFile(test) ? test : null;
    }

    /** The folder's name for a file called train.*, else the file's own name, as a task name. */
    static String taskName(Path data) {
        String stem = data.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        Path parent = data.toAbsolutePath().normalize().getParent();
        String name = stem.matches("(?i)(train|data|dataset|all)([-_].*)?") && parent != null && parent.getFileName() != null
                ? parent.getFileName().toString() : stem;
        String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return cleaned.isEmpty() ? "my-task" : cleaned;
    }

    private static String relative(Path directory, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (directory == null) return absolute.toString();
        try {
            String relative = directory.relativize(absolute).toString().replace('\\', '/');
            // Data beside or below the config moves with it; anything elsewhere is named in full.
            return relative.startsWith("..") ? absolute.toString() : relative;
        } catch (IllegalArgumentException e) {
            return absolute.toString();
        }
    }
}
