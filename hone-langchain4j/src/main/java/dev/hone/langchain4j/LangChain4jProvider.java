package dev.hone.langchain4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.json.Json;
import dev.hone.provider.ChatMessage;
import dev.hone.provider.ChatRequest;
import dev.hone.provider.ChatResponse;
import dev.hone.provider.Provider;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.ProviderException;
import dev.hone.provider.RemoteChat;
import dev.hone.provider.RequestPacer;
import dev.hone.provider.Usage;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@code type: langchain4j} provider: a LangChain4j {@link ChatModel} (Anthropic, Gemini, or any
 * other on the class path, see {@link ChatModelBuilder}) with Hone's behaviour around it, as the
 * openai type has: {@link RemoteChat} asks the answer cache first (keyed like every provider's, by
 * sha256 of a canonical request body), else the call waits for one of {@code max_concurrency}
 * permits and for its slot of {@code requests_per_minute}, and LangChain4j's retriable failures (rate limits,
 * timeouts, 5xx, lost connections) are retried up to {@code max_retries} times with exponential
 * backoff and full jitter. The key is read from {@code api_key_env} when the first request is
 * made, goes only to the chat model, and is scrubbed from every message.
 */
public final class LangChain4jProvider implements Provider {
    private final ProviderConfig config;
    private final Duration initialBackoff;
    private final RemoteChat remote;
    private final RequestPacer pacer;
    private final AtomicLong requestsSent = new AtomicLong();
    private volatile ChatModel model;

    public LangChain4jProvider(ProviderConfig config) {
        this(config, Duration.ofMillis(500));
    }

    /** With a chosen first backoff (tests use a few milliseconds). */
    LangChain4jProvider(ProviderConfig config, Duration initialBackoff) {
        if (config.chatModel().isEmpty()) {
            throw new IllegalArgumentException("providers." + config.name() + ".chat_model is required for type: langchain4j");
        }
        this.config = config;
        this.initialBackoff = initialBackoff;
        this.remote = new RemoteChat(config);
        this.pacer = new RequestPacer(config.requestsPerMinute());
    }

    @Override
    public ProviderConfig config() {
        return config;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return remote.answer(body(request), where(request), () -> send(request));
    }

    /** Requests handed to the chat model (retries included), for reports and tests. */
    public long requestsSent() {
        return requestsSent.get();
    }

    public long cacheHits() {
        return remote.cacheHits();
    }

    /** Tokens of every answer received from the chat model so far (cache hits cost nothing). */
    public Usage usageSent() {
        return remote.usageSent();
    }

    /**
     * The request's identity, canonical (fixed key order): the chat model's class and settings, the
     * model, messages and sampling parameters; the seed only when sampling, where it tells samples apart.
     */
    String body(ChatRequest request) {
        ObjectNode root = Json.MAPPER.createObjectNode().put("chat_model", ChatModelBuilder.className(config.chatModel()))
                .put("model", model(request));
        ArrayNode messages = root.putArray("messages");
        for (ChatMessage m : request.messages()) messages.addObject().put("role", m.role()).put("content", m.content());
        root.put("temperature", request.temperature()).put("max_tokens", request.maxTokens());
        if (request.temperature() > 0) root.put("seed", request.seed());
        if (!config.settings().isEmpty()) config.settings().forEach(root.putObject("settings")::put);
        try {
            return Json.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    private ChatResponse send(ChatRequest request) throws InterruptedException {
        String apiKey = config.apiKey();
        ChatModel chatModel = chatModel(apiKey);
        dev.langchain4j.model.chat.request.ChatRequest lc4jRequest = dev.langchain4j.model.chat.request.ChatRequest.builder()
                .messages(request.messages().stream().map(LangChain4jProvider::message).toList())
                .parameters(ChatRequestParameters.builder().modelName(model(request)).temperature(request.temperature())
                        .maxOutputTokens(request.maxTokens()).build())
                .build();
        String lastProblem = "";
        for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
            pacer.awaitSlot();
            requestsSent.incrementAndGet();
            long started = System.nanoTime();
            try {
                dev.langchain4j.model.chat.response.ChatResponse answer = chatModel.chat(lc4jRequest);
                long latencyMillis = (System.nanoTime() - started) / 1_000_000;
                String text = answer.aiMessage() == null ? null : answer.aiMessage().text();
                if (text != null) return response(text, answer.tokenUsage(), latencyMillis);
                lastProblem = "the answer had no text";
            } catch (RuntimeException e) {
                if (!retriable(e)) {
                    throw new ProviderException(where(request) + describe(e, apiKey) + hint(e), withoutKey(e, apiKey));
                }
                lastProblem = describe(e, apiKey);
            }
            if (attempt < config.maxRetries()) Thread.sleep(RemoteChat.backoff(initialBackoff, attempt).toMillis());
        }
        throw new ProviderException(where(request) + "gave up after " + (config.maxRetries() + 1) + " attempts; last: " + lastProblem
                + ". Check the service, or raise max_retries / timeout_seconds");
    }

    private static ChatResponse response(String text, TokenUsage tokenUsage, long latencyMillis) {
        Usage used = tokenUsage == null ? Usage.NONE
                : new Usage(Math.max(0, orZero(tokenUsage.inputTokenCount())), Math.max(0, orZero(tokenUsage.outputTokenCount())));
        return new ChatResponse(text, used, false, latencyMillis);
    }

    private static long orZero(Integer count) {
        return count == null ? 0 : count;
    }

    /** Built at the first request, so the key's variable is read when it is needed and a config can be checked without it. */
    private ChatModel chatModel(String apiKey) {
        ChatModel built = model;
        if (built == null) {
            synchronized (this) {
                if (model == null) {
                    try {
                        model = ChatModelBuilder.build(config, apiKey);
                    } catch (ProviderException e) {
                        throw new ProviderException("provider '" + config.name() + "': " + ChatModelBuilder.scrub(e.getMessage(), apiKey));
                    }
                }
                built = model;
            }
        }
        return built;
    }

    private static dev.langchain4j.data.message.ChatMessage message(ChatMessage message) {
        return switch (message.role()) {
            case "system" -> SystemMessage.from(message.content());
            case "assistant" -> AiMessage.from(message.content());
            default -> UserMessage.from(message.content());
        };
    }

    /** Rate limits, timeouts, 5xx and lost connections: a repeat may succeed. */
    static boolean retriable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RetriableException || t instanceof IOException) return true;
            if (t instanceof HttpException http && (http.statusCode() == 429 || http.statusCode() >= 500)) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }

    private String hint(RuntimeException e) {
        if (e instanceof AuthenticationException || e instanceof HttpException http && (http.statusCode() == 401 || http.statusCode() == 403)) {
            return "; check that " + (config.apiKeyEnv().isEmpty() ? "the service needs no key (set api_key_env if it does)"
                    : config.apiKeyEnv() + " holds a valid key for " + config.where());
        }
        if (e instanceof ModelNotFoundException || e instanceof HttpException http && http.statusCode() == 404) {
            return "; check model and base_url";
        }
        return "";
    }

    private static String describe(Throwable e, String apiKey) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        String scrubbed = ChatModelBuilder.scrub(message, apiKey).replaceAll("\\s+", " ").strip();
        return scrubbed.length() > 300 ? scrubbed.substring(0, 300) + "…" : scrubbed;
    }

    /** The cause kept for stack traces, unless its text holds the key (a service echoing what it was sent). */
    private static Throwable withoutKey(Throwable e, String apiKey) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!apiKey.isEmpty() && t.getMessage() != null && t.getMessage().contains(apiKey)) return null;
            if (t.getCause() == t) break;
        }
        return e;
    }

    private String model(ChatRequest request) {
        return request.model().isEmpty() ? config.model() : request.model();
    }

    private String where(ChatRequest request) {
        return "provider '" + config.name() + "' (" + config.chatModel() + " " + model(request) + " at " + config.where() + "): ";
    }
}
