/**
 * The HTTP server that serves one candidate or chat model: JSON endpoints with dynamic
 * micro-batching for a classifier, OpenAI's chat/completions, completions and models for an
 * in-process chat model (each request in its own decoder session, bounded), health checks and metrics.
 * It uses the JDK's {@code com.sun.net.httpserver} with virtual threads, so serving adds no dependency.
 */
package dev.hone.server;
