package dev.hone.providers.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.json.Json;
import dev.hone.provider.ChatMessage;
import dev.hone.provider.ChatRequest;
import dev.hone.provider.ChatResponse;
import dev.hone.provider.FineTuneEvent;
import dev.hone.provider.FineTuneJob;
import dev.hone.provider.FineTuneRequest;
import dev.hone.provider.FineTuningProvider;
import dev.hone.provider.Provider;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.RemoteChat;
import dev.hone.provider.Usage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST {base_url}/chat/completions}, and OpenAI's fine-tuning API ({@link OpenAiFineTuning}).
 * Per chat: {@link RemoteChat} asks the cache first, else waits for one of {@code max_concurrency}
 * permits, then {@link OpenAiTransport} sends it with the pace and retries of the provider's
 * settings. The key goes only into the Authorization header and is scrubbed from any text that is reported.
 */
public final class OpenAiProvider implements Provider, FineTuningProvider {

    private final ProviderConfig config;
    private final OpenAiTransport transport;
    private final OpenAiFineTuning fineTuning;
    private final RemoteChat remote;

    public OpenAiProvider(ProviderConfig config) {
        this(config, Duration.ofMillis(500));
    }

    /** With a chosen first backoff (tests use a few milliseconds). */
    OpenAiProvider(ProviderConfig config, Duration initialBackoff) {
        this.config = config;
        this.transport = new OpenAiTransport(config, initialBackoff);
        this.fineTuning = new OpenAiFineTuning(transport);
        this.remote = new RemoteChat(config);
    }

    @Override
    public ProviderConfig config() {
        return config;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        String model = model(request);
        String body = body(request);
        return remote.answer(body, transport.where(model), () -> transport.send("POST", "/chat/completions", model,
                "application/json", body.getBytes(StandardCharsets.UTF_8), OpenAiTransport.Retry.TRANSIENT, OpenAiProvider::parse));
    }

    @Override
    public String uploadTrainingFile(String fileName, byte[] jsonl) {
        return fineTuning.upload(fileName, jsonl);
    }

    @Override
    public FineTuneJob createJob(FineTuneRequest request) {
        return fineTuning.create(request);
    }

    @Override
    public FineTuneJob job(String jobId) {
        return fineTuning.job(jobId);
    }

    @Override
    public List<FineTuneEvent> events(String jobId) {
        return fineTuning.events(jobId);
    }

    /** Stops the client's connections and selector thread. */
    @Override
    public void close() {
        transport.close();
    }

    /** Requests actually sent over the network (retries and fine-tuning calls included), for reports and tests. */
    public long requestsSent() {
        return transport.requestsSent();
    }

    public long cacheHits() {
        return remote.cacheHits();
    }

    /** Tokens of every answer received over the network so far (cache hits cost nothing). */
    public Usage usageSent() {
        return remote.usageSent();
    }

    /**
     * The request body, canonical: fixed key order, so equal requests hash equally. The seed is
     * only sent (and only part of the cache key) when sampling, where it tells samples apart.
     */
    String body(ChatRequest request) {
        ObjectNode root = Json.MAPPER.createObjectNode().put("model", model(request));
        ArrayNode messages = root.putArray("messages");
        for (ChatMessage m : request.messages()) messages.addObject().put("role", m.role()).put("content", m.content());
        root.put("temperature", request.temperature()).put("max_tokens", request.maxTokens());
        if (request.temperature() > 0) root.put("seed", request.seed());
        try {
            return Json.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    /** The request's own model (a fine-tuned one asked through its base model's provider), else the configured one. */
    private String model(ChatRequest request) {
        return request.model().isEmpty() ? config.model() : request.model();
    }

    /** Retry-After as seconds or an HTTP date, capped (see {@link OpenAiTransport}). */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return OpenAiTransport.retryAfter(response);
    }

    private static Optional<ChatResponse> parse(String body, long latencyMillis) {
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            JsonNode content = root.path("choices").path(0).path("message").path("content");
            if (!content.isTextual()) return Optional.empty();
            JsonNode usage = root.path("usage");
            Usage used = new Usage(Math.max(0, usage.path("prompt_tokens").asLong(0)), Math.max(0, usage.path("completion_tokens").asLong(0)));
            return Optional.of(new ChatResponse(content.asText(), used, false, latencyMillis));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
