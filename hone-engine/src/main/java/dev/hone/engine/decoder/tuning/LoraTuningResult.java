package dev.hone.engine.decoder.tuning;

import dev.hone.engine.decoder.DecoderAdapters;
import java.util.List;

/**
 * What LoRA fine-tuning produced.
 *
 * @param adapters           the adapters with the best validation loss (the last ones without validation)
 * @param validationLosses   every validation loss measured, in order (the first before any step)
 * @param bestValidationLoss the best of them, NaN without validation
 * @param steps              optimiser steps taken (fewer than planned when training stopped early)
 * @param trainedTokens      tokens read by the training passes (padding excluded)
 * @param seconds            wall-clock training time
 * @param stoppedEarly       whether the validation loss stopped improving before the last epoch ended
 */
public record LoraTuningResult(DecoderAdapters adapters, List<Double> validationLosses, double bestValidationLoss, long steps,
                               long trainedTokens, double seconds, boolean stoppedEarly) {
    public LoraTuningResult {
        validationLosses = List.copyOf(validationLosses);
    }
}
