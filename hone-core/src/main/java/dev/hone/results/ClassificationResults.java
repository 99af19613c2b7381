package dev.hone.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * results.json of a classification run.
 *
 * @param examples             the test and selection texts with their gold labels, in prediction order
 * @param learningCurve        per candidate, test accuracy at each training size of {@code evaluation.curve}; null
 *                             when no curve was asked for
 * @param statistics           per candidate, intervals, significance and costs on test; null while the run is going
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClassificationResults(int formatVersion, Task task, String model, Dataset dataset, List<String> labels,
                                    JsonNode config, Provenance provenance, Checks checks, Examples examples,
                                    Selection selection, List<ClassifierResult> candidates, Decision decision,
                                    Map<String, List<CurvePoint>> learningCurve, String learningCurveSummary,
                                    Map<String, Statistics> statistics) implements RunResults {

    public ClassificationResults {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    /** {@code dataset}: sizes and where the data came from. {@code train} counts train and validation together. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dataset(int train, int test, int validation, String sha256, String trainFile, String testFile, int skippedRows) {
    }

    /** {@code checks}: what the dataset checks found (class counts, leaks, duplicates). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Checks(Map<String, Integer> trainCounts, Map<String, Integer> testCounts, double imbalanceRatio,
                         int duplicatesInTrain, List<String> exactLeaks, List<String> nearDuplicateLeaks, List<String> warnings) {
    }

    /**
     * {@code examples}: {@code validation} holds the selection examples in the order of every candidate's
     * {@code validation_predictions}: the validation split, or under cross-validation every training
     * example once per repeat.
     */
    public record Examples(List<LabelledText> test, List<LabelledText> validation) {
        public List<String> testLabels() {
            return test.stream().map(LabelledText::label).toList();
        }

        public List<String> validationLabels() {
            return validation.stream().map(LabelledText::label).toList();
        }
    }

    public record LabelledText(String text, String label) {
    }

    /**
     * {@code selection}: how the recommendation was chosen.
     *
     * @param method   {@value #VALIDATION_SPLIT}, or {@value #CROSS_VALIDATION} over every labelled training example
     * @param folds    k of the stratified k-fold cross-validation; 0 on a validation split
     * @param examples distinct labelled examples the choice read (under cross-validation each was predicted once per repeat)
     * @param repeats  seeded fold assignments under cross-validation; 0 on a validation split (files from before
     *                 repeats were recorded ran one)
     * @param refit    on a validation split, the recommended candidate when it was rebuilt on train + validation after
     *                 the choice (its test figures and saved artifact are the rebuild's); null otherwise
     */
    public record Selection(String method, int folds, int examples, int repeats, String refit) {
        public static final String VALIDATION_SPLIT = "validation split";
        public static final String CROSS_VALIDATION = "cross-validation";

        public Selection {
            if (folds > 0 && repeats == 0) repeats = 1;
        }

        /** Chosen on out-of-fold predictions (no validation split was held out). */
        @JsonIgnore
        public boolean crossValidated() {
            return folds > 0;
        }

        /** One line for a person: how the choice was made, and which candidate (marked †) was refit. */
        @JsonIgnore
        public String summary(int trainingExamples) {
            if (crossValidated()) {
                return String.format(java.util.Locale.ROOT, "chosen by %d-fold cross-validation%s over all %d training examples; "
                        + "every candidate trained on all of them", folds, repeats > 1 ? " × " + repeats : "", examples);
            }
            String chosen = String.format(java.util.Locale.ROOT, "chosen on a validation split of %d examples", examples);
            return refit == null ? chosen : chosen + String.format(java.util.Locale.ROOT,
                    "; † %s was then refit on train + validation (%d examples): its test figures are the refit's", refit,
                    trainingExamples);
        }
    }

    /** One point of a learning curve. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CurvePoint(int perClass, int examples, double accuracy, double trainSeconds) {
    }

    /** These results with the verdict's decision and statistics. */
    public ClassificationResults decided(Decision decision, Map<String, Statistics> statistics) {
        return new ClassificationResults(formatVersion, task, model, dataset, labels, config, provenance, checks, examples,
                selection, candidates, decision, learningCurve, learningCurveSummary, statistics);
    }

    /**
     * These results with {@code refit} in place of the candidate of its name, recorded as the refit
     * in {@link Selection}; the decision and statistics are left for the verdict to redo.
     */
    public ClassificationResults withRefit(ClassifierResult refit) {
        if (candidate(refit.name()) == null) throw new IllegalArgumentException("no candidate named '" + refit.name() + "' to refit");
        List<ClassifierResult> replaced = candidates.stream().map(c -> c.name().equals(refit.name()) ? refit : c).toList();
        Selection refitSelection = new Selection(selection.method(), selection.folds(), selection.examples(), selection.repeats(),
                refit.name());
        return new ClassificationResults(formatVersion, task, model, dataset, labels, config, provenance, checks, examples,
                refitSelection, replaced, decision, learningCurve, learningCurveSummary, statistics);
    }

    /** The candidate of that name, or null. */
    public ClassifierResult candidate(String name) {
        return candidates.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** {@link Selection#summary} with the number of labelled training examples; null for files without {@code selection}. */
    @JsonIgnore
    public String selectionSummary() {
        return selection == null ? null : selection.summary(dataset == null ? 0 : dataset.train());
    }

    /** {@code config.decision.monthly_requests}: the volume the costs are reckoned at (100,000 when the config has none). */
    @JsonIgnore
    public double monthlyRequests() {
        return config == null ? 100_000 : config.path("decision").path("monthly_requests").asDouble(100_000);
    }
}
