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

    /** {@code examples}: {@code validation} holds the selection examples (the validation split, or all of train under cross-validation). */
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

    /** {@code selection}: how the recommendation was chosen: on a validation split, or by cross-validation over train. */
    public record Selection(String method, int folds, int examples) {
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

    /** The candidate of that name, or null. */
    public ClassifierResult candidate(String name) {
        return candidates.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** {@code config.decision.monthly_requests}: the volume the costs are reckoned at (100,000 when the config has none). */
    @JsonIgnore
    public double monthlyRequests() {
        return config == null ? 100_000 : config.path("decision").path("monthly_requests").asDouble(100_000);
    }
}
