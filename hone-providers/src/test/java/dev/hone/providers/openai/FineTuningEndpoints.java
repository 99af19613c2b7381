package dev.hone.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenAI's fine-tuning lifecycle for {@link OpenAiTestServer}: {@code POST /v1/files} (multipart,
 * purpose=fine-tune; every JSONL line must be a chat), {@code POST /v1/fine_tuning/jobs},
 * {@code GET /v1/fine_tuning/jobs/{id}} moving validating_files → running → succeeded (or failed,
 * when scripted) after a few polls, and {@code GET …/events}, newest first. The fine-tuned
 * {@code ft:} model then answers chats: the label it was trained on for a training text, the
 * keyword label otherwise, always as a bare label (so it beats the base model, which sometimes
 * answers in prose). Uploads and job creations are counted, so tests can prove nothing was paid twice.
 */
final class FineTuningEndpoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JOB_PATH = Pattern.compile("/v1/fine_tuning/jobs/([^/]+)(/events)?");

    /** A job as the server keeps it. */
    private static final class Job {
        final String id;
        final String model;
        final String fileId;
        final int epochs;
        final String suffix;
        final long createdAt = System.currentTimeMillis() / 1000;
        final List<ObjectNode> events = new ArrayList<>();
        final String failure;
        String status = "validating_files";
        String fineTunedModel;
        long trainedTokens;
        long finishedAt;
        int polls;

        Job(String id, String model, String fileId, int epochs, String suffix, String failure) {
            this.id = id;
            this.model = model;
            this.fileId = fileId;
            this.epochs = epochs;
            this.suffix = suffix;
            this.failure = failure;
        }
    }

    private final Map<String, String> files = new ConcurrentHashMap<>();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicInteger uploads = new AtomicInteger();
    private final AtomicInteger jobsCreated = new AtomicInteger();
    private final AtomicInteger polls = new AtomicInteger();
    private volatile int pollsUntilDone = 3;
    private volatile String nextFailure;

    int uploads() {
        return uploads.get();
    }

    int jobsCreated() {
        return jobsCreated.get();
    }

    int polls() {
        return polls.get();
    }

    /** An uploaded file's JSONL, or null for an id never given. */
    String file(String id) {
        return files.get(id);
    }

    void pollsUntilDone(int count) {
        pollsUntilDone = count;
    }

    /** The next job created fails at its end with this message, as OpenAI reports a bad training file. */
    void failNextJob(String message) {
        nextFailure = message;
    }

    static boolean serves(String path) {
        return path.equals("/v1/files") || path.startsWith("/v1/fine_tuning/");
    }

    void handle(HttpExchange exchange, String path, byte[] body) throws IOException {
        String method = exchange.getRequestMethod();
        Matcher jobPath = JOB_PATH.matcher(path);
        if (path.equals("/v1/files") && method.equals("POST")) {
            upload(exchange, body);
        } else if (path.equals("/v1/fine_tuning/jobs") && method.equals("POST")) {
            create(exchange, body);
        } else if (jobPath.matches() && method.equals("GET")) {
            Job job = jobs.get(jobPath.group(1));
            if (job == null) {
                OpenAiTestServer.error(exchange, 404, "No such fine-tuning job: " + jobPath.group(1), "invalid_request_error");
            } else if (jobPath.group(2) != null) {
                events(exchange, job);
            } else {
                poll(exchange, job);
            }
        } else {
            OpenAiTestServer.error(exchange, 404, "Invalid URL (" + method + " " + path + ")", "invalid_request_error");
        }
    }

    /** The fine-tuned model's answer, or null for a model no job produced. */
    String answer(JsonNode body) {
        String model = body.path("model").asText();
        Job job = jobs.values().stream().filter(j -> model.equals(j.fineTunedModel)).findFirst().orElse(null);
        if (job == null) return null;
        JsonNode messages = body.get("messages");
        String user = messages.get(messages.size() - 1).path("content").asText();
        String trained = trainedLabels(files.get(job.fileId)).get(user);
        return trained != null ? trained : KeywordClassifier.label(user.replaceFirst("^Text: ", ""));
    }

    private void upload(HttpExchange exchange, byte[] body) throws IOException {
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        Matcher boundary = Pattern.compile("multipart/form-data; boundary=(.+)").matcher(contentType);
        if (!boundary.matches()) {
            OpenAiTestServer.error(exchange, 400, "Expected multipart/form-data, got " + contentType, "invalid_request_error");
            return;
        }
        Map<String, String> parts = new ConcurrentHashMap<>();
        String filename = null;
        for (String part : new String(body, StandardCharsets.UTF_8).split("--" + Pattern.quote(boundary.group(1)))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) continue;
            Matcher name = Pattern.compile("name=\"([^\"]+)\"(; filename=\"([^\"]+)\")?").matcher(part.substring(0, headerEnd));
            if (!name.find()) continue;
            if (name.group(3) != null) filename = name.group(3);
            parts.put(name.group(1), part.substring(headerEnd + 4).replaceFirst("\r\n$", ""));
        }
        if (!"fine-tune".equals(parts.get("purpose")) || filename == null || !parts.containsKey("file")) {
            OpenAiTestServer.error(exchange, 400, "'purpose' must be fine-tune and 'file' a file part", "invalid_request_error");
            return;
        }
        String problem = chatProblem(parts.get("file"));
        if (problem != null) {
            OpenAiTestServer.error(exchange, 400, "Invalid file format for Fine-Tuning API: " + problem, "invalid_file_format");
            return;
        }
        String id = "file-" + (uploads.incrementAndGet());
        files.put(id, parts.get("file"));
        ObjectNode file = JSON.createObjectNode().put("id", id).put("object", "file").put("bytes", parts.get("file").length())
                .put("created_at", System.currentTimeMillis() / 1000).put("filename", filename).put("purpose", "fine-tune")
                .put("status", "processed");
        OpenAiTestServer.send(exchange, 200, JSON.writeValueAsString(file));
    }

    private void create(HttpExchange exchange, byte[] body) throws IOException {
        JsonNode request = JSON.readTree(body);
        String fileId = request.path("training_file").asText("");
        if (!files.containsKey(fileId) || !request.path("model").isTextual()) {
            OpenAiTestServer.error(exchange, 400, "invalid training_file: " + fileId, "invalid_request_error");
            return;
        }
        String id = "ftjob-" + jobsCreated.incrementAndGet();
        Job job = new Job(id, request.get("model").asText(), fileId, request.path("hyperparameters").path("n_epochs").asInt(3),
                request.path("suffix").asText(""), nextFailure);
        nextFailure = null;
        jobs.put(id, job);
        event(job, "Created fine-tuning job: " + id);
        OpenAiTestServer.send(exchange, 200, JSON.writeValueAsString(describe(job)));
    }

    private void poll(HttpExchange exchange, Job job) throws IOException {
        polls.incrementAndGet();
        synchronized (job) {
            if (!job.status.equals("succeeded") && !job.status.equals("failed")) {
                job.polls++;
                if (job.polls >= pollsUntilDone) {
                    job.finishedAt = System.currentTimeMillis() / 1000;
                    if (job.failure != null) {
                        job.status = "failed";
                        event(job, "Fine-tuning job failed");
                    } else {
                        job.status = "succeeded";
                        job.fineTunedModel = "ft:" + job.model + ":hone-test:" + (job.suffix.isEmpty() ? "" : job.suffix + ":") + job.id;
                        job.trainedTokens = tokens(files.get(job.fileId)) * job.epochs;
                        event(job, "The job has successfully completed");
                    }
                } else {
                    job.status = "running";
                    event(job, "Step " + job.polls + "/" + pollsUntilDone + ": training loss=" + (1.0 / job.polls));
                }
            }
        }
        OpenAiTestServer.send(exchange, 200, JSON.writeValueAsString(describe(job)));
    }

    private void events(HttpExchange exchange, Job job) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("object", "list").put("has_more", false);
        ArrayNode data = root.putArray("data");
        synchronized (job) {
            for (int i = job.events.size() - 1; i >= 0; i--) data.add(job.events.get(i));
        }
        OpenAiTestServer.send(exchange, 200, JSON.writeValueAsString(root));
    }

    private static void event(Job job, String message) {
        job.events.add(JSON.createObjectNode().put("object", "fine_tuning.job.event").put("id", "ftevent-" + job.id + "-" + job.events.size())
                .put("created_at", System.currentTimeMillis() / 1000).put("level", "info").put("message", message).put("type", "message"));
    }

    private static ObjectNode describe(Job job) {
        ObjectNode node = JSON.createObjectNode().put("object", "fine_tuning.job").put("id", job.id).put("model", job.model)
                .put("created_at", job.createdAt).put("status", job.status).put("training_file", job.fileId);
        if (job.fineTunedModel == null) node.putNull("fine_tuned_model"); else node.put("fine_tuned_model", job.fineTunedModel);
        if (job.finishedAt == 0) node.putNull("finished_at"); else node.put("finished_at", job.finishedAt);
        if (job.trainedTokens == 0) node.putNull("trained_tokens"); else node.put("trained_tokens", job.trainedTokens);
        node.putObject("hyperparameters").put("n_epochs", job.epochs);
        if (job.status.equals("failed")) {
            node.putObject("error").put("code", "invalid_training_file").put("message", job.failure).putNull("param");
        } else {
            node.putNull("error");
        }
        return node;
    }

    /** Null when every line is {"messages": [...]} with known roles and text content, as OpenAI requires. */
    private static String chatProblem(String jsonl) {
        String[] lines = jsonl.split("\n");
        for (int i = 0; i < lines.length; i++) {
            try {
                JsonNode messages = JSON.readTree(lines[i]).path("messages");
                if (!messages.isArray() || messages.isEmpty()) return "line " + (i + 1) + " has no messages";
                for (JsonNode m : messages) {
                    if (!List.of("system", "user", "assistant").contains(m.path("role").asText())
                            || m.path("content").asText("").isBlank()) {
                        return "line " + (i + 1) + " has a message without a role or content";
                    }
                }
            } catch (IOException e) {
                return "line " + (i + 1) + " is not JSON";
            }
        }
        return null;
    }

    /** user content → assistant content of each training example. */
    private static Map<String, String> trainedLabels(String jsonl) {
        Map<String, String> labels = new ConcurrentHashMap<>();
        for (String line : jsonl.split("\n")) {
            try {
                JsonNode messages = JSON.readTree(line).path("messages");
                labels.put(messages.get(messages.size() - 2).path("content").asText(), messages.get(messages.size() - 1).path("content").asText());
            } catch (IOException e) {
                throw new IllegalStateException("uploaded files were checked", e);
            }
        }
        return labels;
    }

    private static long tokens(String jsonl) {
        return jsonl.strip().split("\\s+").length;
    }
}
