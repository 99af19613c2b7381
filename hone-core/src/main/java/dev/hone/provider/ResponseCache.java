package dev.hone.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Answers on disk, one JSON file per request, named by sha256 of the request's identity (model,
 * messages, sampling parameters — never the key or the URL's credentials). A corrupt or
 * unreadable entry counts as a miss; writes go through a temporary file so a crash never leaves
 * half an answer behind. Every remote provider type keys its requests the same way: a canonical JSON
 * body of the request, hashed by {@link #key}.
 */
public final class ResponseCache {
    private final Path directory;

    public ResponseCache(Path directory) {
        this.directory = directory;
    }

    /** The cache key: sha256 over the canonical JSON of the request body (which holds no key). */
    public static String key(String canonicalBody) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalBody.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public Optional<ChatResponse> get(String key) {
        Path file = file(key);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            JsonNode node = Json.MAPPER.readTree(file.toFile());
            if (!node.path("text").isTextual()) return Optional.empty();
            return Optional.of(new ChatResponse(node.get("text").asText(),
                    new Usage(node.path("input_tokens").asLong(0), node.path("output_tokens").asLong(0)), true,
                    Math.max(0, node.path("latency_ms").asLong(0))));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public void put(String key, ChatResponse response) {
        Path file = file(key);
        try {
            Files.createDirectories(file.getParent());
            ObjectNode node = Json.MAPPER.createObjectNode().put("text", response.text())
                    .put("input_tokens", response.usage().inputTokens()).put("output_tokens", response.usage().outputTokens())
                    .put("latency_ms", response.latencyMillis());
            Json.writeAtomically(file, node, Json.MAPPER.writer());
        } catch (IOException e) {
            // A cache that cannot be written costs money on the next run but must not fail this one.
            System.err.println("warning: cannot write the LLM answer cache under " + directory + " (" + e.getMessage()
                    + "); answers will be requested again next run");
        }
    }

    private Path file(String key) {
        return directory.resolve(key.substring(0, 2)).resolve(key + ".json");
    }
}
