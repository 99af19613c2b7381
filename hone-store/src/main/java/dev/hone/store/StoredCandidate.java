package dev.hone.store;

import dev.hone.results.OptimizationEvidence;
import java.util.List;

/**
 * One candidate of a stored run: its figures on test, its costs, the prompt version it used and
 * its test predictions. Figures that do not apply to the run's kind are null.
 *
 * @param score          the run's primary metric on test (accuracy for classification)
 * @param selectionScore the figure the choice was made on (validation or cross-validation accuracy)
 * @param monthlyCostUsd serving cost at the config's monthly volume, training included (classification)
 * @param promptSha256   the prompt version (LLM templates, or a zero-shot template; an optimised prompt when no LLM
 *                       template hash was recorded); null for routes without one
 * @param optimization   how its prompt was optimised (results.json's {@code optimization}, trials included); null when it
 *                       was not
 */
public record StoredCandidate(String name, String kind, Double score, Double macroF1, Double ciLow, Double ciHigh,
                              Double selectionScore, Double latencyMsP50, Double latencyMsP95, Double throughputPerS,
                              Double trainSeconds, Long trainableParameters, Long totalParameters, Double monthlyCostUsd,
                              Double trainingCostUsd, Double perRequestUsd, Double upfrontUsd, String promptSha256,
                              List<Prediction> predictions, OptimizationEvidence optimization) {
    public StoredCandidate {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a stored candidate needs a name");
        predictions = predictions == null ? List.of() : List.copyOf(predictions);
    }

    /** A candidate whose prompt was not optimised. */
    public StoredCandidate(String name, String kind, Double score, Double macroF1, Double ciLow, Double ciHigh,
                           Double selectionScore, Double latencyMsP50, Double latencyMsP95, Double throughputPerS,
                           Double trainSeconds, Long trainableParameters, Long totalParameters, Double monthlyCostUsd,
                           Double trainingCostUsd, Double perRequestUsd, Double upfrontUsd, String promptSha256,
                           List<Prediction> predictions) {
        this(name, kind, score, macroF1, ciLow, ciHigh, selectionScore, latencyMsP50, latencyMsP95, throughputPerS, trainSeconds,
                trainableParameters, totalParameters, monthlyCostUsd, trainingCostUsd, perRequestUsd, upfrontUsd, promptSha256,
                predictions, null);
    }

    /** The same candidate without its predictions (listings need no more). */
    StoredCandidate withPredictions(List<Prediction> replaced) {
        return new StoredCandidate(name, kind, score, macroF1, ciLow, ciHigh, selectionScore, latencyMsP50, latencyMsP95,
                throughputPerS, trainSeconds, trainableParameters, totalParameters, monthlyCostUsd, trainingCostUsd, perRequestUsd,
                upfrontUsd, promptSha256, replaced, optimization);
    }
}
