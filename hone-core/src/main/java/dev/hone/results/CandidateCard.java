package dev.hone.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code candidate.json}, the card beside a saved candidate: what it is, what it was trained on,
 * how it scored on test and where it came from. Loading a candidate and the server's try-it page
 * read it.
 *
 * @param format            {@value #FORMAT}
 * @param labelDescriptions the config's label → description (zero-shot's label sentences)
 * @param strategy          the strategy's entry of the resolved config
 * @param refitOnAllTrainingData true when this candidate is the recommended strategy rebuilt on train + validation
 *                          after a choice on the validation split; absent otherwise
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CandidateCard(String format, String name, String kind, Task task, String model, List<String> labels,
                            Map<String, String> labelDescriptions, TestFigures metrics, JsonNode strategy,
                            Provenance provenance, Boolean refitOnAllTrainingData) {
    public static final String FORMAT = "hone-candidate-1";
    public static final String FILE = "candidate.json";

    /** Accuracy (with its Wilson 95% interval) and macro-F1 on the run's test split. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TestFigures(double accuracy, double macroF1, List<Double> accuracyCi95) {
    }

    /** The card in {@code directory}; a clear error naming the file when it is missing or not a card. */
    public static CandidateCard read(Path directory) {
        return ResultsJson.readCard(directory.resolve(FILE));
    }

    public void write(Path directory) {
        ResultsJson.writeCard(directory.resolve(FILE), this);
    }
}
