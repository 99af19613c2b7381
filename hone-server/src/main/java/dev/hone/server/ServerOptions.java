package dev.hone.server;

/**
 * How a server listens and batches.
 *
 * @param host              interface to bind; anything but loopback needs {@code apiToken}
 * @param port              TCP port, 0 for an ephemeral one
 * @param maxBatch          most texts merged into one model call, 1..4096
 * @param maxWaitMillis     longest a text waits for others to join its batch, 0..1000
 * @param maxBodyBytes      largest accepted request body, at least 1
 * @param maxInputsPerRequest most texts in one request, at least 1
 * @param apiToken          Bearer token required on all but health checks, or null for none
 */
public record ServerOptions(String host, int port, int maxBatch, int maxWaitMillis,
                            int maxBodyBytes, int maxInputsPerRequest, String apiToken) {
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
    }

    /** Loopback defaults: port 8080, batches of 32 within 5 ms, 1 MiB bodies, 256 inputs per request. */
    public static ServerOptions defaults(String apiToken) {
        return new ServerOptions("127.0.0.1", 8080, 32, 5, 1 << 20, 256, apiToken);
    }
}
