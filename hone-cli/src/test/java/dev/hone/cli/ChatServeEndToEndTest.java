package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.local.ChatModelFolder;
import dev.hone.server.HoneServer;
import dev.hone.server.ServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One Hone as another's provider: {@code hone serve} on the random chat model fixture, and a
 * {@code hone run} whose {@code type: openai} provider points at it; an LLM candidate of
 * {@code type: local} served for both classify and chat; and folders that are not models refused at start.
 */
class ChatServeEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    Path directory;

    @Test
    void aRunWhoseOpenAiProviderIsAnotherHoneCompletes() throws Exception {
        Path model = ChatModelFolder.chatMl(directory.resolve("tiny-chat"));
        writeData();
        try (HoneServer server = HoneServer.start(new ServerOptions("127.0.0.1", 0, 8, 1, 1 << 20, 16, null),
                ServeTarget.of(model)::load)) {
            while (!server.ready()) Thread.sleep(10);
            String base = "http://127.0.0.1:" + server.port();
            Path config = directory.resolve("hone.yaml");
            Files.writeString(config, """
                    task: {name: served-llm}
                    model: all-minilm-l6-v2
                    dataset: {train: train.jsonl, test: test.jsonl}
                    labels: {refund: "money back", shipping: "where is my order", login: "cannot sign in"}
                    providers:
                      other-hone: {type: openai, base_url: "%s/v1", model: tiny-chat, cache: false, max_retries: 1}
                    strategies:
                      - {name: llm-zs, kind: llm-zero-shot, provider: other-hone, max_tokens: 4}
                    evaluation: {repeats: 1, seed: 3, latency_samples: 5}
                    decision: {latency_budget_ms: 600000}
                    """.formatted(base));
            Path out = directory.resolve("run");

            CliRunner run = CliRunner.run("run", config.toString(), "--out", out.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
            JsonNode candidate = results.path("candidates").get(0);
            assertThat(candidate.path("name").asText()).isEqualTo("llm-zs");
            assertThat(candidate.path("kind").asText()).isEqualTo("llm-zero-shot");
            assertThat(candidate.path("accuracy").asDouble()).isBetween(0.0, 1.0);
            // Every test text was asked over HTTP, and the tokens counted are the served model's own.
            int testTexts = Files.readAllLines(directory.resolve("test.jsonl")).size();
            assertThat(candidate.path("llm").path("requests").asLong()).isGreaterThanOrEqualTo(testTexts);
            assertThat(candidate.path("tokens_in_per_request").asDouble()).isGreaterThan(20);
            String metrics = get(base + "/metrics").body();
            assertThat(metrics).containsPattern("hone_requests_total\\{endpoint=\"/v1/chat/completions\",status=\"200\"} \\d+")
                    .doesNotContain("endpoint=\"/v1/chat/completions\",status=\"4");
            // With no latency budget to miss on a loaded machine, the verdict takes it like any other candidate.
            assertThat(results.path("decision").path("recommended").asText()).isEqualTo("llm-zs");
        }
    }

    @Test
    void anLlmCandidateOfTypeLocalClassifiesAndChats() throws Exception {
        Path model = ChatModelFolder.chatMl(directory.resolve("tiny-chat"));
        writeData();
        Path config = directory.resolve("hone.yaml");
        Files.writeString(config, """
                task: {name: local-llm}
                model: all-minilm-l6-v2
                dataset: {train: train.jsonl, test: test.jsonl}
                providers:
                  mine: {type: local, model: tiny-chat}
                strategies:
                  - {name: llm-local, kind: llm-zero-shot, provider: mine, max_tokens: 4}
                evaluation: {repeats: 1, seed: 3, latency_samples: 5}
                """);
        Path out = directory.resolve("run");
        CliRunner run = CliRunner.run("run", config.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        Path candidate = out.resolve("candidates").resolve("llm-local");
        ServeTarget target = ServeTarget.of(candidate);
        assertThat(target.candidate()).isTrue();
        assertThat(target.chatModelFolder()).isEqualTo(model.toAbsolutePath().normalize());
        assertThat(target.describe(candidate)).contains("serving candidate llm-local").contains("for chat");
        try (HoneServer server = HoneServer.start(new ServerOptions("127.0.0.1", 0, 8, 1, 1 << 20, 16, null), target::load)) {
            while (!server.ready()) Thread.sleep(10);
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> classified = post(base + "/v1/classify", "{\"inputs\": [\"where is my parcel\"]}");
            assertThat(classified.statusCode()).as(classified.body()).isEqualTo(200);
            assertThat(JSON.readTree(classified.body()).at("/results/0/label").asText()).isIn("refund", "shipping", "login");
            HttpResponse<String> chat = post(base + "/v1/chat/completions",
                    "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"max_tokens\": 3, \"temperature\": 0}");
            assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
            assertThat(JSON.readTree(chat.body()).path("model").asText()).isEqualTo("llm-local");
            assertThat(JSON.readTree(chat.body()).at("/usage/completion_tokens").asInt()).isBetween(1, 3);
        }
    }

    @Test
    void aFolderThatIsNotAChatModelIsRefusedAtStart() throws Exception {
        Path encoder = Files.createDirectories(directory.resolve("bert"));
        Files.writeString(encoder.resolve("config.json"), "{\"architectures\": [\"BertModel\"], \"model_type\": \"bert\"}");

        CliRunner bert = CliRunner.run("serve", encoder.toString(), "--port", "0");

        assertThat(bert.exitCode()).isEqualTo(2);
        assertThat(bert.err()).contains("config.json").contains("BertModel");
        assertThat(bert.printedStackTrace()).isFalse();

        Path noTemplate = ChatModelFolder.chatMl(directory.resolve("no-template"));
        Files.writeString(noTemplate.resolve("tokenizer_config.json"), "{\"eos_token\": \"</s>\"}");
        CliRunner base = CliRunner.run("serve", noTemplate.toString(), "--port", "0");
        assertThat(base.exitCode()).isEqualTo(2);
        assertThat(base.err()).contains("has no chat_template");

        CliRunner empty = CliRunner.run("serve", Files.createDirectories(directory.resolve("empty")).toString(), "--port", "0");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("is neither a candidate folder").contains("chat model folder (with config.json)");
    }

    private void writeData() throws Exception {
        SupportTickets.writeSplits(directory, 6, SupportTickets.PER_LABEL);
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
