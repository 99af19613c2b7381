package dev.hone.server;

/**
 * How a server listens, batches and bounds generation.
 *
 * @param host                interface to bind; anything but loopback needs {@code apiToken}
 * @param port                TCP port, 0 for an ephemeral one
 * @param maxBatch            most texts merged into one model call, 1..4096
 * @param maxWaitMillis       longest a text waits for others to join its batch, 0..1000
 * @param maxBodyBytes        largest accepted request body, at least 1
 * @param maxInputsPerRequest most texts in one request, at least 1
 * @param apiToken            Bearer token required on all but health checks, or null for none
 * @param maxGenerations      chat or completion requests decoding at once (each in its own decoder session), 1..256
 * @param maxQueuedGenerations generation requests that may wait for a free session; beyond that a request is
 *                            answered 503 at once, 0..4096
 */
public record ServerOptions(String host, int port, int maxBatch, int maxWaitMillis,
                            int maxBodyBytes, int maxInputsPerRequest, String apiToken,
                            int maxGenerations, int maxQueuedGenerations) {
    /** Two sessions decode at once by default: on a few cores more would only share the same kernels' threads. */
    public static final int DEFAULT_MAX_GENERATIONS = 2;
    public static final int DEFAULT_MAX_QUEUED_GENERATIONS = 64;

    public ServerOptions {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        if (maxBatch < 1 || maxBatch > 4096) throw new IllegalArgumentException("maxBatch must be 1..4096, got " + maxBatch);
        if (maxWaitMillis < 0 || maxWaitMillis > 1000) {
            throw new IllegalArgumentException("maxWaitMillis must be 0..1000, got " + maxWaitMillis);
        }
        if (maxBodyBytes < 1) throw new IllegalArgumentException("maxBodyBytes must be at least 1, got " + maxBodyBytes);
        if (maxInputsPerRequest < 1) {
            throw new IllegalArgumentException("maxInputsPerRequest must be at least 1, got " + maxInputsPerRequest);
        }
        if (apiToken != null && apiToken.isBlank()) apiToken = null;
        if (maxGenerations < 1 || maxGenerations > 256) {
            throw new IllegalArgumentException("maxGenerations must be 1..256, got " + maxGenerations);
        }
        if (maxQueuedGenerations < 0 || maxQueuedGenerations > 4096) {
            throw new IllegalArgumentException("maxQueuedGenerations must be 0..4096, got " + maxQueuedGenerations);
        }
    }

    /** Options of a classifier server; generation limits at their defaults. */
    public ServerOptions(String host, int port, int maxBatch, int maxWaitMillis, int maxBodyBytes, int maxInputsPerRequest,
                         String apiToken) {
        this(host, port, maxBatch, maxWaitMillis, maxBodyBytes, maxInputsPerRequest, apiToken, DEFAULT_MAX_GENERATIONS,
                DEFAULT_MAX_QUEUED_GENERATIONS);
    }

    /** Loopback defaults: port 8080, batches of 32 within 5 ms, 1 MiB bodies, 256 inputs per request, 2 generations at once. */
    public static ServerOptions defaults(String apiToken) {
        return new ServerOptions("127.0.0.1", 8080, 32, 5, 1 << 20, 256, apiToken);
    }
}
