package dev.hone.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * {@code statistics.<candidate>}: how sure the test figures are, and what the candidate costs. The
 * comparison with the recommended candidate is absent for the recommended one itself.
 *
 * @param consistency share of test texts every repeat labelled alike (stochastic candidates with repeats)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Statistics(List<Double> accuracyWilson95, List<Double> macroF1Bootstrap95, @JsonProperty("mcnemar_p_vs_recommended") Double mcnemarPVsRecommended,
                         Boolean significant, Double accuracyMean, Double accuracySd, Double consistency,
                         double monthlyCostUsd, double trainingCostUsd, double perRequestUsd) {
}
