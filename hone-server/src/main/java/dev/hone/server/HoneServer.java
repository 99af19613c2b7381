package dev.hone.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hone.Prediction;
import dev.hone.engine.model.TextEncoder;
import dev.hone.error.HoneException;
import dev.hone.error.OutOfMemoryException;
import dev.hone.json.Json;
import dev.hone.strategy.Candidate;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Serves one model over HTTP: {@code POST /v1/classify} and {@code POST /v1/embeddings} for a
 * classifier; OpenAI's {@code POST /v1/chat/completions}, {@code POST /v1/completions} and
 * {@code GET /v1/models} for a chat model ({@link GenerationEndpoints}); {@code GET /healthz},
 * {@code GET /readyz}, {@code GET /metrics} (Prometheus text).
 * The model loads in the background; its endpoints answer 503 until it is ready. Every error is
 * {@code {"error": {"message", "type"}}}, never a stack trace.
 */
public final class HoneServer implements AutoCloseable {


    private final ServerOptions options;
    private final HttpServer http;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final CompletableFuture<ServedModel> model;
    private volatile MicroBatcher batcher;
    private final ServerMetrics metrics = new ServerMetrics();
    private final GenerationEndpoints generation;
    private static final java.util.Set<String> ENDPOINTS = java.util.Set.of("/", "/healthz", "/readyz", "/metrics",
            "/v1/classify", "/v1/embeddings", "/v1/chat/completions", "/v1/completions", "/v1/models");

    private HoneServer(ServerOptions options, HttpServer http, CompletableFuture<ServedModel> model) {
        this.options = options;
        this.http = http;
        this.model = model;
        this.generation = new GenerationEndpoints(options, metrics);
    }

    /**
     * Binds, starts serving and loads the model in the background.
     *
     * @throws HoneException if the bind address is not loopback and no token is set, or the port is taken
     */
    public static HoneServer start(ServerOptions options, Supplier<ServedModel> loader) {
        HttpServer http = HttpStack.bind(options, "use the model");
        HoneServer server = new HoneServer(options, http, new CompletableFuture<>());
        http.setExecutor(server.threads);
        http.createContext("/", server::handle);
        http.start();
        Thread.ofVirtual().name("hone-model-load").start(() -> server.load(loader));
        return server;
    }

    private void load(Supplier<ServedModel> loader) {
        try {
            long started = System.nanoTime();
            ServedModel loaded = loader.get();
            if (loaded.classifier() != null) {
                batcher = new MicroBatcher(loaded.classifier(), options.maxBatch(), options.maxWaitMillis(), metrics::batch);
            }
            metrics.modelLoaded((System.nanoTime() - started) / 1e9);
            model.complete(loaded);
        } catch (RuntimeException e) {
            model.completeExceptionally(e);
        }
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** Whether the model has loaded. */
    public boolean ready() {
        return model.isDone() && !model.isCompletedExceptionally();
    }

    private void handle(HttpExchange ex) throws IOException {
        long started = System.nanoTime();
        // The catch blocks must run before the exchange closes, so the close is in finally.
        try {
            route(ex);
        } catch (HttpError e) {
            send(ex, e.status, error(e.getMessage(), e.type));
        } catch (OutOfMemoryException e) {
            send(ex, 503, error(e.getMessage(), "server_error"));
        } catch (OutOfMemoryError e) {
            send(ex, 503, error(OutOfMemoryException.message("answering " + ex.getRequestURI().getPath()), "server_error"));
        } catch (RuntimeException e) {
            send(ex, 500, error("Internal error: " + e.getMessage(), "server_error"));
        } finally {
            ex.close();
            String path = ex.getRequestURI().getPath();
            // Unknown paths share one label so scanners cannot grow the metrics without bound.
            metrics.request(ENDPOINTS.contains(path) ? path : "other", ex.getResponseCode(), (System.nanoTime() - started) / 1e9);
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        switch (path) {
            case "/healthz" -> {
                requireMethod(method, "GET");
                send(ex, 200, Json.MAPPER.createObjectNode().put("status", "ok"));
            }
            case "/readyz" -> {
                requireMethod(method, "GET");
                if (!ready()) throw new HttpError(503, "Model is not loaded yet" + loadFailure(), "not_ready");
                send(ex, 200, Json.MAPPER.createObjectNode().put("status", "ready"));
            }
            case "/metrics" -> {
                requireMethod(method, "GET");
                authorize(ex);
                sendText(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.render());
            }
            case "/v1/classify" -> {
                requireMethod(method, "POST");
                authorize(ex);
                send(ex, 200, classify(readBody(ex)));
            }
            case "/v1/embeddings" -> {
                requireMethod(method, "POST");
                authorize(ex);
                send(ex, 200, embeddings(readBody(ex)));
            }
            case "/v1/chat/completions" -> {
                requireMethod(method, "POST");
                authorize(ex);
                JsonNode body = readBody(ex);
                generation.chat(ex, body, readyModel());
            }
            case "/v1/completions" -> {
                requireMethod(method, "POST");
                authorize(ex);
                JsonNode body = readBody(ex);
                generation.completion(ex, body, readyModel());
            }
            case "/v1/models" -> {
                requireMethod(method, "GET");
                authorize(ex);
                send(ex, 200, generation.models(readyModel()));
            }
            case "/" -> {
                requireMethod(method, "GET");
                sendText(ex, 200, "text/html; charset=utf-8", TryItPage.render(ready() ? model.join() : null,
                        options.apiToken() != null));
            }
            default -> throw new HttpError(404, "No endpoint " + path + "; try POST /v1/classify, POST /v1/embeddings,"
                    + " POST /v1/chat/completions, POST /v1/completions, GET /v1/models, GET /metrics or GET /", "not_found");
        }
    }

    private void authorize(HttpExchange ex) {
        HttpStack.authorize(ex, options.apiToken(), false);
    }

    private static void requireMethod(String actual, String expected) {
        HttpStack.requireMethod(actual, expected);
    }

    private static ObjectNode error(String message, String type) {
        return HttpStack.error(message, type);
    }

    private static void sendText(HttpExchange ex, int status, String contentType, String body) throws IOException {
        HttpStack.sendText(ex, status, contentType, body);
    }

    private ServedModel readyModel() {
        if (!ready()) throw new HttpError(503, "Model is not loaded yet" + loadFailure(), "not_ready");
        return model.join();
    }

    private String loadFailure() {
        if (!model.isCompletedExceptionally()) return "; retry shortly.";
        try {
            model.join();
        } catch (RuntimeException e) {
            return ": loading failed: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        }
        return ".";
    }

    private JsonNode readBody(HttpExchange ex) throws IOException {
        byte[] body;
        InputStream in = ex.getRequestBody();
        body = in.readNBytes(options.maxBodyBytes() + 1);
        if (body.length > options.maxBodyBytes()) {
            throw new HttpError(413, "Request body exceeds " + options.maxBodyBytes() + " bytes; send fewer or shorter"
                    + " inputs per request", "payload_too_large");
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new HttpError(400, "Malformed JSON: " + e.getOriginalMessage(), "invalid_request");
        }
    }

    private ObjectNode classify(JsonNode body) {
        JsonNode inputs = body == null ? null : body.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            throw new HttpError(400, "Expected {\"inputs\": [\"text\", ...]} with at least one text", "invalid_request");
        }
        if (inputs.size() > options.maxInputsPerRequest()) {
            throw new HttpError(400, "Got " + inputs.size() + " inputs; at most " + options.maxInputsPerRequest()
                    + " per request. Split the request.", "invalid_request");
        }
        List<String> texts = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            if (!inputs.get(i).isTextual()) {
                throw new HttpError(400, "inputs[" + i + "] must be a string", "invalid_request");
            }
            texts.add(inputs.get(i).asText());
        }
        if (readyModel().classifier() == null) {
            throw new HttpError(400, "The served model " + model.join().name() + " is a chat model, not a classifier; use"
                    + " POST /v1/chat/completions or POST /v1/completions", "invalid_request");
        }
        ObjectNode out = Json.MAPPER.createObjectNode().put("model", model.join().name());
        ArrayNode results = out.putArray("results");
        TextEncoder encoder = encoderOrNull();
        List<Prediction> predictions = batcher.predict(texts);
        for (int i = 0; i < predictions.size(); i++) {
            Prediction p = predictions.get(i);
            ObjectNode r = results.addObject().put("label", p.label()).put("score", p.score());
            ObjectNode scores = r.putObject("scores");
            p.scores().forEach(scores::put);
            if (encoder != null) r.put("truncated", truncated(encoder, encoder.countTokens(texts.get(i))));
        }
        return out;
    }

    /** OpenAI's embeddings shape: {@code input} a string or a list of strings; {@code model} is echoed, not chosen. */
    private ObjectNode embeddings(JsonNode body) {
        JsonNode input = body == null ? null : body.get("input");
        List<String> texts = new ArrayList<>();
        if (input != null && input.isTextual()) {
            texts.add(input.asText());
        } else if (input != null && input.isArray() && !input.isEmpty()) {
            for (int i = 0; i < input.size(); i++) {
                if (!input.get(i).isTextual()) throw new HttpError(400, "input[" + i + "] must be a string", "invalid_request");
                texts.add(input.get(i).asText());
            }
        } else {
            throw new HttpError(400, "Expected {\"input\": \"text\"} or {\"input\": [\"text\", ...]}", "invalid_request");
        }
        if (texts.size() > options.maxInputsPerRequest()) {
            throw new HttpError(400, "Got " + texts.size() + " inputs; at most " + options.maxInputsPerRequest()
                    + " per request. Split the request.", "invalid_request");
        }
        if (!ready()) throw new HttpError(503, "Model is not loaded yet" + loadFailure(), "not_ready");
        TextEncoder encoder = encoderOrNull();
        if (encoder == null) {
            throw new HttpError(400, "The served model " + model.join().name() + " has no sentence encoder to embed with",
                    "invalid_request");
        }
        float[][] vectors = encoder.embed(texts);
        ObjectNode out = Json.MAPPER.createObjectNode().put("object", "list").put("model", model.join().name());
        ArrayNode data = out.putArray("data");
        int tokens = 0;
        for (int i = 0; i < vectors.length; i++) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            ArrayNode values = item.putArray("embedding");
            for (float v : vectors[i]) values.add(v);
            int count = encoder.countTokens(texts.get(i));
            item.put("truncated", truncated(encoder, count));
            tokens += count;
        }
        out.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return out;
    }

    private TextEncoder encoderOrNull() {
        return model.join().classifier() instanceof Candidate candidate ? candidate.encoder().orElse(null) : null;
    }

    /** Texts that reach the model's maximum length were cut there; the response says so per text. */
    private static boolean truncated(TextEncoder encoder, int tokens) {
        return tokens >= encoder.info().maxTokens();
    }

    static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        HttpStack.send(ex, status, body);
    }

    /** Stops accepting connections, lets in-flight requests finish (up to 5 s), then stops batching. */
    @Override
    public void close() {
        http.stop(5);
        threads.close();
        if (batcher != null) batcher.close();
    }
}
