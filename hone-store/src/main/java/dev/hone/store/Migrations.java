package dev.hone.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a store's schema up to date: an ordered list of SQL scripts in the resources, each applied
 * once in its own transaction and recorded in {@code schema_version}. A released script is never
 * edited; a change to the schema is a new script at the end of {@link #SCRIPTS}.
 */
final class Migrations {
    /** In order: version n is {@code SCRIPTS.get(n - 1)}. */
    static final List<String> SCRIPTS = List.of("V1__run_history", "V2__prompt_optimisations");

    private Migrations() {
    }

    /** Applies the scripts the store has not seen; returns the schema version it ends at. */
    static int apply(Connection connection, String where) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                    + "description TEXT NOT NULL, applied_at TEXT NOT NULL)");
        }
        int current = current(connection);
        if (current > SCRIPTS.size()) {
            throw new StoreException("the run store " + where + " has schema version " + current + ", newer than this Hone knows ("
                    + SCRIPTS.size() + "); use a newer Hone, or another store with --store");
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (int version = current + 1; version <= SCRIPTS.size(); version++) {
                String name = SCRIPTS.get(version - 1);
                try (Statement statement = connection.createStatement()) {
                    for (String sql : statements(script(name))) statement.execute(sql);
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                    insert.setInt(1, version);
                    insert.setString(2, name);
                    insert.setString(3, Instant.now().toString());
                    insert.executeUpdate();
                }
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return SCRIPTS.size();
    }

    static int current(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    /** The script's statements: comment lines dropped, split where a line ends with a semicolon. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) continue;
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) throw new IllegalStateException("a migration script ends without a semicolon");
        return statements;
    }

    private static String script(String name) {
        String resource = "migrations/" + name + ".sql";
        try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("migration " + resource + " is missing from the hone-store jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + resource, e);
        }
    }
}
