package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hone run} with {@code task.kind: retrieval} on part of the example manual (real MiniLM
 * weights): each search mode is a candidate with retrieval metrics and latency in results.json,
 * one is recommended by nDCG, the report renders, and bad judged queries stop the run early.
 */
class RetrievalRunTest {
    @TempDir
    Path directory;

    private Path setUp(String queries) throws Exception {
        Path docs = directory.resolve("docs");
        Files.createDirectories(docs);
        for (String name : List.of("error-codes.md", "factory-reset.txt", "wifi-setup.md", "warranty.md", "broken.pdf", "vacation-mode.html")) {
            Files.copy(RetrievalCommandsTest.MANUAL.resolve(name), docs.resolve(name));
        }
        Files.writeString(directory.resolve("queries.jsonl"), queries);
        Path config = directory.resolve("hone.yaml");
        Files.writeString(config, """
                task: {name: manual-search, kind: retrieval}
                model: all-minilm-l6-v2
                retrieval: {documents: docs, queries: queries.jsonl, k: 3, chunk_tokens: 120, overlap: 20}
                decision: {latency_budget_ms: 100000}
                """);
        return config;
    }

    @Test
    void everySearchModeIsACandidateWithRetrievalMetrics() throws Exception {
        Path config = setUp("""
                {"query": "the display shows E1", "relevant": ["error-codes.md"]}
                {"query": "erase all settings and start over", "relevant": ["factory-reset.txt"]}
                {"query": "connect the thermostat to my wireless network", "relevant": ["wifi-setup.md"]}
                {"query": "how long is the warranty", "relevant": ["warranty.md"]}
                {"query": "away from home for two weeks, save energy", "relevant": ["vacation-mode.html"]}
                """);
        Path out = directory.resolve("run");
        CliRunner result = CliRunner.run("run", config.toString(), "--out", out.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("skipped broken.pdf").contains("recall@3").contains("* recommended:");

        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.path("task").path("kind").asText()).isEqualTo("retrieval");
        assertThat(results.path("documents").path("indexed_files").asInt()).isEqualTo(5);
        assertThat(results.path("documents").path("skipped").get(0).path("source").asText()).isEqualTo("broken.pdf");
        List<String> modes = new ArrayList<>();
        for (JsonNode c : results.path("candidates")) {
            modes.add(c.path("name").asText());
            JsonNode r = c.path("retrieval");
            assertThat(r.path("k").asInt()).isEqualTo(3);
            assertThat(r.path("queries").asInt()).isEqualTo(5);
            for (String metric : List.of("recall_at_k", "mrr", "ndcg_at_k")) assertThat(r.path(metric).asDouble()).isBetween(0.0, 1.0);
            assertThat(r.path("per_query")).hasSize(5);
            assertThat(c.path("latency_ms_p50").asDouble()).isPositive();
            assertThat(c.path("latency_ms_p95").asDouble()).isGreaterThanOrEqualTo(c.path("latency_ms_p50").asDouble());
        }
        assertThat(modes).containsExactly("vector", "bm25", "hybrid");
        // Five distinct documents and five easy questions: the encoder finds most of them first.
        JsonNode vector = results.path("candidates").get(0).path("retrieval");
        assertThat(vector.path("recall_at_k").asDouble()).isGreaterThanOrEqualTo(0.8);
        String recommended = results.path("decision").path("recommended").asText();
        double best = 0;
        for (JsonNode c : results.path("candidates")) best = Math.max(best, c.path("retrieval").path("ndcg_at_k").asDouble());
        for (JsonNode c : results.path("candidates")) {
            if (c.path("name").asText().equals(recommended)) assertThat(c.path("retrieval").path("ndcg_at_k").asDouble()).isEqualTo(best);
        }
        assertThat(results.path("decision").path("reason").asText()).contains("best nDCG@3");
        assertThat(Files.isDirectory(out.resolve("knowledge-base"))).isTrue();
        String report = Files.readString(out.resolve("report.html"));
        assertThat(report).contains("Search modes").contains("nDCG@3").contains("broken.pdf");
    }

    @Test
    void aJudgedQueryNamingAMissingFileStopsTheRunBeforeIndexing() throws Exception {
        Path config = setUp("{\"query\": \"E1\", \"relevant\": [\"error-codes.md\", \"manual/errors.md\"]}\n");
        CliRunner result = CliRunner.run("run", config.toString(), "--out", directory.resolve("bad").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("queries.jsonl").contains("manual/errors.md").contains("relative to retrieval.documents");
        assertThat(result.out()).doesNotContain("model: loading");
        assertThat(result.printedStackTrace()).isFalse();
    }
}
