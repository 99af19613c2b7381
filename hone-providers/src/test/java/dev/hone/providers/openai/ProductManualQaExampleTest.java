package dev.hone.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.Hone;
import dev.hone.config.ConfigLoader;
import dev.hone.config.HoneConfig;
import dev.hone.run.RunResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped example {@code examples/product-manual-qa} runs as written, with its Ollama provider
 * pointed at the test server: every source it names is a file of the manual, the manual is indexed
 * with real MiniLM weights, and answering from retrieved chunks beats answering from nothing.
 */
class ProductManualQaExampleTest {
    @TempDir
    Path directory;

    @Test
    void theExampleRunsAndRetrievalHelps() throws Exception {
        try (OpenAiTestServer server = new OpenAiTestServer(ScriptedGenerator::answer, null)) {
            HoneConfig config = ConfigLoader.load(Path.of("..", "examples", "product-manual-qa", "hone.yaml"),
                    List.of("providers.ollama.base_url=" + server.baseUrl(), "providers.ollama.cache=false",
                            "providers.ollama.requests_per_minute=60000"));
            RunResult result = Hone.run(config, directory.resolve("run"));
            JsonNode results = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.directory().resolve("results.json").toFile());
            assertThat(results.path("dataset").path("validation_pairs").asInt()).isEqualTo(5);
            assertThat(results.path("documents").get(0).path("indexed_files").asInt()).isGreaterThan(30);
            JsonNode plain = results.path("candidates").get(0).path("generation");
            JsonNode rag = results.path("candidates").get(2).path("generation");
            assertThat(rag.path("token_f1").asDouble()).isGreaterThan(plain.path("token_f1").asDouble() + 0.1);
            assertThat(rag.path("recall_at_k").asDouble()).isGreaterThan(0.5);
            assertThat(rag.path("citation_rate").asDouble()).isEqualTo(1.0);
            assertThat(result.decision().recommended()).isNotEqualTo("plain");
        }
    }
}
