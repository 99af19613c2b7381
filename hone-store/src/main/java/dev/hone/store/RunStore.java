package dev.hone.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The run history database: open (creating and migrating it), record runs, list and read them.
 * Every write is one transaction: a reader sees a run's whole record or none of it. One instance
 * holds one connection; it is not for concurrent use by several threads.
 */
public final class RunStore implements AutoCloseable {
    private final StoreLocation location;
    private final Connection connection;

    private RunStore(StoreLocation location, Connection connection) {
        this.location = location;
        this.connection = connection;
    }

    /** Opens the store, creating the SQLite file (and its folder) if needed and applying pending migrations. */
    public static RunStore open(StoreLocation location) {
        if (location.sqlite()) {
            Path folder = location.file().getParent();
            try {
                if (folder != null) Files.createDirectories(folder);
            } catch (IOException e) {
                throw new StoreException("cannot create the folder of the run store " + location.describe() + ": " + e
                        + "; choose another with --store or HONE_STORE");
            }
        }
        Connection connection = null;
        try {
            connection = DriverManager.getConnection(location.jdbcUrl());
            if (location.sqlite()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA foreign_keys = ON");
                    // Two hone processes recording at once wait for each other instead of failing.
                    statement.execute("PRAGMA busy_timeout = 10000");
                }
            }
            Migrations.apply(connection, location.describe());
            return new RunStore(location, connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new StoreException("cannot open the run store " + location.describe() + ": " + e.getMessage()
                    + "; choose another with --store or HONE_STORE", e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    public StoreLocation location() {
        return location;
    }

    /** Records a run that has just started, marked incomplete until {@link #complete} replaces it. */
    public void begin(RunRow run) {
        inTransaction("record the start of run " + run.id(), () -> RunWriter.insertRun(connection, run));
    }

    /** Replaces a run's row with its finished record and adds its candidates, predictions and prompts, in one transaction. */
    public void complete(RecordedRun run) {
        inTransaction("record run " + run.run().id(), () -> {
            RunWriter.deleteRun(connection, run.run().id());
            RunWriter.insert(connection, run);
        });
    }

    /**
     * Adds a run read from its folder; false (and nothing written) when the store already holds a run
     * of that folder started at the same time.
     */
    public boolean importRun(RecordedRun run) {
        boolean[] added = {false};
        inTransaction("import " + run.run().out(), () -> {
            if (RunReader.exists(connection, run.run().out(), run.run().startedAt())) return;
            RunWriter.insert(connection, run);
            added[0] = true;
        });
        return added[0];
    }

    /**
     * The run still marked incomplete that wrote into folder {@code out} (the newest, if several): the
     * row a resumed run completes instead of adding a second.
     */
    public java.util.Optional<RunRow> incompleteRunIn(Path out) {
        try {
            return java.util.Optional.ofNullable(RunReader.incompleteIn(connection, out.toAbsolutePath().normalize().toString()));
        } catch (SQLException e) {
            throw failure("find the interrupted run of " + out, e);
        }
    }

    /** Runs newest first, of one task when {@code task} is not null, at most {@code limit}. */
    public List<RunSummary> runs(String task, int limit) {
        try {
            return RunReader.runs(connection, task, limit);
        } catch (SQLException e) {
            throw failure("list runs", e);
        }
    }

    /** The run whose id is {@code idOrPrefix} or starts with it; a clear error when none or several match. */
    public RecordedRun find(String idOrPrefix) {
        try {
            List<String> ids = RunReader.idsStartingWith(connection, idOrPrefix);
            if (ids.isEmpty()) {
                throw new dev.hone.error.BadInputException("no run '" + idOrPrefix + "' in the run store " + location.describe()
                        + "; list them with 'hone runs'");
            }
            if (ids.size() > 1 && !ids.contains(idOrPrefix)) {
                throw new dev.hone.error.BadInputException("'" + idOrPrefix + "' matches " + ids.size() + " runs (" + String.join(", ",
                        ids.subList(0, Math.min(5, ids.size()))) + (ids.size() > 5 ? ", …" : "") + "); give more of the id");
            }
            return RunReader.run(connection, ids.contains(idOrPrefix) ? idOrPrefix : ids.get(0));
        } catch (SQLException e) {
            throw failure("read run " + idOrPrefix, e);
        }
    }

    /** The names of the tasks the store has runs of, in alphabetical order. */
    public List<String> tasks() {
        try {
            return HistoryReader.tasks(connection);
        } catch (SQLException e) {
            throw failure("list tasks", e);
        }
    }

    /** Every run of a task, oldest first, with its recommended candidate's score and monthly cost. */
    public List<HistoryPoint> history(String task) {
        try {
            return HistoryReader.history(connection, task);
        } catch (SQLException e) {
            throw failure("read the history of task " + task, e);
        }
    }

    /** The prompt versions a task's candidates were measured with, in order of first use, each with every use's score. */
    public List<TaskPrompt> prompts(String task) {
        try {
            return HistoryReader.prompts(connection, task);
        } catch (SQLException e) {
            throw failure("read the prompt versions of task " + task, e);
        }
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private interface Work {
        void run() throws SQLException;
    }

    private void inTransaction(String what, Work work) {
        try {
            connection.setAutoCommit(false);
            try {
                work.run();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private StoreException failure(String what, SQLException e) {
        return new StoreException("cannot " + what + " in the run store " + location.describe() + ": " + e.getMessage(), e);
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing after a failure: the failure is what the user needs to hear about.
        }
    }
}
