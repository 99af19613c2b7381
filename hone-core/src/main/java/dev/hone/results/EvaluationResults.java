package dev.hone.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.hone.results.ClassifierResult.ClassFigures;
import dev.hone.results.ClassifierResult.Confusion;
import java.util.List;
import java.util.Map;

/**
 * What {@code hone evaluate} measured: a saved candidate on labelled data of the user's, with the
 * figures and intervals a run reports for its test split ({@code accuracy_ci95} Wilson,
 * {@code macro_f1_ci95} a seeded percentile bootstrap).
 *
 * @param format                {@value #FORMAT}
 * @param candidate             the candidate folder
 * @param data                  the labelled file evaluated on
 * @param sha256                SHA-256 of that file
 * @param candidateTestAccuracy the accuracy the run measured on its own test split (from the candidate's card), to
 *                              compare with; absent when the card has none
 * @param predictions           each example's predicted label, in file order
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationResults(String format, String candidate, String name, String kind, String model, String data, String sha256,
                                int examples, int correct, double accuracy, List<Double> accuracyCi95, double macroF1,
                                List<Double> macroF1Ci95, Double candidateTestAccuracy, Map<String, ClassFigures> perClass,
                                Confusion confusion, List<String> predictions) {
    public static final String FORMAT = "hone-evaluation-1";

    public EvaluationResults {
        if (examples <= 0) throw new IllegalArgumentException("examples must be > 0, got " + examples);
        accuracyCi95 = List.copyOf(accuracyCi95);
        macroF1Ci95 = List.copyOf(macroF1Ci95);
        perClass = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perClass));
        predictions = List.copyOf(predictions);
    }

    /** The indented JSON document ({@code --json}, {@code --out}). */
    public String toJson() {
        return ResultsJson.pretty(this);
    }
}
