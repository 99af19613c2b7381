package dev.hone.run;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The run's recommendation as {@link dev.hone.verdict.Verdict} wrote it into results.json:
 * chosen on the validation split, reported with test figures.
 *
 * @param recommended the candidate's name, or null when none meets the constraints
 */
public record Decision(String recommended, String reason) {

    static Decision from(JsonNode results) {
        JsonNode decision = results.path("decision");
        JsonNode recommended = decision.path("recommended");
        return new Decision(recommended.isTextual() ? recommended.asText() : null, decision.path("reason").asText(""));
    }
}
