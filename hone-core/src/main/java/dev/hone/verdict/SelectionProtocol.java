package dev.hone.verdict;

import dev.hone.results.ClassificationResults.Selection;
import java.util.Locale;

/** The verdict's protocol sentence for a classification run: how the choice was made, as it was made. */
final class SelectionProtocol {
    private static final String TEST = "; every figure shown is measured on the held-out test split, which played no part in the choice.";

    private SelectionProtocol() {
    }

    /** One or two sentences; a file without {@code selection} reads as a validation split. */
    static String sentence(Selection selection) {
        if (selection != null && selection.crossValidated()) {
            boolean repeated = selection.repeats() > 1;
            String method = String.format(Locale.ROOT, "stratified %d-fold cross-validation%s over all %d labelled training "
                    + "examples, with no validation split held out, so every candidate trained on all of them", selection.folds(),
                    repeated ? String.format(Locale.ROOT, ", repeated %d times with new fold assignments", selection.repeats()) : "",
                    selection.examples());
            String predictions = "the out-of-fold predictions"
                    + (repeated ? " of every repeat, which share their examples and so are not independent" : "");
            return "The recommendation is chosen by " + method + " " + rules("cross-validated", predictions) + TEST;
        }
        String size = selection == null || selection.examples() == 0 ? "" : String.format(Locale.ROOT, " of %d examples", selection.examples());
        String refit = selection == null || selection.refit() == null ? "" : " " + selection.refit() + " was then rebuilt on "
                + "train + validation; its test figures and saved artifact are the rebuild's.";
        return "The recommendation is chosen on the validation split" + size + " " + rules("validation", "validation predictions")
                + TEST + refit;
    }

    private static String rules(String accuracy, String predictions) {
        return "(accuracy floor, latency budget, monthly budget, then " + accuracy + " accuracy with a paired interval on each"
                + " difference over " + predictions + "; where the data cannot separate candidates, expected accuracy with the"
                + " few-shot protocol's prior; cost only between candidates shown equal within the tie margin)";
    }
}
