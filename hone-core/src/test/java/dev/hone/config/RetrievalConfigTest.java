package dev.hone.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.error.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrievalConfigTest {
    @TempDir
    Path directory;

    private Path write(String yaml) throws Exception {
        Files.createDirectories(directory.resolve("docs"));
        Files.writeString(directory.resolve("queries.jsonl"), "{\"query\": \"q\", \"relevant\": [\"a.md\"]}\n");
        Path file = directory.resolve("hone.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void readsARetrievalRunWithDefaultsAndNeedsNoDatasetOrStrategies() throws Exception {
        HoneConfig config = ConfigLoader.load(write("""
                task: {name: manual, kind: retrieval}
                retrieval: {documents: docs, queries: queries.jsonl}
                """), List.of("retrieval.k=3"));
        assertThat(config.setup()).isInstanceOf(RetrievalConfig.class);
        RetrievalConfig r = Setups.retrieval(config);
        assertThat(r.documents()).isEqualTo(directory.resolve("docs"));
        assertThat(r.queries()).isEqualTo(directory.resolve("queries.jsonl"));
        assertThat(r.k()).isEqualTo(3);
        assertThat(r.chunkTokens()).isEqualTo(RetrievalConfig.DEFAULT_CHUNK_TOKENS);
        assertThat(r.overlap()).isEqualTo(RetrievalConfig.DEFAULT_OVERLAP);
        assertThat(r.modes()).containsExactly("vector", "bm25", "hybrid");
        assertThat(config.resolved().path("retrieval").path("k").asInt()).isEqualTo(3);
        assertThat(config.resolved().has("strategies")).isFalse();
    }

    @Test
    void reportsEveryProblemAtOnceWithSuggestions() throws Exception {
        Path file = write("""
                task: {name: manual, kind: retrieval}
                dataset: {train: train.jsonl, test: test.jsonl}
                retrieval: {documents: nowhere, queries: missing.jsonl, k: 0, chunk_tokens: 50, overlap: 60,
                            modes: [vector, hybird], chunk_token: 3}
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("7 problems")
                .hasMessageContaining("dataset: is not used when task.kind is retrieval")
                .hasMessageContaining("retrieval.documents: folder " + directory.resolve("nowhere") + " not found")
                .hasMessageContaining("retrieval.queries: file " + directory.resolve("missing.jsonl") + " not found")
                .hasMessageContaining("retrieval.k: must be within [1, 1000], got 0")
                .hasMessageContaining("retrieval.overlap: must be below chunk_tokens (50), got 60")
                .hasMessageContaining("retrieval.modes: 'hybird' is not one of vector, bm25, hybrid, did you mean 'hybrid'?")
                .hasMessageContaining("retrieval.chunk_token: unknown key, did you mean 'chunk_tokens'?");
    }

    @Test
    void aRetrievalRunNeedsItsSectionAndClassificationIsUnchanged() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(write("task: {name: manual, kind: retreival}\n"), List.of()))
                .hasMessageContaining("task.kind: must be one of classification, retrieval, generation, got 'retreival', did you mean 'retrieval'?");
        assertThatThrownBy(() -> ConfigLoader.load(write("task: {name: manual, kind: retrieval}\n"), List.of()))
                .hasMessageContaining("retrieval: is required");
    }
}
