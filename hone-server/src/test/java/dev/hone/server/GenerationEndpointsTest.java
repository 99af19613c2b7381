package dev.hone.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.engine.kernel.ReferenceKernels;
import dev.hone.local.ChatModelFolder;
import dev.hone.local.GenerationSettings;
import dev.hone.local.LocalCompletion;
import dev.hone.local.LocalModel;
import dev.hone.provider.ChatMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenAI's chat/completions, completions and models over real HTTP, on the random Llama fixture
 * with a ChatML template. Answers are compared with the same model asked in process.
 */
class GenerationEndpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = """
            {"model": "m", "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Where is my parcel?"}],
             "temperature": 0, "max_tokens": 12%s}""";

    @TempDir
    static Path directory;
    private static LocalModel model;

    private final HttpClient client = HttpClient.newHttpClient();
    private HoneServer server;

    @BeforeAll
    static void loadModel() {
        model = LocalModel.load(ChatModelFolder.chatMl(directory.resolve("m")), new ReferenceKernels());
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private void start(String token, int maxGenerations, int maxQueued) throws InterruptedException {
        server = HoneServer.start(new ServerOptions("127.0.0.1", 0, 8, 1, 1 << 16, 8, token, maxGenerations, maxQueued),
                () -> ServedModel.chat("m", directory.resolve("m"), model));
        while (!server.ready()) Thread.sleep(5);
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static LocalCompletion inProcess(int maxTokens) {
        return model.complete(List.of(ChatMessage.system("Be brief."), ChatMessage.user("Where is my parcel?")),
                new GenerationSettings(maxTokens, 0, 1, 0, 0, List.of()), null);
    }

    @Test
    void chatCompletionIsTheModelsGreedyAnswerWithUsage() throws Exception {
        start(null, 2, 8);
        LocalCompletion expected = inProcess(12);

        HttpResponse<String> response = send("POST", "/v1/chat/completions", CHAT.formatted(""), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("id").asText()).startsWith("chatcmpl-");
        assertThat(body.path("model").asText()).isEqualTo("m");
        assertThat(body.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo(expected.text());
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo(expected.finishReason().name().toLowerCase());
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(expected.promptTokenIds().length);
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(expected.tokenIds().length);
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(expected.promptTokenIds().length + expected.tokenIds().length);
    }

    @Test
    void streamedChatIsServerSentChunksThatAddUpToTheAnswer() throws Exception {
        start(null, 2, 8);
        LocalCompletion expected = inProcess(12);

        HttpResponse<String> response = send("POST", "/v1/chat/completions", CHAT.formatted(", \"stream\": true"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<String> events = events(response.body());
        assertThat(events.getLast()).isEqualTo("[DONE]");
        List<JsonNode> chunks = new ArrayList<>();
        for (String event : events.subList(0, events.size() - 1)) chunks.add(JSON.readTree(event));
        assertThat(chunks).hasSizeGreaterThanOrEqualTo(3);
        assertThat(chunks).allSatisfy(c -> assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk"));
        assertThat(chunks).extracting(c -> c.path("id").asText()).containsOnly(chunks.getFirst().path("id").asText());
        assertThat(chunks.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        for (JsonNode chunk : chunks) text.append(chunk.at("/choices/0/delta/content").asText(""));
        assertThat(text.toString()).isEqualTo(expected.text());
        JsonNode last = chunks.getLast();
        assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo(expected.finishReason().name().toLowerCase());
        assertThat(last.at("/usage/completion_tokens").asInt()).isEqualTo(expected.tokenIds().length);
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(c -> assertThat(c.at("/choices/0/finish_reason").isNull()).isTrue());
    }

    @Test
    void completionsContinueTheRawPromptWithLegacyLogprobs() throws Exception {
        start(null, 2, 8);
        String prompt = "the theorem says";
        LocalCompletion expected = model.completeRaw(prompt, new GenerationSettings(6, 0, 1, 0, 0, List.of()), null);

        HttpResponse<String> response = send("POST", "/v1/completions",
                "{\"model\": \"m\", \"prompt\": \"" + prompt + "\", \"max_tokens\": 6, \"temperature\": 0, \"logprobs\": 1}", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("object").asText()).isEqualTo("text_completion");
        JsonNode choice = body.at("/choices/0");
        assertThat(choice.path("text").asText()).isEqualTo(expected.text());
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(model.tokenizer().encode(prompt).length);
        JsonNode logprobs = choice.path("logprobs");
        int listed = logprobs.path("tokens").size();
        assertThat(listed).isPositive().isLessThanOrEqualTo(expected.tokenIds().length);
        assertThat(logprobs.path("token_logprobs")).hasSize(listed);
        assertThat(logprobs.path("text_offset")).hasSize(listed);
        assertThat(logprobs.path("top_logprobs")).hasSize(listed);
        float[] expectedLogprobs = expected.logprobs();
        StringBuilder tokens = new StringBuilder();
        for (int i = 0; i < listed; i++) {
            double logprob = logprobs.path("token_logprobs").get(i).asDouble();
            assertThat(logprob).isEqualTo(expectedLogprobs[i], org.assertj.core.data.Offset.offset(1e-6)).isLessThanOrEqualTo(0);
            String token = logprobs.path("tokens").get(i).asText();
            assertThat(logprobs.path("text_offset").get(i).asInt()).isEqualTo(prompt.length() + tokens.codePointCount(0, tokens.length()));
            assertThat(logprobs.path("top_logprobs").get(i).path(token).asDouble()).isEqualTo(logprob);
            tokens.append(token);
        }
        assertThat(tokens.toString()).startsWith(expected.text());
    }

    @Test
    void chatLogprobsListTheAnswersTokensWithTheirBytes() throws Exception {
        start(null, 2, 8);
        LocalCompletion expected = inProcess(12);

        HttpResponse<String> response = send("POST", "/v1/chat/completions",
                CHAT.formatted(", \"logprobs\": true, \"top_logprobs\": 3"), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode content = JSON.readTree(response.body()).at("/choices/0/logprobs/content");
        assertThat(content.size()).isPositive().isLessThanOrEqualTo(expected.tokenIds().length);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            JsonNode token = content.get(i);
            assertThat(token.path("logprob").asDouble())
                    .isEqualTo(expected.logprobs()[i], org.assertj.core.data.Offset.offset(1e-6)).isLessThanOrEqualTo(0);
            byte[] bytes = new byte[token.path("bytes").size()];
            for (int b = 0; b < bytes.length; b++) bytes[b] = (byte) token.path("bytes").get(b).asInt();
            assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(token.path("token").asText());
            assertThat(token.path("top_logprobs")).hasSize(1);
            assertThat(token.at("/top_logprobs/0/token").asText()).isEqualTo(token.path("token").asText());
            text.append(token.path("token").asText());
        }
        assertThat(text.toString()).startsWith(expected.text());
        HttpResponse<String> plain = send("POST", "/v1/chat/completions", CHAT.formatted(", \"logprobs\": false"), null);
        assertThat(JSON.readTree(plain.body()).at("/choices/0/logprobs").isNull()).isTrue();
    }

    @Test
    void sampledCompletionsRepeatWithTheSameSeedAndStopAtAStopString() throws Exception {
        start(null, 2, 8);
        String request = "{\"prompt\": \"the\", \"max_tokens\": 20, \"temperature\": 1.0, \"top_p\": 0.9, \"seed\": 7%s}";
        JsonNode first = JSON.readTree(send("POST", "/v1/completions", request.formatted(""), null).body());
        JsonNode again = JSON.readTree(send("POST", "/v1/completions", request.formatted(""), null).body());
        String text = first.at("/choices/0/text").asText();
        assertThat(again.at("/choices/0/text").asText()).isEqualTo(text);
        assertThat(text).isNotEmpty();

        String stop = text.substring(text.length() / 2, text.length() / 2 + 1);
        JsonNode stopped = JSON.readTree(send("POST", "/v1/completions",
                request.formatted(", \"stop\": [" + JSON.writeValueAsString(stop) + "]"), null).body());
        assertThat(stopped.at("/choices/0/text").asText()).isEqualTo(text.substring(0, text.indexOf(stop)));
        assertThat(stopped.at("/choices/0/finish_reason").asText()).isEqualTo("stop");

        // Streamed, the same seed and stop string give the same text, piece by piece, and nothing past the stop.
        HttpResponse<String> streamed = send("POST", "/v1/completions",
                request.formatted(", \"stop\": " + JSON.writeValueAsString(stop) + ", \"stream\": true"), null);
        List<String> events = events(streamed.body());
        assertThat(events.getLast()).isEqualTo("[DONE]");
        StringBuilder pieces = new StringBuilder();
        JsonNode last = null;
        for (String event : events.subList(0, events.size() - 1)) {
            last = JSON.readTree(event);
            assertThat(last.path("object").asText()).isEqualTo("text_completion");
            pieces.append(last.at("/choices/0/text").asText());
        }
        assertThat(pieces.toString()).isEqualTo(stopped.at("/choices/0/text").asText());
        assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(last.at("/usage/completion_tokens").asInt()).isEqualTo(stopped.at("/usage/completion_tokens").asInt());
    }

    @Test
    void modelsListsTheServedModel() throws Exception {
        start(null, 2, 8);
        JsonNode models = JSON.readTree(send("GET", "/v1/models", null, null).body());
        assertThat(models.path("object").asText()).isEqualTo("list");
        assertThat(models.path("data")).hasSize(1);
        assertThat(models.at("/data/0/id").asText()).isEqualTo("m");
        assertThat(models.at("/data/0/object").asText()).isEqualTo("model");
    }

    @Test
    void thePageOfAChatModelShowsHowToAskIt() throws Exception {
        start(null, 2, 8);
        HttpResponse<String> page = send("GET", "/", null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>m</h1>", "LlamaForCausalLM", "256 tokens", "/v1/chat/completions").doesNotContain("Classify");
    }

    @Test
    void everyGenerationEndpointNeedsTheBearerToken() throws Exception {
        start("s3cret", 2, 8);
        for (String[] call : new String[][] {{"POST", "/v1/chat/completions"}, {"POST", "/v1/completions"}, {"GET", "/v1/models"}}) {
            String body = call[0].equals("POST") ? CHAT.formatted("") : null;
            HttpResponse<String> denied = send(call[0], call[1], body, null);
            assertThat(denied.statusCode()).as(call[1]).isEqualTo(401);
            assertThat(denied.body()).contains("\"type\":\"unauthorized\"");
            assertThat(send(call[0], call[1], body, "wrong").statusCode()).isEqualTo(401);
        }
        assertThat(send("POST", "/v1/chat/completions", CHAT.formatted(""), "s3cret").statusCode()).isEqualTo(200);
    }

    @Test
    void badBodiesAreClear400s() throws Exception {
        start(null, 2, 8);
        assertError(send("POST", "/v1/chat/completions", "{\"messages\": [", null), 400, "Malformed JSON");
        assertError(send("POST", "/v1/chat/completions", "{\"model\": \"m\"}", null), 400, "messages must be a non-empty list");
        assertError(send("POST", "/v1/chat/completions", CHAT.formatted(", \"n\": 2"), null), 400, "n must be 1");
        assertError(send("POST", "/v1/chat/completions", CHAT.formatted(", \"temperature\": 3"), null), 400,
                "temperature must be within [0, 2]");
        assertError(send("POST", "/v1/chat/completions", CHAT.formatted(", \"stop\": 5"), null), 400, "stop must be a string");
        assertError(send("POST", "/v1/chat/completions",
                "{\"messages\": [{\"role\": \"tool\", \"content\": \"x\"}]}", null), 400, "messages[0].role must be system, user or assistant");
        assertError(send("POST", "/v1/chat/completions", CHAT.formatted(", \"logprobs\": true, \"stream\": true"), null), 400,
                "logprobs cannot be streamed");
        assertError(send("POST", "/v1/chat/completions", CHAT.formatted(", \"top_logprobs\": 2"), null), 400,
                "top_logprobs needs \"logprobs\": true");
        assertError(send("POST", "/v1/completions", "{\"prompt\": 3}", null), 400, "prompt must be one non-empty string");
        assertError(send("POST", "/v1/completions", "{\"prompt\": \"a\", \"logprobs\": 9}", null), 400, "logprobs must be 0..5");
        // Longer than the fixture's 256-token context: the model's own refusal, as a 400.
        assertError(send("POST", "/v1/completions", "{\"prompt\": \"" + "x".repeat(400) + "\"}", null), 400, "prompt");
        assertError(send("POST", "/v1/classify", "{\"inputs\": [\"hi\"]}", null), 400, "is a chat model, not a classifier");
        assertError(send("GET", "/v1/chat/completions", null, null), 405, "use POST");
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("message").asText()).contains(message);
        assertThat(error.path("type").asText()).isNotEmpty();
        assertThat(response.body()).doesNotContain("\tat ");
    }

    @Test
    void concurrentRequestsEachDecodeInTheirOwnSessionAndAreCounted() throws Exception {
        start(null, 2, 8);
        String expected = inProcess(12).text();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            boolean stream = i % 2 == 1;
            responses.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return send("POST", "/v1/chat/completions", CHAT.formatted(stream ? ", \"stream\": true" : ""), null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (int i = 0; i < responses.size(); i++) {
            HttpResponse<String> response = responses.get(i).join();
            assertThat(response.statusCode()).isEqualTo(200);
            if (i % 2 == 0) assertThat(JSON.readTree(response.body()).at("/choices/0/message/content").asText()).isEqualTo(expected);
        }
        HttpResponse<String> metrics = send("GET", "/metrics", null, null);
        for (int i = 0; i < 100 && !metrics.body().contains("endpoint=\"/v1/chat/completions\",status=\"200\"} 6"); i++) {
            Thread.sleep(20);
            metrics = send("GET", "/metrics", null, null);
        }
        assertThat(metrics.body()).contains("hone_requests_total{endpoint=\"/v1/chat/completions\",status=\"200\"} 6")
                .contains("hone_completion_tokens_total " + 6 * inProcess(12).tokenIds().length);
    }

    @Test
    void aFolderThatIsNotAModelFailsToLoadAndReadyzSaysWhy() throws Exception {
        Path notAModel = Files.createDirectories(directory.resolve("empty"));
        server = HoneServer.start(new ServerOptions("127.0.0.1", 0, 8, 1, 1 << 16, 8, null),
                () -> ServedModel.chat("empty", notAModel, LocalModel.load(notAModel, new ReferenceKernels())));
        HttpResponse<String> ready = send("GET", "/readyz", null, null);
        for (int i = 0; i < 200 && !ready.body().contains("loading failed"); i++) {
            Thread.sleep(10);
            ready = send("GET", "/readyz", null, null);
        }
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("loading failed").contains("tokenizer_config.json is missing");
        assertError(send("POST", "/v1/chat/completions", CHAT.formatted(""), null), 503, "loading failed");
    }

    /** The data of each server-sent event, in order. */
    private static List<String> events(String stream) {
        List<String> data = new ArrayList<>();
        for (String block : stream.split("\n\n")) {
            if (block.isBlank()) continue;
            assertThat(block).startsWith("data: ");
            data.add(block.substring("data: ".length()));
        }
        return data;
    }
}
