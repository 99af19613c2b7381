/**
 * The HTTP servers: {@link dev.hone.server.HoneServer} serves one candidate or chat model (JSON
 * endpoints with dynamic micro-batching for a classifier, OpenAI's chat/completions, completions
 * and models for an in-process chat model, each request in its own decoder session, bounded;
 * health checks and metrics), and {@link dev.hone.server.Dashboard} serves the run history as
 * pages ({@code hone ui}: runs, a run and its report, two runs compared, a task over time). Both
 * bind and check tokens through {@link dev.hone.server.HttpStack}, on the JDK's
 * {@code com.sun.net.httpserver} with virtual threads, so serving adds no dependency.
 */
package dev.hone.server;
