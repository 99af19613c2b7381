package dev.hone.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * {@code generation}: a generation candidate's metrics on test (flat), on the selection pairs, and
 * every test pair's answer.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GenerationEvidence(@JsonUnwrapped Figures test, Figures selection, List<Answer> perExample) implements Evidence {

    /**
     * Mean scores over a set of pairs; a score that does not apply (no schema, no judge, no
     * retrieval) is null.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Figures(int examples, Double exactMatch, Double tokenF1, Double jsonValidRate, Double judgeScore,
                          Double judgeScoreNormalised, int judgeParseFailures, Double citationRate, Double recallAtK) {
    }

    /** One test pair: what was asked, expected and answered, with its scores and where it came from. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(String input, String reference, String answer, double exactMatch, double tokenF1, Boolean jsonValid,
                         Double judgeScore, List<String> retrievedSources, Boolean cited, Double recallAtK, double latencyMs,
                         String location) {
    }
}
