package dev.hone.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.hone.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Server-sent events as OpenAI streams them: status 200 with {@code text/event-stream}, then one
 * {@code data: <json>} event per chunk, each flushed at once, ending with {@code data: [DONE]}.
 * The headers go out with the first event, so a request refused before that still gets its
 * ordinary status and JSON error. A client that has gone away fails the write with an
 * {@link UncheckedIOException}, which ends the generation feeding it.
 */
final class EventStream {
    private final HttpExchange exchange;
    private OutputStream body;

    EventStream(HttpExchange exchange) {
        this.exchange = exchange;
    }

    /** Whether the 200 and its headers have been sent (after which an error can only be an event). */
    boolean started() {
        return body != null;
    }

    void send(JsonNode event) {
        try {
            write(Json.MAPPER.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    void done() {
        write("[DONE]");
    }

    private void write(String data) {
        try {
            if (body == null) {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
                exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                exchange.sendResponseHeaders(200, 0);     // 0: chunked, length unknown
                body = exchange.getResponseBody();
            }
            body.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            body.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client closed the stream", e);
        }
    }
}
