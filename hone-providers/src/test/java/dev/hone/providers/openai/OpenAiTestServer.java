package dev.hone.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An OpenAI-compatible chat-completions server for tests, on 127.0.0.1 and an ephemeral port.
 * Answers come from an answer function of the request (so tests can put a real classifier
 * behind it); scripted failures queued with {@link #enqueue} are served first, one per request:
 * 429 with Retry-After, 5xx, slow answers, truncated or malformed JSON. Like OpenAI it checks the
 * bearer key when one is expected, rejects unknown paths and methods, and reports token usage.
 * {@link #fineTuning()} serves OpenAI's fine-tuning lifecycle, whose {@code ft:} models then answer chats.
 */
final class OpenAiTestServer implements AutoCloseable {
    /** One scripted reply. */
    sealed interface Reply permits Answer, Status, Slow, Raw {
    }

    record Answer(String text) implements Reply {
    }

    record Status(int code, String retryAfter, String message) implements Reply {
    }

    record Slow(long millis, String text) implements Reply {
    }

    /** A 200 whose body is given verbatim (truncated or malformed JSON). */
    record Raw(String body) implements Reply {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final Function<JsonNode, String> answer;
    private final String expectedKey;
    private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    /** The exchange attribute holding what takes a request out of the in-flight count. */
    private static final String LEAVING = "hone.test.leaving";
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final List<JsonNode> bodies = Collections.synchronizedList(new ArrayList<>());
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final List<String> rawRequests = Collections.synchronizedList(new ArrayList<>());
    private final FineTuningEndpoints fineTuning = new FineTuningEndpoints();

    /**
     * @param answer      the assistant's text for a request body
     * @param expectedKey the bearer key to demand, or null to accept any (like Ollama)
     */
    OpenAiTestServer(Function<JsonNode, String> answer, String expectedKey) throws IOException {
        this.answer = answer;
        this.expectedKey = expectedKey;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    void enqueue(Reply... replies) {
        script.addAll(List.of(replies));
    }

    int requests() {
        return requests.get();
    }

    FineTuningEndpoints fineTuning() {
        return fineTuning;
    }

    int mostInFlight() {
        return mostInFlight.get();
    }

    List<JsonNode> bodies() {
        return List.copyOf(bodies);
    }

    /** Each chat request with the moment it arrived ({@link System#nanoTime()}), in the order they were read. */
    List<Received> received() {
        return List.copyOf(received);
    }

    record Received(long nanoTime, JsonNode body) {
    }

    /** Everything received (headers included), to check that nothing unexpected was sent. */
    List<String> rawRequests() {
        return List.copyOf(rawRequests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        int now = inFlight.incrementAndGet();
        mostInFlight.accumulateAndGet(now, Math::max);
        // Leaves the count just before its answer is written (see send): a client may send its next
        // request as soon as it reads this answer, before this thread gets back here to finally.
        java.util.concurrent.atomic.AtomicBoolean counted = new java.util.concurrent.atomic.AtomicBoolean(true);
        Runnable leave = () -> {
            if (counted.getAndSet(false)) inFlight.decrementAndGet();
        };
        exchange.setAttribute(LEAVING, leave);
        try {
            requests.incrementAndGet();
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            String text = new String(bytes, StandardCharsets.UTF_8);
            rawRequests.add(exchange.getRequestHeaders() + "\n" + text);
            String path = exchange.getRequestURI().getPath();
            if (FineTuningEndpoints.serves(path)) {
                if (expectedKey != null && !("Bearer " + expectedKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    error(exchange, 401, "Incorrect API key provided.", "invalid_api_key");
                } else {
                    fineTuning.handle(exchange, path, bytes);
                }
                return;
            }
            if (!exchange.getRequestURI().getPath().equals("/v1/chat/completions")) {
                error(exchange, 404, "Invalid URL (" + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + ")", "invalid_request_error");
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                error(exchange, 405, "Method not allowed", "invalid_request_error");
                return;
            }
            if (expectedKey != null && !("Bearer " + expectedKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, "Incorrect API key provided.", "invalid_api_key");
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(text);
            } catch (IOException e) {
                error(exchange, 400, "We could not parse the JSON body of your request.", "invalid_request_error");
                return;
            }
            if (!body.path("model").isTextual() || !body.path("messages").isArray() || body.path("messages").isEmpty()) {
                error(exchange, 400, "'model' and a non-empty 'messages' are required", "invalid_request_error");
                return;
            }
            bodies.add(body);
            received.add(new Received(arrived, body));
            Reply reply = script.poll();
            if (reply == null) reply = reply(body);
            switch (reply) {
                case Answer a -> completion(exchange, body, a.text());
                case Status s -> {
                    if (s.retryAfter() != null) exchange.getResponseHeaders().add("Retry-After", s.retryAfter());
                    error(exchange, s.code(), s.message(), s.code() == 429 ? "rate_limit_exceeded" : "server_error");
                }
                case Slow s -> {
                    try {
                        Thread.sleep(s.millis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    completion(exchange, body, s.text());
                }
                case Raw r -> send(exchange, 200, r.body());
            }
        } finally {
            leave.run();
        }
    }

    /** The answer function's reply, or for an {@code ft:} model its fine-tuning job's (404 for a model no job made). */
    private Reply reply(JsonNode body) {
        String model = body.get("model").asText();
        if (!model.startsWith("ft:")) return new Answer(answer.apply(body));
        String text = fineTuning.answer(body);
        return text != null ? new Answer(text) : new Status(404, null, "The model '" + model + "' does not exist");
    }

    private static void completion(HttpExchange exchange, JsonNode request, String text) throws IOException {
        long promptTokens = 0;
        for (JsonNode m : request.get("messages")) promptTokens += words(m.path("content").asText()) + 4;
        long completionTokens = words(text);
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-test").put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000).put("model", request.get("model").asText());
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text);
        choice.put("finish_reason", "stop");
        root.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        send(exchange, 200, JSON.writeValueAsString(root));
    }

    private static long words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }

    static void error(HttpExchange exchange, int code, String message, String type) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("message", message).put("type", type).putNull("param").put("code", type);
        send(exchange, code, JSON.writeValueAsString(root));
    }

    static void send(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (exchange.getAttribute(LEAVING) instanceof Runnable leaving) leaving.run();
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException e) {
            // The client gave up (a timeout test): nothing to answer.
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
