/**
 * The typed results of a run, exactly as {@code results.json} holds them: one record per object of
 * the file, bound to and from JSON by {@link dev.hone.results.ResultsJson} alone. Runners build these
 * records, the verdict decides on them, the report and the leaderboards read them; nothing else
 * spells a field name of the file. Record components are the JSON names in camel case
 * ({@code latencyMsP95} is {@code latency_ms_p95}).
 */
package dev.hone.results;
