package dev.hone.providers.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.provider.ChatMessage;
import dev.hone.provider.ChatRequest;
import dev.hone.provider.ChatResponse;
import dev.hone.provider.Provider;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.ProviderException;
import dev.hone.provider.Usage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST {base_url}/chat/completions}. Per call: the cache is asked first; otherwise the call
 * waits for one of {@code max_concurrency} permits and a slot of the per-minute pace, then sends.
 * 429, 5xx, timeouts, connection failures and unreadable answers are retried up to
 * {@code max_retries} times, waiting {@code Retry-After} when the server gives one, else an
 * exponential backoff with full jitter. Other 4xx answers fail at once with the server's message.
 * The key goes only into the Authorization header and is scrubbed from any text that is reported.
 */
public final class OpenAiProvider implements Provider {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A server asking for longer than this is treated as this: a run should fail visibly, not hang. */
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(2);

    private final ProviderConfig config;
    private final HttpClient http;
    private final Semaphore permits;
    private final RequestPacer pacer;
    private final ResponseCache cache;
    private final Duration initialBackoff;
    private final AtomicLong requestsSent = new AtomicLong();
    private final AtomicLong cacheHits = new AtomicLong();
    private final AtomicLong inputTokens = new AtomicLong();
    private final AtomicLong outputTokens = new AtomicLong();

    public OpenAiProvider(ProviderConfig config) {
        this(config, Duration.ofMillis(500));
    }

    /** With a chosen first backoff (tests use a few milliseconds). */
    OpenAiProvider(ProviderConfig config, Duration initialBackoff) {
        this.config = config;
        this.initialBackoff = initialBackoff;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(Math.min(30, config.timeoutSeconds())))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        this.permits = new Semaphore(config.maxConcurrency(), true);
        this.pacer = new RequestPacer(config.requestsPerMinute());
        this.cache = config.cacheDirectory() == null ? null : new ResponseCache(config.cacheDirectory());
    }

    @Override
    public ProviderConfig config() {
        return config;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        String body = body(request);
        String key = ResponseCache.key(body);
        if (cache != null) {
            Optional<ChatResponse> hit = cache.get(key);
            if (hit.isPresent()) {
                cacheHits.incrementAndGet();
                return hit.get();
            }
        }
        String apiKey = config.apiKey();
        try {
            permits.acquire();
            try {
                ChatResponse response = send(body, apiKey);
                if (cache != null) cache.put(key, response);
                return response;
            } finally {
                permits.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(where() + "interrupted while waiting for an answer");
        }
    }

    /** Stops the client's connections and selector thread. */
    @Override
    public void close() {
        http.close();
    }

    /** Requests actually sent over the network (retries included), for reports and tests. */
    public long requestsSent() {
        return requestsSent.get();
    }

    public long cacheHits() {
        return cacheHits.get();
    }

    /** Tokens of every answer received over the network so far (cache hits cost nothing). */
    public Usage usageSent() {
        return new Usage(inputTokens.get(), outputTokens.get());
    }

    /**
     * The request body, canonical: fixed key order, so equal requests hash equally. The seed is
     * only sent (and only part of the cache key) when sampling, where it tells samples apart.
     */
    String body(ChatRequest request) {
        ObjectNode root = JSON.createObjectNode().put("model", config.model());
        ArrayNode messages = root.putArray("messages");
        for (ChatMessage m : request.messages()) messages.addObject().put("role", m.role()).put("content", m.content());
        root.put("temperature", request.temperature()).put("max_tokens", request.maxTokens());
        if (request.temperature() > 0) root.put("seed", request.seed());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    private ChatResponse send(String body, String apiKey) throws InterruptedException {
        URI uri = URI.create(config.baseUrl().toString().replaceAll("/+$", "") + "/chat/completions");
        String lastProblem = "";
        for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
            pacer.awaitSlot();
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(config.timeoutSeconds()))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (!apiKey.isEmpty()) builder.header("Authorization", "Bearer " + apiKey);
            Duration wait;
            try {
                requestsSent.incrementAndGet();
                long started = System.nanoTime();
                HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status == 200) {
                    Optional<ChatResponse> parsed = parse(response.body(), (System.nanoTime() - started) / 1_000_000);
                    if (parsed.isPresent()) return parsed.get();
                    lastProblem = "the server's answer was not a complete chat completion (" + excerpt(response.body(), apiKey) + ")";
                    wait = backoff(attempt);
                } else if (status == 429 || status >= 500) {
                    lastProblem = "HTTP " + status + " " + serverMessage(response.body(), apiKey);
                    wait = retryAfter(response).orElse(backoff(attempt));
                } else {
                    throw new ProviderException(where() + "HTTP " + status + " " + serverMessage(response.body(), apiKey) + hint(status));
                }
            } catch (HttpTimeoutException e) {
                lastProblem = "no answer within " + config.timeoutSeconds() + " s (timeout_seconds)";
                wait = backoff(attempt);
            } catch (IOException e) {
                // ConnectException often has no message: name the failure instead of printing "null".
                String detail = e.getMessage() == null ? e.getClass().getSimpleName()
                        + (e instanceof java.net.ConnectException ? " (is the server running at that address?)" : "") : e.getMessage();
                lastProblem = "connection failed: " + scrub(detail, apiKey);
                wait = backoff(attempt);
            }
            if (attempt < config.maxRetries()) Thread.sleep(wait.toMillis());
        }
        throw new ProviderException(where() + "gave up after " + (config.maxRetries() + 1) + " attempts; last: " + lastProblem
                + ". Check base_url " + config.baseUrl() + " and the server, or raise max_retries / timeout_seconds");
    }

    /** Full jitter: uniform in [0, initial · 2^attempt], capped. */
    private Duration backoff(int attempt) {
        long ceiling = Math.min(LONGEST_WAIT.toMillis(), initialBackoff.toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(1, ceiling) + 1));
    }

    /** Retry-After as seconds or an HTTP date, capped at {@link #LONGEST_WAIT}. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isEmpty()) return Optional.empty();
        String value = header.get().trim();
        Duration wait;
        try {
            wait = Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
        } catch (NumberFormatException e) {
            try {
                wait = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (RuntimeException unreadable) {
                return Optional.empty();
            }
        }
        if (wait.isNegative()) wait = Duration.ZERO;
        return Optional.of(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
    }

    private Optional<ChatResponse> parse(String body, long latencyMillis) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode content = root.path("choices").path(0).path("message").path("content");
            if (!content.isTextual()) return Optional.empty();
            JsonNode usage = root.path("usage");
            Usage used = new Usage(Math.max(0, usage.path("prompt_tokens").asLong(0)), Math.max(0, usage.path("completion_tokens").asLong(0)));
            inputTokens.addAndGet(used.inputTokens());
            outputTokens.addAndGet(used.outputTokens());
            return Optional.of(new ChatResponse(content.asText(), used, false, latencyMillis));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String serverMessage(String body, String apiKey) {
        try {
            JsonNode message = JSON.readTree(body).path("error").path("message");
            if (message.isTextual()) return "(" + scrub(message.asText(), apiKey) + ")";
        } catch (JsonProcessingException ignored) {
            // Not JSON: fall through to a short excerpt of the raw text.
        }
        return "(" + excerpt(body, apiKey) + ")";
    }

    private String hint(int status) {
        return switch (status) {
            case 401, 403 -> "; check that " + (config.apiKeyEnv().isEmpty() ? "the server needs no key" : config.apiKeyEnv()
                    + " holds a valid key for " + config.baseUrl());
            case 404 -> "; check base_url (it should end in /v1) and that model '" + config.model() + "' exists on the server";
            default -> "";
        };
    }

    private static String excerpt(String text, String apiKey) {
        String scrubbed = scrub(text == null ? "" : text, apiKey).replaceAll("\\s+", " ").strip();
        return scrubbed.isEmpty() ? "empty body" : scrubbed.length() > 200 ? scrubbed.substring(0, 200) + "…" : scrubbed;
    }

    /** Servers sometimes echo what they were sent; the key must never reach a message. */
    static String scrub(String text, String apiKey) {
        return apiKey == null || apiKey.isEmpty() ? text : text.replace(apiKey, "[key]");
    }

    private String where() {
        return "provider '" + config.name() + "' (" + config.model() + " at " + config.baseUrl() + "): ";
    }
}
