package dev.hone.store;

/**
 * One run on its task's timeline: when it started, the candidate it recommended, and that
 * candidate's score and monthly cost (null when the run recommended none, or the figure does not
 * apply to its kind).
 *
 * @param metric what {@code score} is: the run's primary metric (accuracy for classification)
 */
public record HistoryPoint(String runId, String startedAt, String status, String metric, String recommended, Double score,
                           Double monthlyCostUsd) {
    public HistoryPoint {
        if (runId == null || startedAt == null) throw new IllegalArgumentException("a history point needs its run id and start");
    }
}
