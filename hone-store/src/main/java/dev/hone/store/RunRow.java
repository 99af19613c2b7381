package dev.hone.store;

/**
 * One row of {@code runs}: what ran, on what, when, where its folder is, and what it decided.
 * Fields only known at the end (hashes, finish time, decision) are null while a run is going.
 *
 * @param testSha256     hash over the test examples in order (text and gold answer): equal hashes mean the two runs were
 *                       measured on the same test set, so their predictions pair up example by example
 * @param config         the resolved config as YAML text (defaults filled in)
 * @param status         {@value #INCOMPLETE} from the start until the run's results are recorded, then {@value #COMPLETE}
 * @param primaryMetric  what a candidate's score is: accuracy (classification), token_f1 or judge_score (generation),
 *                       recall_at_k (retrieval)
 */
public record RunRow(String id, String task, String kind, String model, String datasetSha256, String testSha256,
                     Integer testExamples, String config, String honeVersion, String javaVersion, Long seed, String startedAt,
                     String finishedAt, String out, String status, String primaryMetric, String recommended,
                     String decisionStatus, String decisionReason) {
    public static final String INCOMPLETE = "incomplete";
    public static final String COMPLETE = "complete";

    public RunRow {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("a run needs an id");
        if (task == null || kind == null || config == null || startedAt == null || out == null || status == null) {
            throw new IllegalArgumentException("run " + id + ": task, kind, config, started_at, out and status are required");
        }
    }

    /** A run that has started: only what is known before any data is read. */
    public static RunRow started(String id, String task, String kind, String model, String config, String honeVersion,
                                 String javaVersion, long seed, String startedAt, String out) {
        return new RunRow(id, task, kind, model, null, null, null, config, honeVersion, javaVersion, seed, startedAt, null, out,
                INCOMPLETE, null, null, null, null);
    }

    public boolean complete() {
        return COMPLETE.equals(status);
    }
}
