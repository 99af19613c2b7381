package dev.hone.store;

import dev.hone.results.OptimizationEvidence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** The store's INSERT and DELETE statements; the caller holds the transaction. */
final class RunWriter {
    private static final String RUN_COLUMNS = "id, task, kind, model, dataset_sha256, test_sha256, test_examples, config, "
            + "hone_version, java_version, seed, started_at, finished_at, out, status, primary_metric, recommended, "
            + "decision_status, decision_reason";

    private RunWriter() {
    }

    static void insert(Connection connection, RecordedRun run) throws SQLException {
        insertRun(connection, run.run());
        try (PreparedStatement prompt = connection.prepareStatement(
                "INSERT INTO prompts (sha256, text) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING");
             PreparedStatement text = connection.prepareStatement(
                     "UPDATE prompts SET text = ? WHERE sha256 = ? AND text IS NULL")) {
            for (PromptVersion p : run.prompts()) {
                prompt.setString(1, p.sha256());
                prompt.setString(2, p.text());
                prompt.executeUpdate();
                if (p.text() != null) {
                    // A version first met by hash only (an import) gains its text when a run knows it.
                    text.setString(1, p.text());
                    text.setString(2, p.sha256());
                    text.executeUpdate();
                }
            }
        }
        try (PreparedStatement candidate = connection.prepareStatement("INSERT INTO candidates (run_id, name, position, kind, "
                + "score, macro_f1, ci_low, ci_high, selection_score, latency_ms_p50, latency_ms_p95, throughput_per_s, "
                + "train_seconds, trainable_parameters, total_parameters, monthly_cost_usd, training_cost_usd, per_request_usd, "
                + "upfront_usd, prompt_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement prediction = connection.prepareStatement("INSERT INTO predictions (run_id, candidate, "
                     + "example_index, example_sha256, gold, predicted, score, correct) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            for (StoredCandidate c : run.candidates()) {
                int i = 1;
                candidate.setString(i++, run.run().id());
                candidate.setString(i++, c.name());
                candidate.setInt(i++, position++);
                candidate.setString(i++, c.kind());
                for (Double value : new Double[] {c.score(), c.macroF1(), c.ciLow(), c.ciHigh(), c.selectionScore(), c.latencyMsP50(),
                        c.latencyMsP95(), c.throughputPerS(), c.trainSeconds()}) {
                    setDouble(candidate, i++, value);
                }
                setLong(candidate, i++, c.trainableParameters());
                setLong(candidate, i++, c.totalParameters());
                for (Double value : new Double[] {c.monthlyCostUsd(), c.trainingCostUsd(), c.perRequestUsd(), c.upfrontUsd()}) {
                    setDouble(candidate, i++, value);
                }
                candidate.setString(i, c.promptSha256());
                candidate.executeUpdate();
                for (Prediction p : c.predictions()) {
                    prediction.setString(1, run.run().id());
                    prediction.setString(2, c.name());
                    prediction.setInt(3, p.index());
                    prediction.setString(4, p.exampleSha256());
                    prediction.setString(5, p.gold());
                    prediction.setString(6, p.predicted());
                    setDouble(prediction, 7, p.score());
                    if (p.correct() == null) prediction.setNull(8, Types.SMALLINT);
                    else prediction.setShort(8, (short) (p.correct() ? 1 : 0));
                    prediction.addBatch();
                }
                prediction.executeBatch();
            }
        }
        insertOptimisations(connection, run);
    }

    /** Each optimised candidate's search: its figures, its prompts before and after (already prompt versions), its trials. */
    private static void insertOptimisations(Connection connection, RecordedRun run) throws SQLException {
        try (PreparedStatement search = connection.prepareStatement("INSERT INTO prompt_optimisations (run_id, candidate, method, "
                + "target, scored_on, examples, before_sha256, after_sha256, best_trial, max_trials, requests, input_tokens, "
                + "output_tokens, usd, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement trial = connection.prepareStatement("INSERT INTO prompt_trials (run_id, candidate, trial, parent, "
                     + "prompt, score, kept) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (StoredCandidate c : run.candidates()) {
                OptimizationEvidence o = c.optimization();
                if (o == null) continue;
                int i = 1;
                search.setString(i++, run.run().id());
                search.setString(i++, c.name());
                search.setString(i++, o.method());
                search.setString(i++, o.target());
                search.setString(i++, o.scoredOn());
                search.setInt(i++, o.examples());
                search.setString(i++, o.promptBefore() == null ? null : PromptVersion.ofText(o.promptBefore()).sha256());
                search.setString(i++, o.promptAfter() == null ? null : PromptVersion.ofText(o.promptAfter()).sha256());
                search.setInt(i++, o.bestTrial());
                search.setInt(i++, o.maxTrials());
                search.setLong(i++, o.requests());
                search.setLong(i++, o.inputTokens());
                search.setLong(i++, o.outputTokens());
                search.setDouble(i++, o.usd());
                search.setDouble(i, o.seconds());
                search.executeUpdate();
                for (OptimizationEvidence.Trial t : o.trials()) {
                    trial.setString(1, run.run().id());
                    trial.setString(2, c.name());
                    trial.setInt(3, t.id());
                    if (t.parent() == null) trial.setNull(4, Types.INTEGER);
                    else trial.setInt(4, t.parent());
                    trial.setString(5, t.prompt() == null ? "" : t.prompt());
                    trial.setDouble(6, t.score());
                    trial.setShort(7, (short) (t.kept() ? 1 : 0));
                    trial.addBatch();
                }
                trial.executeBatch();
            }
        }
    }

    static void insertRun(Connection connection, RunRow r) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO runs (" + RUN_COLUMNS + ") VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 1;
            for (String value : new String[] {r.id(), r.task(), r.kind(), r.model(), r.datasetSha256(), r.testSha256()}) {
                insert.setString(i++, value);
            }
            if (r.testExamples() == null) insert.setNull(i++, Types.INTEGER);
            else insert.setInt(i++, r.testExamples());
            insert.setString(i++, r.config());
            insert.setString(i++, r.honeVersion());
            insert.setString(i++, r.javaVersion());
            setLong(insert, i++, r.seed());
            for (String value : new String[] {r.startedAt(), r.finishedAt(), r.out(), r.status(), r.primaryMetric(), r.recommended(),
                    r.decisionStatus(), r.decisionReason()}) {
                insert.setString(i++, value);
            }
            insert.executeUpdate();
        }
    }

    /** Removes a run and everything recorded under it (children first: not every database cascades by default). */
    static void deleteRun(Connection connection, String id) throws SQLException {
        for (String sql : new String[] {"DELETE FROM prompt_trials WHERE run_id = ?", "DELETE FROM prompt_optimisations WHERE run_id = ?",
                "DELETE FROM predictions WHERE run_id = ?", "DELETE FROM candidates WHERE run_id = ?",
                "DELETE FROM runs WHERE id = ?"}) {
            try (PreparedStatement delete = connection.prepareStatement(sql)) {
                delete.setString(1, id);
                delete.executeUpdate();
            }
        }
    }

    private static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null || value.isNaN() || value.isInfinite()) statement.setNull(index, Types.DOUBLE);
        else statement.setDouble(index, value);
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) statement.setNull(index, Types.BIGINT);
        else statement.setLong(index, value);
    }
}
