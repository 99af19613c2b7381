package dev.hone.providers.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.json.Json;
import dev.hone.provider.FineTuneEvent;
import dev.hone.provider.FineTuneJob;
import dev.hone.provider.FineTuneRequest;
import dev.hone.provider.ProviderException;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * OpenAI's fine-tuning protocol over the provider's transport: {@code POST /files} (multipart,
 * {@code purpose=fine-tune}), {@code POST /fine_tuning/jobs}, {@code GET /fine_tuning/jobs/{id}}
 * and {@code GET /fine_tuning/jobs/{id}/events}. Creating a job is only retried when the server
 * surely rejected it, so a lost answer never turns into a second paid job.
 */
final class OpenAiFineTuning {
    private final OpenAiTransport transport;

    OpenAiFineTuning(OpenAiTransport transport) {
        this.transport = transport;
    }

    String upload(String fileName, byte[] jsonl) {
        String boundary = "hone-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(jsonl.length + 512);
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName.replace("\"", "")
                + "\"\r\nContent-Type: application/jsonl\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(jsonl);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return call("POST", "/files", "multipart/form-data; boundary=" + boundary, body.toByteArray(), OpenAiTransport.Retry.TRANSIENT,
                root -> root.path("id").isTextual() ? Optional.of(root.get("id").asText()) : Optional.empty());
    }

    FineTuneJob create(FineTuneRequest request) {
        ObjectNode root = Json.MAPPER.createObjectNode().put("training_file", request.trainingFileId()).put("model", request.baseModel());
        ObjectNode hyperparameters = root.putObject("hyperparameters").put("n_epochs", request.epochs());
        if (request.batchSize() > 0) hyperparameters.put("batch_size", request.batchSize());
        if (request.learningRateMultiplier() > 0) hyperparameters.put("learning_rate_multiplier", request.learningRateMultiplier());
        if (!request.suffix().isEmpty()) root.put("suffix", request.suffix());
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
        return call("POST", "/fine_tuning/jobs", "application/json", body, OpenAiTransport.Retry.REJECTED_ONLY, OpenAiFineTuning::job);
    }

    FineTuneJob job(String jobId) {
        return call("GET", "/fine_tuning/jobs/" + encode(jobId), null, null, OpenAiTransport.Retry.TRANSIENT, OpenAiFineTuning::job);
    }

    /** The 20 most recent events, oldest first (the server lists newest first). */
    List<FineTuneEvent> events(String jobId) {
        return call("GET", "/fine_tuning/jobs/" + encode(jobId) + "/events?limit=20", null, null, OpenAiTransport.Retry.TRANSIENT, root -> {
            if (!root.path("data").isArray()) return Optional.empty();
            List<FineTuneEvent> events = new ArrayList<>();
            for (JsonNode e : root.get("data")) {
                if (e.path("id").isTextual()) events.add(0, new FineTuneEvent(e.get("id").asText(), e.path("created_at").asLong(0),
                        e.path("message").asText("")));
            }
            return Optional.of(events);
        });
    }

    /** A job object; empty (an incomplete answer) when it lacks an id or a known status. */
    private static Optional<FineTuneJob> job(JsonNode root) {
        String status = root.path("status").asText("");
        if (!root.path("id").isTextual() || !FineTuneJob.STATUSES.contains(status)) return Optional.empty();
        if (status.equals("succeeded") && !root.path("fine_tuned_model").isTextual()) return Optional.empty();
        JsonNode error = root.path("error");
        String reason = error.isObject() ? (error.path("message").asText("") + (error.path("code").isTextual()
                ? " (" + error.get("code").asText() + ")" : "")).strip() : "";
        return Optional.of(new FineTuneJob(root.get("id").asText(), status, root.path("model").asText(""),
                root.path("fine_tuned_model").isTextual() ? root.get("fine_tuned_model").asText() : "",
                Math.max(0, root.path("trained_tokens").asLong(0)), reason, root.path("created_at").asLong(0),
                root.path("finished_at").asLong(0)));
    }

    private <T> T call(String method, String path, String contentType, byte[] body, OpenAiTransport.Retry retry,
                       java.util.function.Function<JsonNode, Optional<T>> read) {
        try {
            return transport.send(method, path, contentType, body, retry, (text, millis) -> {
                try {
                    return read.apply(Json.MAPPER.readTree(text));
                } catch (JsonProcessingException e) {
                    return Optional.empty();
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(transport.where() + "interrupted during " + method + " " + path);
        }
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
