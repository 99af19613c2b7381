package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hone run} with {@code task.kind: generation} from the command line: the leaderboard and the
 * report, against a stub chat server that answers every request with the same sentence; and bad
 * input stopping with one line and exit code 2. (Answer quality is tested in hone-providers.)
 */
class GenerationRunTest {
    @TempDir
    Path directory;

    private Path setUp(String baseUrl, String testRows) throws Exception {
        List<String> train = new ArrayList<>();
        for (int i = 0; i < 6; i++) train.add("{\"input\": \"question " + i + "\", \"output\": \"The tank is empty.\"}");
        Files.write(directory.resolve("train.jsonl"), train);
        Files.writeString(directory.resolve("test.jsonl"), testRows);
        Path config = directory.resolve("hone.yaml");
        Files.writeString(config, """
                task: {name: stub-answers, kind: generation}
                model: all-minilm-l6-v2
                dataset: {train: train.jsonl, test: test.jsonl}
                providers:
                  stub: {type: openai, base_url: "%s", model: stub, cache: false}
                strategies:
                  - {name: plain, kind: llm-generate, provider: stub}
                  - {name: shots, kind: llm-generate, provider: stub, k: 2}
                decision: {latency_budget_ms: 100000}
                """.formatted(baseUrl));
        return config;
    }

    @Test
    void printsTheGenerationLeaderboardAndWritesTheReport() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = """
                    {"choices": [{"index": 0, "message": {"role": "assistant", "content": "The <b>tank</b> is empty."}, "finish_reason": "stop"}],
                     "usage": {"prompt_tokens": 12, "completion_tokens": 5}}""".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Path config = setUp("http://127.0.0.1:" + server.getAddress().getPort() + "/v1", """
                    {"input": "Why E1?", "output": "The tank is empty."}
                    {"input": "Why <E2>?", "output": "It overheated."}
                    """);
            Path out = directory.resolve("run");
            CliRunner result = CliRunner.run("run", config.toString(), "--out", out.toString());
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("candidate: plain (llm-generate)").contains("EM").contains("F1")
                    .contains("* recommended:").contains("Caveat");
            String html = Files.readString(out.resolve("report.html"));
            assertThat(html).contains("Candidates (test)").contains("Worst answers of").contains("Why &lt;E2&gt;?")
                    .contains("The &lt;b&gt;tank&lt;/b&gt; is empty.").doesNotContain("<b>tank");
            assertThat(Files.readString(out.resolve("report.md"))).contains("(generation)");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aBadRowStopsTheRunWithItsFileAndLine() throws Exception {
        Path config = setUp("http://127.0.0.1:9/v1", "{\"input\": \"Why E1?\", \"output\": \"The tank is empty.\"}\n{\"input\": \"x\"}\n");
        CliRunner result = CliRunner.run("run", config.toString(), "--out", directory.resolve("bad").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("test.jsonl:2: missing field 'output'").contains("dataset.input_field / dataset.output_field");
        assertThat(result.printedStackTrace()).isFalse();
    }

    @Test
    void aClassificationKindInAGenerationRunIsOneClearLine() throws Exception {
        Path config = setUp("http://127.0.0.1:9/v1", "{\"input\": \"Why E1?\", \"output\": \"The tank is empty.\"}\n");
        Files.writeString(config, Files.readString(config).replace("kind: llm-generate, provider: stub, k: 2", "kind: lora"));
        CliRunner result = CliRunner.run("run", config.toString(), "--out", directory.resolve("bad").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("strategies[1].kind: 'lora' is a classification strategy");
        assertThat(result.printedStackTrace()).isFalse();
    }
}
