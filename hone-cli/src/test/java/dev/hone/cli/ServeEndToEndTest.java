package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.Hone;
import dev.hone.server.HoneServer;
import dev.hone.server.ServedModel;
import dev.hone.server.ServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real candidate from a real run, served over HTTP: classification, truncation flags and embeddings. */
class ServeEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void servesARunsCandidateWithTruncationFlagsAndEmbeddings() throws Exception {
        Files.write(directory.resolve("train.jsonl"), SupportTickets.rows(1, SupportTickets.PER_LABEL));
        Path config = directory.resolve("hone.yaml");
        Files.writeString(config, """
                task: {name: tiny, kind: classification}
                model: all-minilm-l6-v2
                dataset: {train: train.jsonl, test_fraction: 0.3}
                strategies:
                  - {name: probe, kind: linear-probe}
                evaluation: {latency_samples: 5}
                """);
        Path out = directory.resolve("run");
        CliRunner run = CliRunner.run("run", config.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);

        Path candidate = Hone.candidateDirectory(out);
        try (HoneServer server = HoneServer.start(new ServerOptions("127.0.0.1", 0, 8, 2, 1 << 20, 16, null),
                () -> new ServedModel("probe", candidate, Hone.load(candidate)))) {
            while (!server.ready()) Thread.sleep(10);
            String base = "http://127.0.0.1:" + server.port();
            String longText = "where is my parcel ".repeat(200);  // far beyond MiniLM's 256 tokens
            JsonNode classified = post(base + "/v1/classify",
                    "{\"inputs\": [\"where is my parcel?\", \"" + longText + "\"]}");
            assertThat(classified.path("model").asText()).isEqualTo("probe");
            assertThat(classified.at("/results/0/label").asText()).isEqualTo("shipping");
            assertThat(classified.at("/results/0/truncated").asBoolean()).isFalse();
            assertThat(classified.at("/results/1/truncated").asBoolean()).isTrue();

            JsonNode embedded = post(base + "/v1/embeddings", "{\"input\": [\"hello\", \"world\"], \"model\": \"probe\"}");
            assertThat(embedded.path("object").asText()).isEqualTo("list");
            assertThat(embedded.path("data")).hasSize(2);
            assertThat(embedded.at("/data/1/index").asInt()).isEqualTo(1);
            assertThat(embedded.at("/data/0/embedding")).hasSize(384);
            assertThat(embedded.at("/usage/prompt_tokens").asInt()).isEqualTo(6);  // [CLS] word [SEP], twice
            String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(page).contains("<h1>probe</h1>", "linear-probe", "tiny (classification)");
        }
    }

    private static JsonNode post(String url, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
