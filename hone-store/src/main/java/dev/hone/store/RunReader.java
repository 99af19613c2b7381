package dev.hone.store;

import dev.hone.results.OptimizationEvidence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The store's SELECT statements, each mapping rows to the records of this package. */
final class RunReader {
    private RunReader() {
    }

    static List<RunSummary> runs(Connection connection, String task, int limit) throws SQLException {
        String sql = "SELECT r.*, c.score AS recommended_score FROM runs r LEFT JOIN candidates c "
                + "ON c.run_id = r.id AND c.name = r.recommended" + (task == null ? "" : " WHERE r.task = ?")
                + " ORDER BY r.started_at DESC, r.id LIMIT ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int i = 1;
            if (task != null) select.setString(i++, task);
            select.setInt(i, limit);
            List<RunSummary> runs = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) runs.add(new RunSummary(run(rows), number(rows, "recommended_score")));
            }
            return runs;
        }
    }

    static List<String> idsStartingWith(Connection connection, String prefix) throws SQLException {
        // Compared with substr, not LIKE: an id prefix holding % or _ must not act as a pattern.
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM runs WHERE substr(id, 1, ?) = ? ORDER BY started_at DESC")) {
            select.setInt(1, prefix.length());
            select.setString(2, prefix);
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) ids.add(rows.getString(1));
            }
            return ids;
        }
    }

    /** The newest run writing into {@code out} that is still marked incomplete; null when there is none. */
    static RunRow incompleteIn(Connection connection, String out) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM runs WHERE out = ? AND status = ? ORDER BY started_at DESC, id LIMIT 1")) {
            select.setString(1, out);
            select.setString(2, RunRow.INCOMPLETE);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? run(rows) : null;
            }
        }
    }

    static boolean exists(Connection connection, String out, String startedAt) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM runs WHERE out = ? AND started_at = ?")) {
            select.setString(1, out);
            select.setString(2, startedAt);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    static RecordedRun run(Connection connection, String id) throws SQLException {
        RunRow run;
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM runs WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) throw new StoreException("run " + id + " vanished from the store while it was read");
                run = run(rows);
            }
        }
        Map<String, List<Prediction>> predictions = predictions(connection, id);
        Map<String, OptimizationEvidence> optimisations = optimisations(connection, id);
        List<StoredCandidate> candidates = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM candidates WHERE run_id = ? ORDER BY position")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString("name");
                    candidates.add(new StoredCandidate(name, rows.getString("kind"), number(rows, "score"), number(rows, "macro_f1"),
                            number(rows, "ci_low"), number(rows, "ci_high"), number(rows, "selection_score"),
                            number(rows, "latency_ms_p50"), number(rows, "latency_ms_p95"), number(rows, "throughput_per_s"),
                            number(rows, "train_seconds"), whole(rows, "trainable_parameters"), whole(rows, "total_parameters"),
                            number(rows, "monthly_cost_usd"), number(rows, "training_cost_usd"), number(rows, "per_request_usd"),
                            number(rows, "upfront_usd"), rows.getString("prompt_sha256"), predictions.getOrDefault(name, List.of()),
                            optimisations.get(name)));
                }
            }
        }
        List<PromptVersion> prompts = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT p.sha256, p.text FROM prompts p "
                + "WHERE p.sha256 IN (SELECT prompt_sha256 FROM candidates WHERE run_id = ?) "
                + "OR p.sha256 IN (SELECT before_sha256 FROM prompt_optimisations WHERE run_id = ?) "
                + "OR p.sha256 IN (SELECT after_sha256 FROM prompt_optimisations WHERE run_id = ?) ORDER BY p.sha256")) {
            for (int i = 1; i <= 3; i++) select.setString(i, id);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) prompts.add(new PromptVersion(rows.getString(1), rows.getString(2)));
            }
        }
        return new RecordedRun(run, candidates, prompts);
    }

    /** Each optimised candidate's search, by candidate, as results.json's typed optimization block. */
    private static Map<String, OptimizationEvidence> optimisations(Connection connection, String id) throws SQLException {
        Map<String, List<OptimizationEvidence.Trial>> trials = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM prompt_trials WHERE run_id = ? ORDER BY candidate, trial")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    int parent = rows.getInt("parent");
                    Integer from = rows.wasNull() ? null : parent;
                    trials.computeIfAbsent(rows.getString("candidate"), k -> new ArrayList<>()).add(new OptimizationEvidence.Trial(
                            rows.getInt("trial"), from, rows.getString("prompt"), rows.getDouble("score"), rows.getShort("kept") != 0));
                }
            }
        }
        Map<String, OptimizationEvidence> byCandidate = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT o.*, b.text AS before_text, a.text AS after_text "
                + "FROM prompt_optimisations o LEFT JOIN prompts b ON b.sha256 = o.before_sha256 "
                + "LEFT JOIN prompts a ON a.sha256 = o.after_sha256 WHERE o.run_id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString("candidate");
                    byCandidate.put(name, new OptimizationEvidence(rows.getString("method"), rows.getString("target"),
                            rows.getString("scored_on"), rows.getInt("examples"), rows.getString("before_text"),
                            rows.getString("after_text"), rows.getInt("best_trial"), rows.getInt("max_trials"),
                            trials.getOrDefault(name, List.of()), rows.getLong("requests"), rows.getLong("input_tokens"),
                            rows.getLong("output_tokens"), rows.getDouble("usd"), rows.getDouble("seconds")));
                }
            }
        }
        return byCandidate;
    }

    private static Map<String, List<Prediction>> predictions(Connection connection, String id) throws SQLException {
        Map<String, List<Prediction>> byCandidate = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM predictions WHERE run_id = ? ORDER BY candidate, example_index")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    short correct = rows.getShort("correct");
                    Boolean right = rows.wasNull() ? null : correct != 0;
                    byCandidate.computeIfAbsent(rows.getString("candidate"), k -> new ArrayList<>()).add(new Prediction(
                            rows.getInt("example_index"), rows.getString("example_sha256"), rows.getString("gold"),
                            rows.getString("predicted"), number(rows, "score"), right));
                }
            }
        }
        return byCandidate;
    }

    private static RunRow run(ResultSet rows) throws SQLException {
        int testExamples = rows.getInt("test_examples");
        Integer examples = rows.wasNull() ? null : testExamples;
        return new RunRow(rows.getString("id"), rows.getString("task"), rows.getString("kind"), rows.getString("model"),
                rows.getString("dataset_sha256"), rows.getString("test_sha256"), examples, rows.getString("config"),
                rows.getString("hone_version"), rows.getString("java_version"), whole(rows, "seed"), rows.getString("started_at"),
                rows.getString("finished_at"), rows.getString("out"), rows.getString("status"), rows.getString("primary_metric"),
                rows.getString("recommended"), rows.getString("decision_status"), rows.getString("decision_reason"));
    }

    private static Double number(ResultSet rows, String column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? null : value;
    }

    private static Long whole(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }
}
