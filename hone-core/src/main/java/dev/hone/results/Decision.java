package dev.hone.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * {@code decision}: the run's recommendation, made once by the verdict and stored; the report reads it.
 * Every kind writes recommended, status, reason and protocol; the rest belongs to one kind and is
 * null (left out) for the others.
 *
 * @param recommended       the candidate's name, or null when none meets the constraints
 * @param status            best, tied or none (classification); recommended or none (retrieval,
 *                          generation); running while a run is still going
 * @param breakEvenRequests classification: per candidate, requests after which its training is paid back
 *                          (null when never)
 * @param runnerUp          classification: the candidate that would win under other constraints
 * @param primaryMetric     generation: token_f1 or judge_score
 * @param selectionSplit    generation: validation, or test when train is too small to spare one
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Decision(@JsonInclude(JsonInclude.Include.ALWAYS) String recommended, String status, String reason,
                       String protocol,
                       @JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.ALWAYS)
                       Map<String, Double> breakEvenRequests,
                       String runnerUp, String runnerUpWinsWhen, String primaryMetric, String selectionSplit) {

    /** A decision of the given status with only the fields every kind has. */
    public static Decision of(String recommended, String status, String reason, String protocol) {
        return new Decision(recommended, status, reason, protocol, null, null, null, null, null);
    }
}
