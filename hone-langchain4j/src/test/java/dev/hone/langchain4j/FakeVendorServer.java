package dev.hone.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local stand-in for two vendors' chat APIs, so the LangChain4j chat models are tested without a
 * real key: Anthropic's Messages API ({@code POST /v1/messages}, key in {@code x-api-key}) and
 * Gemini's {@code POST /v1beta/models/MODEL:generateContent} (key in {@code x-goog-api-key}). The
 * answer's text comes from a function of the last user message; token counts are words. Failure
 * statuses queued with {@link #failNext} are answered first; every exchange's headers are kept, and
 * the most requests in flight at once is counted.
 */
final class FakeVendorServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Function<String, String> answer;
    private final Deque<Integer> failures = new ConcurrentLinkedDeque<>();
    private final List<String> headerLines = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<JsonNode> bodies = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private volatile long delayMillis;
    private volatile String errorMessage = "overloaded, try again";

    FakeVendorServer(Function<String, String> answer) throws IOException {
        this.answer = answer;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/v1/messages", exchange -> handle(exchange, true));
        server.createContext("/v1beta/models/", exchange -> handle(exchange, false));
        server.setExecutor(executor);
        server.start();
    }

    /** The base URL to give Anthropic's builder. */
    String anthropicUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/";
    }

    /** The base URL to give Gemini's builder. */
    String geminiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1beta";
    }

    void failNext(int... statuses) {
        for (int status : statuses) failures.add(status);
    }

    /** What a failing answer's error message says (a service may echo what it was sent). */
    void errorMessage(String message) {
        errorMessage = message;
    }

    void delayMillis(long millis) {
        delayMillis = millis;
    }

    int requests() {
        return requests.get();
    }

    int mostInFlight() {
        return mostInFlight.get();
    }

    /** Every request's headers as "name: value" lines, lower-case names. */
    List<String> headerLines() {
        synchronized (headerLines) {
            return List.copyOf(headerLines);
        }
    }

    List<JsonNode> bodies() {
        synchronized (bodies) {
            return List.copyOf(bodies);
        }
    }

    private void handle(HttpExchange exchange, boolean anthropic) throws IOException {
        int now = inFlight.incrementAndGet();
        mostInFlight.accumulateAndGet(now, Math::max);
        try {
            requests.incrementAndGet();
            exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headerLines.add(name.toLowerCase() + ": " + v)));
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            bodies.add(body);
            if (delayMillis > 0) Thread.sleep(delayMillis);
            Integer failure = failures.poll();
            if (failure != null) {
                ObjectNode error = JSON.createObjectNode();
                if (anthropic) {
                    error.put("type", "error").putObject("error").put("type", "api_error").put("message", errorMessage);
                } else {
                    error.putObject("error").put("code", failure).put("message", errorMessage).put("status", "UNAVAILABLE");
                }
                send(exchange, failure, error);
                return;
            }
            String user = lastUserText(body, anthropic);
            String text = answer.apply(user);
            long inputTokens = words(body.toString());
            long outputTokens = words(text);
            ObjectNode reply = JSON.createObjectNode();
            if (anthropic) {
                reply.put("id", "msg_" + requests.get()).put("type", "message").put("role", "assistant")
                        .put("model", body.path("model").asText()).put("stop_reason", "end_turn");
                reply.putArray("content").addObject().put("type", "text").put("text", text);
                reply.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", outputTokens);
            } else {
                ObjectNode candidate = reply.putArray("candidates").addObject();
                candidate.putObject("content").put("role", "model").putArray("parts").addObject().put("text", text);
                candidate.put("finishReason", "STOP");
                reply.putObject("usageMetadata").put("promptTokenCount", inputTokens).put("candidatesTokenCount", outputTokens)
                        .put("totalTokenCount", inputTokens + outputTokens);
            }
            send(exchange, 200, reply);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    private static String lastUserText(JsonNode body, boolean anthropic) {
        String text = "";
        if (anthropic) {
            for (JsonNode message : body.path("messages")) {
                if (!"user".equals(message.path("role").asText())) continue;
                JsonNode content = message.path("content");
                text = content.isTextual() ? content.asText() : content.path(0).path("text").asText();
            }
        } else {
            for (JsonNode content : body.path("contents")) {
                if ("user".equals(content.path("role").asText())) text = content.path("parts").path(0).path("text").asText();
            }
        }
        return text;
    }

    private static long words(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
