package dev.hone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hone.error.HoneException;
import dev.hone.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The HTTP pieces {@code hone serve} ({@link HoneServer}) and {@code hone ui} ({@link Dashboard})
 * share: binding under the token rule (anything but loopback needs {@code HONE_API_TOKEN}), the
 * token check, and JSON and text responses. Errors are {@code {"error": {"message", "type"}}}.
 */
final class HttpStack {
    private HttpStack() {
    }

    /**
     * Binds {@code options.host():options.port()}, refusing a non-loopback address without a token.
     *
     * @param exposed what anyone on the network could do without a token, for the refusal's message
     */
    static HttpServer bind(ServerOptions options, String exposed) {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(options.host()).isLoopbackAddress();
        } catch (IOException e) {
            throw new HoneException("Cannot resolve host '" + options.host() + "'. Use an IP address such as 127.0.0.1.");
        }
        if (!loopback && options.apiToken() == null) {
            throw new HoneException("Refusing to listen on " + options.host() + " without authentication: anyone on the"
                    + " network could " + exposed + ". Set HONE_API_TOKEN to a secret, or bind to 127.0.0.1.");
        }
        try {
            return HttpServer.create(new InetSocketAddress(options.host(), options.port()), 0);
        } catch (IOException e) {
            throw new HoneException("Cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage()
                    + ". Choose another --port or stop the process using it.");
        }
    }

    /**
     * Passes when no token is set or the request carries it as {@code Authorization: Bearer <token>}; with
     * {@code basicForBrowsers}, also as the password of HTTP Basic authentication (any user name), which a browser asks
     * for itself when the 401 says {@code WWW-Authenticate: Basic}.
     */
    static void authorize(HttpExchange ex, String token, boolean basicForBrowsers) {
        if (token == null) return;
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header != null && header.startsWith("Bearer ") && same(header.substring(7), token)) return;
        if (basicForBrowsers && header != null && header.startsWith("Basic ") && same(basicPassword(header.substring(6)), token)) {
            return;
        }
        if (basicForBrowsers) ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Hone\", charset=\"UTF-8\"");
        throw new HttpError(401, "Missing or wrong bearer token; send 'Authorization: Bearer <HONE_API_TOKEN>'"
                + (basicForBrowsers ? " (a browser may send it as the password of the login it asks for)" : ""), "unauthorized");
    }

    static void requireMethod(String actual, String expected) {
        if (!actual.equals(expected)) {
            throw new HttpError(405, "Method " + actual + " not allowed here; use " + expected, "method_not_allowed");
        }
    }

    static ObjectNode error(String message, String type) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.putObject("error").put("message", message).put("type", type);
        return root;
    }

    static void sendText(HttpExchange ex, int status, String contentType, String body) throws IOException {
        sendBytes(ex, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static void sendBytes(HttpExchange ex, int status, String contentType, byte[] bytes) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        // Drain what the client still sends (bounded) so an early error reaches it instead of a reset connection.
        try {
            ex.getRequestBody().transferTo(OutputStream.nullOutputStream());
        } catch (IOException alreadyClosed) {
            // The body was read and closed before; nothing is left to drain.
        }
        sendText(ex, status, "application/json; charset=utf-8", Json.MAPPER.writeValueAsString(body));
    }

    /** Compared in constant time, so the answer's timing does not tell how much of a guess was right. */
    private static boolean same(String given, String token) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private static String basicPassword(String encoded) {
        try {
            String pair = new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? null : pair.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
