package dev.hone.results;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code forgetting}: a tuned encoder's accuracy on a fixed general-purpose probe before and after
 * tuning (what tuning cost the encoder elsewhere).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Forgetting(String probe, double probeAccuracyBefore, double probeAccuracyAfter, double drop) implements Evidence {
}
