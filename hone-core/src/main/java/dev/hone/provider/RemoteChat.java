package dev.hone.provider;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every remote chat provider puts around its own transport, so each type (openai, langchain4j)
 * only says how one request is sent: the answer cache is asked first; otherwise the call waits for
 * one of {@code max_concurrency} permits and sends; an answer from the service is cached and its
 * tokens counted (a cache hit costs nothing). Also the retry wait both transports use.
 */
public final class RemoteChat {
    /** A wait longer than this is treated as this: a run should fail visibly, not hang. */
    public static final Duration LONGEST_WAIT = Duration.ofMinutes(2);

    /** One request to the service, with the transport's own pace and retries. */
    @FunctionalInterface
    public interface Send {
        ChatResponse send() throws InterruptedException;
    }

    private final Semaphore permits;
    private final ResponseCache cache;
    private final AtomicLong cacheHits = new AtomicLong();
    private final AtomicLong inputTokens = new AtomicLong();
    private final AtomicLong outputTokens = new AtomicLong();

    public RemoteChat(ProviderConfig config) {
        this.permits = new Semaphore(config.maxConcurrency(), true);
        this.cache = config.cacheDirectory() == null ? null : new ResponseCache(config.cacheDirectory());
    }

    /**
     * The answer to the request whose canonical body is {@code canonicalBody} (its cache key), from
     * the cache or from {@code send}. {@code where} starts the message of an interrupted wait.
     */
    public ChatResponse answer(String canonicalBody, String where, Send send) {
        String key = ResponseCache.key(canonicalBody);
        if (cache != null) {
            Optional<ChatResponse> hit = cache.get(key);
            if (hit.isPresent()) {
                cacheHits.incrementAndGet();
                return hit.get();
            }
        }
        try {
            permits.acquire();
            try {
                ChatResponse response = send.send();
                inputTokens.addAndGet(response.usage().inputTokens());
                outputTokens.addAndGet(response.usage().outputTokens());
                if (cache != null) cache.put(key, response);
                return response;
            } finally {
                permits.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(where + "interrupted while waiting for an answer");
        }
    }

    public long cacheHits() {
        return cacheHits.get();
    }

    /** Tokens of every answer received from the service so far (cache hits cost nothing). */
    public Usage usageSent() {
        return new Usage(inputTokens.get(), outputTokens.get());
    }

    /** The wait before retry {@code attempt + 1}: full jitter, uniform in [0, initial · 2^attempt], capped at {@link #LONGEST_WAIT}. */
    public static Duration backoff(Duration initial, int attempt) {
        long ceiling = Math.min(LONGEST_WAIT.toMillis(), initial.toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(1, ceiling) + 1));
    }
}
