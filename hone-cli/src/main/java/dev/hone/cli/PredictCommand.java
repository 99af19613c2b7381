package dev.hone.cli;

import dev.hone.Classifier;
import dev.hone.Hone;
import dev.hone.Prediction;
import dev.hone.error.BadInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Classify texts with a saved candidate (or a run folder's recommended one).",
            "Prints one line per text: label, score, text."},
        footer = {"", "Example:", "  ./hone predict runs/demo \"my parcel never arrived\" \"cancel my plan\""})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CANDIDATE_DIR", description = "runs/<run>/candidates/<name>, or a run folder.")
    Path candidate;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT", description = "Texts to classify.")
    List<String> texts;

    @Override
    public Integer call() {
        if (texts.stream().anyMatch(String::isBlank)) throw new BadInputException("empty text: give at least one non-blank TEXT");
        Classifier classifier = Hone.load(candidate);
        PrintWriter out = spec.commandLine().getOut();
        List<Prediction> predictions = classifier.predictBatch(texts);
        for (int i = 0; i < texts.size(); i++) {
            out.println(String.format(Locale.ROOT, "%s\t%.3f\t%s", predictions.get(i).label(), predictions.get(i).score(), texts.get(i)));
        }
        out.flush();
        return 0;
    }
}
