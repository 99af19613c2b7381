package dev.hone.cli;

import dev.hone.Classifier;
import dev.hone.Hone;
import dev.hone.dataset.DatasetLoader;
import dev.hone.dataset.DatasetReader;
import dev.hone.dataset.Example;
import dev.hone.error.HoneException;
import dev.hone.evaluation.CandidateEvaluation;
import dev.hone.results.CandidateCard;
import dev.hone.results.ClassifierResult.ClassFigures;
import dev.hone.results.EvaluationResults;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Measure a saved candidate on new labelled data.",
            "Prints accuracy and macro-F1 with their 95% intervals (as a run reports them), the",
            "figures of each label and the confusion matrix; --json prints them as JSON instead and",
            "--out FILE writes the JSON to a file. The data is JSONL or CSV like a run's dataset."},
        footer = {"", "Examples:", "  ./hone evaluate runs/demo new-tickets.jsonl",
            "  ./hone evaluate runs/demo/candidates/lora-r8 new-tickets.csv --out evaluation.json"})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CANDIDATE_DIR", description = "runs/<run>/candidates/<name>, or a run folder.")
    Path candidate;

    @Parameters(index = "1", paramLabel = "DATA", description = "Labelled JSONL or CSV (TSV) file.")
    Path data;

    @Option(names = "--text-field", paramLabel = "NAME", description = "The text field or column (default: the candidate's dataset.text_field).")
    String textField;

    @Option(names = "--label-field", paramLabel = "NAME", description = "The label field or column (default: the candidate's dataset.label_field).")
    String labelField;

    @Option(names = "--skip-bad-rows", description = "Leave malformed rows out (counted) instead of stopping.")
    boolean skipBadRows;

    @Option(names = "--json", description = "Print the results as JSON instead of a table.")
    boolean json;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path out;

    @Override
    public Integer call() {
        Path directory = Hone.candidateDirectory(candidate);
        CandidateFields fields = CandidateFields.of(directory);
        DatasetReader.Result read = new DatasetReader(textField != null ? textField : fields.textField(),
                labelField != null ? labelField : fields.labelField(), skipBadRows).read(data);
        List<Example> examples = read.examples();
        CandidateCard card = CandidateCard.read(directory);
        Classifier classifier = Hone.load(directory);
        PrintWriter stderr = spec.commandLine().getErr();
        ProgressBar bar = examples.size() > PredictCommand.PROGRESS_ROWS
                ? new ProgressBar(new PrintStream(new RunCommand.WriterOutputStream(stderr), true), "evaluate", System.console() != null)
                : null;
        EvaluationResults results = CandidateEvaluation.evaluate(classifier, card, directory, data,
                DatasetLoader.sha256(List.of(data)), examples, done -> {
                    if (bar != null) bar.show(done, examples.size(), () -> "evaluate " + done + "/" + examples.size() + " examples");
                });
        PrintWriter stdout = spec.commandLine().getOut();
        if (read.skipped() > 0) stderr.println("hone: " + read.skipped() + " bad rows of " + data + " skipped");
        if (out != null) write(results, out);
        if (json) {
            stdout.println(results.toJson());
        } else {
            print(results, stdout);
            if (out != null) stdout.println("results: " + out);
        }
        stdout.flush();
        stderr.flush();
        return 0;
    }

    private static void write(EvaluationResults results, Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, results.toJson() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HoneException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static void print(EvaluationResults r, PrintWriter out) {
        out.println("candidate " + r.name() + " (" + r.kind() + ") on " + r.data() + ": " + r.examples() + " examples");
        out.println(String.format(Locale.ROOT, "  accuracy  %.3f  95%% [%.3f, %.3f]  (%d correct)%s", r.accuracy(), r.accuracyCi95().get(0),
                r.accuracyCi95().get(1), r.correct(), r.candidateTestAccuracy() == null ? ""
                        : String.format(Locale.ROOT, "; %.3f on the run's test split", r.candidateTestAccuracy())));
        out.println(String.format(Locale.ROOT, "  macro-F1  %.3f  95%% [%.3f, %.3f]", r.macroF1(), r.macroF1Ci95().get(0),
                r.macroF1Ci95().get(1)));
        List<String> labels = r.confusion().labels();
        int width = Math.max(5, labels.stream().mapToInt(String::length).max().orElse(5));
        out.println();
        out.println(String.format(Locale.ROOT, "  %-" + width + "s %9s %7s %7s %8s", "label", "precision", "recall", "f1", "support"));
        for (Map.Entry<String, ClassFigures> e : r.perClass().entrySet()) {
            ClassFigures f = e.getValue();
            out.println(String.format(Locale.ROOT, "  %-" + width + "s %9.3f %7.3f %7.3f %8d", e.getKey(), f.precision(), f.recall(), f.f1(),
                    f.support()));
        }
        out.println();
        out.println("  confusion (rows: true label, columns: predicted)");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s", ""));
        int cell = Math.max(6, width);
        for (String label : labels) header.append(String.format(Locale.ROOT, " %" + cell + "s", label));
        out.println(header);
        int[][] matrix = r.confusion().matrix();
        for (int i = 0; i < labels.size(); i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s", labels.get(i)));
            for (int j = 0; j < labels.size(); j++) row.append(String.format(Locale.ROOT, " %" + cell + "d", matrix[i][j]));
            out.println(row);
        }
    }
}
