package dev.hone.providers.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.json.Json;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.ProviderException;
import dev.hone.provider.RemoteChat;
import dev.hone.provider.RequestPacer;
import java.io.IOException;
import java.net.ConnectException;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * One provider's HTTP exchanges with retries: the per-minute pace, then the request; 429, 5xx,
 * timeouts, connection failures and unreadable answers are retried up to {@code max_retries}
 * times, waiting {@code Retry-After} when the server gives one, else an exponential backoff with
 * full jitter. Other 4xx answers fail at once with the server's message. A request that must not
 * run twice (creating a paid job) is retried only when the server surely did not act on it: 429
 * or no connection. The key goes only into the Authorization header and is scrubbed from any text
 * that is reported.
 */
final class OpenAiTransport implements AutoCloseable {
    /** Whether a failed attempt may be sent again. */
    enum Retry {
        /** Chats, uploads and reads: a repeat costs at most the same again. */
        TRANSIENT,
        /** Only when the server cannot have acted on it (429, no connection): a repeat could start a second paid job. */
        REJECTED_ONLY
    }

    private final ProviderConfig config;
    private final HttpClient http;
    private final RequestPacer pacer;
    private final Duration initialBackoff;
    private final AtomicLong requestsSent = new AtomicLong();

    OpenAiTransport(ProviderConfig config, Duration initialBackoff) {
        this.config = config;
        this.initialBackoff = initialBackoff;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(Math.min(30, config.timeoutSeconds())))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        this.pacer = new RequestPacer(config.requestsPerMinute());
    }

    long requestsSent() {
        return requestsSent.get();
    }

    /** {@link #send(String, String, String, String, byte[], Retry, BiFunction)} naming the configured model in messages. */
    <T> T send(String method, String path, String contentType, byte[] body, Retry retry, BiFunction<String, Long, Optional<T>> parse)
            throws InterruptedException {
        return send(method, path, config.model(), contentType, body, retry, parse);
    }

    /**
     * Sends {@code method path} (relative to base_url) with body (null for none) and returns what
     * {@code parse} makes of a 2xx body and the answer time in ms; an empty parse is an unreadable
     * answer, retried like a 5xx. {@code model} is the one the request asks, named in failures.
     */
    <T> T send(String method, String path, String model, String contentType, byte[] body, Retry retry, BiFunction<String, Long, Optional<T>> parse)
            throws InterruptedException {
        String apiKey = config.apiKey();
        URI uri = URI.create(config.baseUrl().toString().replaceAll("/+$", "") + path);
        String lastProblem = "";
        for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
            pacer.awaitSlot();
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(config.timeoutSeconds()))
                    .header("Accept", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) builder.header("Content-Type", contentType);
            if (!apiKey.isEmpty()) builder.header("Authorization", "Bearer " + apiKey);
            Duration wait;
            try {
                requestsSent.incrementAndGet();
                long started = System.nanoTime();
                HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status / 100 == 2) {
                    Optional<T> parsed = parse.apply(response.body(), (System.nanoTime() - started) / 1_000_000);
                    if (parsed.isPresent()) return parsed.get();
                    lastProblem = "the server's answer to " + method + " " + path + " was incomplete (" + excerpt(response.body(), apiKey) + ")";
                    if (retry == Retry.REJECTED_ONLY) throw new ProviderException(where(model) + lastProblem);
                    wait = backoff(attempt);
                } else if (status == 429 || (status >= 500 && retry == Retry.TRANSIENT)) {
                    lastProblem = "HTTP " + status + " " + serverMessage(response.body(), apiKey);
                    wait = retryAfter(response).orElse(backoff(attempt));
                } else {
                    throw new ProviderException(where(model) + method + " " + path + ": HTTP " + status + " " + serverMessage(response.body(), apiKey)
                            + hint(status, model) + (status >= 500 ? unsure() : ""));
                }
            } catch (HttpTimeoutException e) {
                lastProblem = "no answer within " + config.timeoutSeconds() + " s (timeout_seconds)";
                if (retry == Retry.REJECTED_ONLY) throw new ProviderException(where(model) + method + " " + path + ": " + lastProblem + unsure());
                wait = backoff(attempt);
            } catch (IOException e) {
                // ConnectException often has no message: name the failure instead of printing "null".
                String detail = e.getMessage() == null ? e.getClass().getSimpleName()
                        + (e instanceof ConnectException ? " (is the server running at that address?)" : "") : e.getMessage();
                lastProblem = "connection failed: " + scrub(detail, apiKey);
                if (retry == Retry.REJECTED_ONLY && !(e instanceof ConnectException)) {
                    throw new ProviderException(where(model) + method + " " + path + ": " + lastProblem + unsure());
                }
                wait = backoff(attempt);
            }
            if (attempt < config.maxRetries()) Thread.sleep(wait.toMillis());
        }
        throw new ProviderException(where(model) + "gave up after " + (config.maxRetries() + 1) + " attempts; last: " + lastProblem
                + ". Check base_url " + config.baseUrl() + " and the server, or raise max_retries / timeout_seconds");
    }

    private static String unsure() {
        return "; the server may have started the job anyway: check its list of fine-tuning jobs before running again";
    }

    private Duration backoff(int attempt) {
        return RemoteChat.backoff(initialBackoff, attempt);
    }

    /** Retry-After as seconds or an HTTP date, capped at {@link RemoteChat#LONGEST_WAIT}. */
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
        return Optional.of(wait.compareTo(RemoteChat.LONGEST_WAIT) > 0 ? RemoteChat.LONGEST_WAIT : wait);
    }

    private static String serverMessage(String body, String apiKey) {
        try {
            JsonNode message = Json.MAPPER.readTree(body).path("error").path("message");
            if (message.isTextual()) return "(" + scrub(message.asText(), apiKey) + ")";
        } catch (JsonProcessingException ignored) {
            // Not JSON: fall through to a short excerpt of the raw text.
        }
        return "(" + excerpt(body, apiKey) + ")";
    }

    private String hint(int status, String model) {
        return switch (status) {
            case 401, 403 -> "; check that " + (config.apiKeyEnv().isEmpty() ? "the server needs no key" : config.apiKeyEnv()
                    + " holds a valid key for " + config.baseUrl());
            case 404 -> "; check base_url (it should end in /v1) and that model '" + model + "' exists on the server";
            default -> "";
        };
    }

    static String excerpt(String text, String apiKey) {
        String scrubbed = scrub(text == null ? "" : text, apiKey).replaceAll("\\s+", " ").strip();
        return scrubbed.isEmpty() ? "empty body" : scrubbed.length() > 200 ? scrubbed.substring(0, 200) + "…" : scrubbed;
    }

    /** Servers sometimes echo what they were sent; the key must never reach a message. */
    static String scrub(String text, String apiKey) {
        return apiKey == null || apiKey.isEmpty() ? text : text.replace(apiKey, "[key]");
    }

    String where() {
        return where(config.model());
    }

    String where(String model) {
        return "provider '" + config.name() + "' (" + model + " at " + config.baseUrl() + "): ";
    }

    /** Stops the client's connections and selector thread. */
    @Override
    public void close() {
        http.close();
    }
}
