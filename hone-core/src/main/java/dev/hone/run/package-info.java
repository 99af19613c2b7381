/**
 * Runs: {@link dev.hone.run.Runner} dispatches on the task's kind to its pipeline (classification,
 * retrieval, generation), which loads the data, builds and measures every candidate, asks the
 * verdict ({@code dev.hone.verdict}) for a decision and writes the typed results
 * ({@code dev.hone.results}) as {@code results.json}; {@link dev.hone.run.Leaderboard} prints them.
 */
package dev.hone.run;
