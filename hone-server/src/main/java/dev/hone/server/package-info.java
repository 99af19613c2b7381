/**
 * The HTTP server that serves one candidate: JSON endpoints, health checks and dynamic micro-batching.
 * It uses the JDK's {@code com.sun.net.httpserver} with virtual threads, so serving adds no dependency.
 */
package dev.hone.server;
