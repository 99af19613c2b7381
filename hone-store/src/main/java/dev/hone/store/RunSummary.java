package dev.hone.store;

/** A line of {@code hone runs}: the run's row and its recommended candidate's score (null when none was recommended). */
public record RunSummary(RunRow run, Double recommendedScore) {
}
