/**
 * Run history: every {@code hone run} recorded in a database (SQLite in one file by default,
 * PostgreSQL through a JDBC URL for a team), so runs can be listed, shown and compared example by
 * example.
 *
 * <p>What is recorded comes from the typed results ({@link dev.hone.results.RunResults}) alone:
 * {@link dev.hone.store.RunRecords} turns them into rows, {@link dev.hone.store.RunStore} writes
 * and reads the rows, {@link dev.hone.store.RunRecorder} is what {@code hone run} holds (a store
 * that fails only warns; the run's own folder never depends on it), and
 * {@link dev.hone.store.RunComparison} compares two stored runs. Across runs of one task,
 * {@link dev.hone.store.HistoryPoint} is a run on the task's timeline and
 * {@link dev.hone.store.TaskPrompt} a prompt version with every score measured with it (read only,
 * for {@code hone ui}).
 *
 * <p><b>Why a small migration list instead of Flyway.</b> The schema is a few tables that change
 * rarely; {@link dev.hone.store.Migrations} applies an ordered list of SQL scripts from the
 * resources and records each in a {@code schema_version} table, in about sixty lines. Flyway would
 * add several megabytes to the CLI (its SQLite and PostgreSQL support now ship as separate modules
 * on top of the core), a second way of configuring where the store is, and start-up time to every
 * {@code hone} command that touches history, for nothing these scripts need (no repeatable or Java
 * migrations, no undo, one application writing). The scripts are plain portable SQL, so moving to
 * Flyway later is a rename ({@code V1__run_history.sql} already follows its naming).
 *
 * <p>The SQL is kept portable between SQLite and PostgreSQL (types, {@code ON CONFLICT}); the
 * PostgreSQL driver is on the class path, so {@code HONE_STORE=jdbc:postgresql://…} works; the
 * store's tests are one contract run on SQLite and on a real PostgreSQL server the tests start.
 */
package dev.hone.store;
