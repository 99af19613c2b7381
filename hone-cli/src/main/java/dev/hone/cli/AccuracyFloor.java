package dev.hone.cli;

import dev.hone.results.ClassificationResults;
import dev.hone.results.ClassifierResult;
import dev.hone.results.RunResults;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code hone run}'s CI gate: exit {@value #EXIT_CODE} when no candidate reaches
 * {@code decision.accuracy_floor}. The floor is checked as the verdict checks it, on the accuracy
 * the choice is made on (validation split or cross-validation), so the gate and the recommendation
 * never disagree; the test accuracy is printed beside it.
 */
final class AccuracyFloor {
    static final int EXIT_CODE = 3;

    private AccuracyFloor() {
    }

    /** The message when a classification run's candidates all miss a floor above 0; empty otherwise. */
    static Optional<String> missed(RunResults results, double floor) {
        if (!(results instanceof ClassificationResults classification) || !(floor > 0)) return Optional.empty();
        ClassifierResult best = classification.candidates().stream()
                .max(Comparator.comparingDouble(ClassifierResult::validationAccuracy)).orElse(null);
        if (best == null || best.validationAccuracy() >= floor) return Optional.empty();
        return Optional.of(String.format(Locale.ROOT, "no candidate reaches the accuracy floor %.3f (decision.accuracy_floor): "
                + "the best, %s, scores %.3f on selection (%.3f on test); exit code %d", floor, best.name(),
                best.validationAccuracy(), best.accuracy(), EXIT_CODE));
    }
}
