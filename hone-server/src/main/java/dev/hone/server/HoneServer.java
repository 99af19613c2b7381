package dev.hone.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hone.HoneException;
import dev.hone.Prediction;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Serves one model over HTTP: {@code POST /v1/classify}, {@code GET /healthz}, {@code GET /readyz}.
 * The model loads in the background; classify answers 503 until it is ready. Every error is
 * {@code {"error": {"message", "type"}}}, never a stack trace.
 */
public final class HoneServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerOptions options;
    private final HttpServer http;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final CompletableFuture<ServedModel> model;
    private volatile MicroBatcher batcher;

    private HoneServer(ServerOptions options, HttpServer http, CompletableFuture<ServedModel> model) {
        this.options = options;
        this.http = http;
        this.model = model;
    }

    /**
     * Binds, starts serving and loads the model in the background.
     *
     * @throws HoneException if the bind address is not loopback and no token is set, or the port is taken
     */
    public static HoneServer start(ServerOptions options, Supplier<ServedModel> loader) {
        refuseOpenBind(options);
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 0);
        } catch (IOException e) {
            throw new HoneException("Cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage()
                    + ". Choose another --port or stop the process using it.");
        }
        HoneServer server = new HoneServer(options, http, new CompletableFuture<>());
        http.setExecutor(server.threads);
        http.createContext("/", server::handle);
        http.start();
        Thread.ofVirtual().name("hone-model-load").start(() -> server.load(loader));
        return server;
    }

    private static void refuseOpenBind(ServerOptions options) {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(options.host()).isLoopbackAddress();
        } catch (IOException e) {
            throw new HoneException("Cannot resolve host '" + options.host() + "'. Use an IP address such as 127.0.0.1.");
        }
        if (!loopback && options.apiToken() == null) {
            throw new HoneException("Refusing to listen on " + options.host() + " without authentication: anyone on the"
                    + " network could use the model. Set HONE_API_TOKEN to a secret, or bind to 127.0.0.1.");
        }
    }

    private void load(Supplier<ServedModel> loader) {
        try {
            ServedModel loaded = loader.get();
            batcher = new MicroBatcher(loaded.classifier(), options.maxBatch(), options.maxWaitMillis(), size -> { });
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
        // The catch blocks must run before the exchange closes, so the close is in finally.
        try {
            route(ex);
        } catch (HttpError e) {
            send(ex, e.status, error(e.getMessage(), e.type));
        } catch (RuntimeException e) {
            send(ex, 500, error("Internal error: " + e.getMessage(), "server_error"));
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        switch (path) {
            case "/healthz" -> {
                requireMethod(method, "GET");
                send(ex, 200, JSON.createObjectNode().put("status", "ok"));
            }
            case "/readyz" -> {
                requireMethod(method, "GET");
                if (!ready()) throw new HttpError(503, "Model is not loaded yet" + loadFailure(), "not_ready");
                send(ex, 200, JSON.createObjectNode().put("status", "ready"));
            }
            case "/v1/classify" -> {
                requireMethod(method, "POST");
                authorize(ex);
                send(ex, 200, classify(readBody(ex)));
            }
            default -> throw new HttpError(404, "No endpoint " + path + "; try POST /v1/classify", "not_found");
        }
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

    private static void requireMethod(String actual, String expected) {
        if (!actual.equals(expected)) {
            throw new HttpError(405, "Method " + actual + " not allowed here; use " + expected, "method_not_allowed");
        }
    }

    private void authorize(HttpExchange ex) {
        if (options.apiToken() == null) return;
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + options.apiToken()).equals(header)) {
            throw new HttpError(401, "Missing or wrong bearer token; send 'Authorization: Bearer <HONE_API_TOKEN>'",
                    "unauthorized");
        }
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
            return JSON.readTree(body);
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
        if (!ready()) throw new HttpError(503, "Model is not loaded yet" + loadFailure(), "not_ready");
        ObjectNode out = JSON.createObjectNode().put("model", model.join().name());
        ArrayNode results = out.putArray("results");
        for (Prediction p : batcher.predict(texts)) {
            ObjectNode r = results.addObject().put("label", p.label()).put("score", p.score());
            ObjectNode scores = r.putObject("scores");
            p.scores().forEach(scores::put);
        }
        return out;
    }

    private static ObjectNode error(String message, String type) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("message", message).put("type", type);
        return root;
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        // Drain what the client still sends (bounded) so an early error reaches it instead of a reset connection.
        try {
            ex.getRequestBody().transferTo(OutputStream.nullOutputStream());
        } catch (IOException alreadyClosed) {
            // The body was read and closed before; nothing is left to drain.
        }
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    /** Stops accepting connections, lets in-flight requests finish (up to 5 s), then stops batching. */
    @Override
    public void close() {
        http.stop(5);
        threads.close();
        if (batcher != null) batcher.close();
    }
}
