package dev.hone.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.Classifier;
import dev.hone.Hone;
import dev.hone.Prediction;
import dev.hone.dataset.TextRows;
import dev.hone.dataset.TextRows.TextRow;
import dev.hone.error.BadInputException;
import dev.hone.error.HoneException;
import dev.hone.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Classify texts, or a JSONL or CSV file, with a saved candidate.",
            "CANDIDATE_DIR is a candidate folder or a run folder (its recommended candidate).",
            "With TEXT arguments it prints one line per text: label, score, text. With --input it",
            "reads the file a row at a time (the text in the field the candidate was trained on, or",
            "--text-field) and writes one JSON line per row: index, id (when the row has one), label,",
            "score and the score of every label."},
        footer = {"", "Examples:", "  ./hone predict runs/demo \"my parcel never arrived\" \"cancel my plan\"",
            "  ./hone predict runs/demo --input tickets.jsonl --output predictions.jsonl"})
final class PredictCommand implements Callable<Integer> {
    /** Files with more rows than this show a progress bar on stderr. */
    static final long PROGRESS_ROWS = 500;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CANDIDATE_DIR", description = "runs/<run>/candidates/<name>, or a run folder.")
    Path candidate;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "TEXT", description = "Texts to classify.")
    List<String> texts = List.of();

    @Option(names = "--input", paramLabel = "FILE", description = "A JSONL or CSV (TSV) file of texts to classify.")
    Path input;

    @Option(names = "--output", paramLabel = "FILE", description = "Where to write the JSON lines (default: standard output).")
    Path output;

    @Option(names = "--text-field", paramLabel = "NAME",
            description = "The field (JSONL) or column (CSV) holding the text (default: the candidate's dataset.text_field).")
    String textField;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32", description = "Texts classified together (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    public Integer call() {
        if (input == null && texts.isEmpty()) throw new BadInputException("give TEXT arguments or --input FILE");
        if (input != null && !texts.isEmpty()) throw new BadInputException("give TEXT arguments or --input FILE, not both");
        if (input == null && (output != null || textField != null)) {
            throw new BadInputException((output != null ? "--output" : "--text-field") + " goes with --input FILE");
        }
        if (batchSize < 1 || batchSize > 4096) throw new BadInputException("--batch-size must be within [1, 4096], got " + batchSize);
        if (input != null) return predictFile();
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

    private int predictFile() {
        Path directory = Hone.candidateDirectory(candidate);
        String field = textField != null ? textField : CandidateFields.of(directory).textField();
        String hint = textField != null ? "check --text-field" : "pass --text-field NAME if your texts are in another field";
        long total = TextRows.estimateRows(input);
        try (TextRows rows = TextRows.open(input, field, hint)) {
            TextRow first = rows.next();
            if (first == null) throw new BadInputException(input + ": no texts to classify (the file is empty)");
            Classifier classifier = Hone.load(directory);
            PrintWriter stderr = spec.commandLine().getErr();
            ProgressBar bar = total > PROGRESS_ROWS
                    ? new ProgressBar(new PrintStream(new RunCommand.WriterOutputStream(stderr), true), "predict", System.console() != null)
                    : null;
            long started = System.nanoTime();
            long done = 0;
            try (Writer out = open()) {
                List<TextRow> batch = new ArrayList<>(batchSize);
                for (TextRow row = first; row != null; row = rows.next()) {
                    batch.add(row);
                    if (batch.size() < batchSize) continue;
                    done += write(classifier, batch, out);
                    progress(bar, done, Math.max(total, done), started);
                }
                done += write(classifier, batch, out);
                progress(bar, done, done, started);
            } catch (IOException e) {
                throw new HoneException("cannot write " + (output == null ? "the predictions" : output) + ": " + e.getMessage(), e);
            }
            if (output != null) stderr.println("hone: " + done + " predictions → " + output);
            stderr.flush();
        }
        return 0;
    }

    private Writer open() throws IOException {
        if (output == null) return new NotClosing(spec.commandLine().getOut());
        if (output.toAbsolutePath().getParent() != null) Files.createDirectories(output.toAbsolutePath().getParent());
        return Files.newBufferedWriter(output, StandardCharsets.UTF_8);
    }

    /** Classifies and writes a batch, then empties it; returns how many rows it wrote. */
    private static int write(Classifier classifier, List<TextRow> batch, Writer out) throws IOException {
        if (batch.isEmpty()) return 0;
        List<Prediction> predictions = classifier.predictBatch(batch.stream().map(TextRow::text).toList());
        for (int i = 0; i < batch.size(); i++) {
            out.write(line(batch.get(i), predictions.get(i), classifier.labels()));
            out.write('\n');
        }
        out.flush();
        int written = batch.size();
        batch.clear();
        return written;
    }

    /** One output line: {@code {"index", "id"?, "label", "score", "scores": {label: score}}}, labels in the classifier's order. */
    static String line(TextRow row, Prediction prediction, List<String> labels) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("index", row.index());
        if (row.id() != null) node.set("id", row.id());
        node.put("label", prediction.label()).put("score", prediction.score());
        ObjectNode scores = node.putObject("scores");
        for (String label : labels) {
            Double score = prediction.scores().get(label);
            if (score != null) scores.put(label, score);
        }
        return node.toString();
    }

    private static void progress(ProgressBar bar, long done, long total, long started) {
        if (bar == null) return;
        double seconds = (System.nanoTime() - started) / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        bar.show(done, total, () -> String.format(Locale.ROOT, "predict %d/%d texts %.1f texts/s ETA %s", done, total, rate,
                ProgressBar.duration((total - done) / Math.max(rate, 1e-9))));
    }

    /** Standard output, flushed but left open when the predictions are done. */
    private static final class NotClosing extends Writer {
        private final PrintWriter out;

        NotClosing(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            out.write(buffer, offset, length);
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
