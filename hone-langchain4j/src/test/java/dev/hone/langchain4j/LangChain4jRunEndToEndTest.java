package dev.hone.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.Classifier;
import dev.hone.config.ConfigLoader;
import dev.hone.engine.model.Encoders;
import dev.hone.run.RunListener;
import dev.hone.run.Runner;
import dev.hone.strategy.CandidateLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole run of an {@code llm-zero-shot} classification through a {@code type: langchain4j}
 * Anthropic provider against the fake Messages API: real metrics and token prices in results.json,
 * a saved candidate that rebuilds its provider from llm.json, and the key nowhere in the output.
 */
class LangChain4jRunEndToEndTest {
    private static final String[][] TOPICS = {
        {"refund", "I want my money back", "please refund my order", "refund the jacket", "money back for the lamp", "return my money"},
        {"shipping", "where is my parcel", "has my order shipped", "my package is late", "track my shipment", "courier lost my package"},
        {"login", "I cannot log in", "forgot my password", "my account is locked", "can't sign in", "reset my password"}};

    @TempDir
    Path directory;

    /** The fake model: a keyword classifier over the text after "Text: ". */
    private static String label(String userMessage) {
        String t = userMessage.replaceFirst("(?s)^.*Text: ", "").toLowerCase(Locale.ROOT);
        if (t.matches(".*(refund|money|return).*")) return "refund";
        if (t.matches(".*(parcel|order|ship|package|track|courier).*")) return "shipping";
        return "login";
    }

    @Test
    void llmZeroShotRunsThroughAnAnthropicChatModel() throws Exception {
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        for (String[] topic : TOPICS) {
            for (int i = 1; i < topic.length; i++) (i <= 2 ? train : test).add("{\"text\": \"" + topic[i] + "\", \"label\": \"" + topic[0] + "\"}");
        }
        Files.write(directory.resolve("train.jsonl"), train);
        Files.write(directory.resolve("test.jsonl"), test);
        try (FakeVendorServer server = new FakeVendorServer(LangChain4jRunEndToEndTest::label)) {
            Path configFile = directory.resolve("hone.yaml");
            Files.writeString(configFile, """
                    task: {name: lc4j-tiny}
                    model: all-minilm-l6-v2
                    dataset: {train: train.jsonl, test: test.jsonl}
                    labels: {refund: "money back", shipping: "where is my order", login: "cannot access the account"}
                    providers:
                      claude: {type: langchain4j, chat_model: anthropic, model: claude-3-5-haiku-latest, base_url: "%s",
                               api_key_env: HONE_TEST_API_KEY, requests_per_minute: 60000, settings: {maxTokens: 512},
                               usd_per_million_input_tokens: 0.80, usd_per_million_output_tokens: 4.0, cache_dir: llm-cache}
                    strategies:
                      - {name: claude-zs, kind: llm-zero-shot, provider: claude}
                    evaluation: {repeats: 1, seed: 3, latency_samples: 5}
                    decision: {latency_budget_ms: 10000}
                    """.formatted(server.anthropicUrl()));
            Path out = directory.resolve("run");
            new Runner(Encoders::load, RunListener.SILENT).run(ConfigLoader.load(configFile, List.of()), out, false);

            assertThat(server.requests()).isPositive();
            assertThat(server.headerLines()).contains("x-api-key: " + LangChain4jProviderTest.KEY);
            JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
            JsonNode zs = results.get("candidates").get(0);
            assertThat(zs.get("name").asText()).isEqualTo("claude-zs");
            assertThat(zs.get("accuracy").asDouble()).isEqualTo(1.0);
            assertThat(zs.get("tokens_in_per_request").asDouble()).isPositive();
            assertThat(zs.get("tokens_out_per_request").asDouble()).isEqualTo(1.0);
            double perRequest = results.get("statistics").get("claude-zs").get("per_request_usd").asDouble();
            assertThat(perRequest).isGreaterThanOrEqualTo((zs.get("tokens_in_per_request").asDouble() * 0.80 + 4.0) / 1e6);

            // The saved candidate rebuilds its LangChain4j provider (chat model and settings) from llm.json.
            String saved = Files.readString(out.resolve("candidates/claude-zs/llm.json"));
            assertThat(saved).contains("\"chat_model\"", "\"maxTokens\"", "HONE_TEST_API_KEY");
            Classifier reloaded = CandidateLoader.load(out.resolve("candidates/claude-zs"), Encoders::load);
            assertThat(reloaded.predict("where is my parcel").label()).as("answered from the cache").isEqualTo("shipping");
            assertThat(reloaded.predict("my courier never came").label()).isEqualTo("shipping");

            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(file)).as(file.toString()).doesNotContain(LangChain4jProviderTest.KEY);
                }
            }
        }
    }
}
