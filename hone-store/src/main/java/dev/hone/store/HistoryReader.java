package dev.hone.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The store's SELECT statements across runs of a task: the tasks, a task's timeline and its prompt versions. Read only. */
final class HistoryReader {
    private HistoryReader() {
    }

    static List<String> tasks(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT task FROM runs ORDER BY task");
             ResultSet rows = select.executeQuery()) {
            List<String> tasks = new ArrayList<>();
            while (rows.next()) tasks.add(rows.getString(1));
            return tasks;
        }
    }

    static List<HistoryPoint> history(Connection connection, String task) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT r.id, r.started_at, r.status, r.primary_metric, "
                + "r.recommended, c.score, c.monthly_cost_usd FROM runs r LEFT JOIN candidates c ON c.run_id = r.id "
                + "AND c.name = r.recommended WHERE r.task = ? ORDER BY r.started_at, r.id")) {
            select.setString(1, task);
            List<HistoryPoint> points = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    points.add(new HistoryPoint(rows.getString("id"), rows.getString("started_at"), rows.getString("status"),
                            rows.getString("primary_metric"), rows.getString("recommended"), number(rows, "score"),
                            number(rows, "monthly_cost_usd")));
                }
            }
            return points;
        }
    }

    static List<TaskPrompt> prompts(Connection connection, String task) throws SQLException {
        // Oldest use first, so each version's uses (and the versions, by first use) come out in time order.
        try (PreparedStatement select = connection.prepareStatement("SELECT c.prompt_sha256, p.text, r.id, r.started_at, c.name, "
                + "c.score, r.primary_metric FROM candidates c JOIN runs r ON r.id = c.run_id "
                + "LEFT JOIN prompts p ON p.sha256 = c.prompt_sha256 WHERE r.task = ? AND c.prompt_sha256 IS NOT NULL "
                + "ORDER BY r.started_at, r.id, c.position")) {
            select.setString(1, task);
            Map<String, String> texts = new LinkedHashMap<>();
            Map<String, List<TaskPrompt.Use>> uses = new LinkedHashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String sha256 = rows.getString(1);
                    String text = rows.getString(2);
                    if (text != null) texts.put(sha256, text);
                    uses.computeIfAbsent(sha256, k -> new ArrayList<>()).add(new TaskPrompt.Use(rows.getString(3),
                            rows.getString(4), rows.getString(5), number(rows, "score"), rows.getString(7)));
                }
            }
            List<TaskPrompt> prompts = new ArrayList<>();
            uses.forEach((sha256, used) -> prompts.add(new TaskPrompt(sha256, texts.get(sha256), used)));
            return prompts;
        }
    }

    private static Double number(ResultSet rows, String column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? null : value;
    }
}
