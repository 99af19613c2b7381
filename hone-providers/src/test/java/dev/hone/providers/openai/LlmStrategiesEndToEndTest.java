package dev.hone.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.Classifier;
import dev.hone.config.ConfigLoader;
import dev.hone.config.HoneConfig;
import dev.hone.engine.model.Encoders;
import dev.hone.run.RunListener;
import dev.hone.run.Runner;
import dev.hone.strategy.CandidateLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole run with the four LLM kinds against the test server (whose answers come from
 * {@link KeywordClassifier}): real metrics, tokens and prices in results.json, a re-run served
 * entirely from the cache, the key nowhere in the output, and a saved candidate that reloads.
 */
class LlmStrategiesEndToEndTest {
    static final String[][] TOPICS = {
        {"refund", "I want my money back", "please refund my order", "refund the jacket", "give me a refund now",
            "money back for the broken lamp", "I need a refund", "refund my payment", "where is my refund",
            "refund me please", "I want a refund for the shoes", "return my money"},
        {"shipping", "where is my parcel", "has my order shipped", "tracking number please", "my package is late",
            "when will my order arrive", "delivery is delayed", "parcel not delivered", "track my shipment",
            "order still not shipped", "courier lost my package", "when does it ship"},
        {"login", "I cannot log in", "password reset does not work", "my account is locked", "forgot my password",
            "two factor code missing", "can't sign in", "login page error", "reset my password",
            "account access denied", "locked out of my account", "sign in fails"}};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void zeroShotFewShotCotAndSelfConsistencyRunEndToEnd() throws Exception {
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        for (String[] topic : TOPICS) {
            for (int i = 1; i < topic.length; i++) {
                (i <= 8 ? train : test).add("{\"text\": \"" + topic[i] + "\", \"label\": \"" + topic[0] + "\"}");
            }
        }
        Files.write(directory.resolve("train.jsonl"), train);
        Files.write(directory.resolve("test.jsonl"), test);
        try (OpenAiTestServer server = new OpenAiTestServer(KeywordClassifier::answer, ProviderContractTest.KEY)) {
            Path configFile = directory.resolve("hone.yaml");
            Files.writeString(configFile, """
                    task: {name: llm-tiny}
                    model: all-minilm-l6-v2
                    dataset: {train: train.jsonl, test: test.jsonl, validation_fraction: 0.25}
                    labels: {refund: "money back", shipping: "where is my order", login: "cannot access the account"}
                    providers:
                      teacher: {type: openai, base_url: "%s", model: test-model, api_key_env: HONE_TEST_API_KEY, requests_per_minute: 60000,
                                usd_per_million_input_tokens: 0.15, usd_per_million_output_tokens: 0.60, cache_dir: llm-cache}
                    strategies:
                      - {name: llm-zs, kind: llm-zero-shot, provider: teacher}
                      - {name: llm-fs, kind: llm-few-shot, provider: teacher, k: 3, select: similar}
                      - {name: llm-cot, kind: llm-cot, provider: teacher}
                      - {name: llm-sc, kind: llm-self-consistency, provider: teacher, samples: 5}
                      - {name: knn, kind: few-shot, k: 2}
                      - {name: cascade, kind: cascade, local: knn, remote: llm-zs}
                    evaluation: {repeats: 2, seed: 3, latency_samples: 5}
                    decision: {latency_budget_ms: 10000}
                    """.formatted(server.baseUrl()));
            HoneConfig config = ConfigLoader.load(configFile, List.of());
            Path out = directory.resolve("run1");
            new Runner(Encoders::load, RunListener.SILENT).run(config, out, false);
            int firstRunRequests = server.requests();
            assertThat(firstRunRequests).isPositive();

            JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
            // Kept for a look after the build (target/ is the module's build folder).
            Files.copy(out.resolve("results.json"), Path.of("target", "llm-end-to-end-results.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            JsonNode zs = candidate(results, "llm-zs");
            JsonNode fs = candidate(results, "llm-fs");
            JsonNode cot = candidate(results, "llm-cot");
            JsonNode sc = candidate(results, "llm-sc");
            // The keyword model is right on every test text except "…refund for the shoes", which zero-shot cannot parse
            // (so it falls back to the most frequent label; the three are equally frequent, the first wins: refund).
            assertThat(zs.get("accuracy").asDouble()).isEqualTo(1.0);
            assertThat(zs.get("parse_failure_rate").asDouble()).isGreaterThan(0).isLessThan(0.2);
            assertThat(cot.get("parse_failure_rate").asDouble()).isZero();
            assertThat(cot.get("accuracy").asDouble()).isEqualTo(1.0);
            assertThat(sc.get("accuracy").asDouble()).as("the vote outweighs one noisy sample in five").isEqualTo(1.0);
            assertThat(sc.get("repeats").size()).as("sampled, so repeated").isEqualTo(2);
            assertThat(zs.get("repeats").size()).as("temperature 0: one repeat").isEqualTo(1);
            assertThat(sc.get("tokens_in_per_request").asDouble()).isGreaterThan(4 * cot.get("tokens_in_per_request").asDouble());
            assertThat(fs.get("tokens_in_per_request").asDouble()).isGreaterThan(zs.get("tokens_in_per_request").asDouble());
            assertThat(zs.get("prompt_sha256").asText()).matches("[0-9a-f]{64}").isNotEqualTo(cot.get("prompt_sha256").asText());
            assertThat(cot.get("prompt_sha256").asText()).isEqualTo(sc.get("prompt_sha256").asText());
            assertThat(zs.get("prompt_only").asBoolean()).isTrue();
            assertThat(zs.get("llm").get("provider").asText()).isEqualTo("teacher");
            assertThat(zs.get("latency_source").asText()).startsWith("provider answer times");
            assertThat(cot.get("latency_ms_p95").asDouble()).isGreaterThanOrEqualTo(cot.get("latency_ms_p50").asDouble());
            double perRequest = results.get("statistics").get("llm-zs").get("per_request_usd").asDouble();
            double tokenCost = (zs.get("tokens_in_per_request").asDouble() * 0.15 + zs.get("tokens_out_per_request").asDouble() * 0.60) / 1e6;
            assertThat(perRequest).isGreaterThanOrEqualTo(tokenCost).isLessThan(tokenCost + 1e-6);
            assertThat(results.get("statistics").get("llm-zs").get("training_cost_usd").asDouble()).isZero();

            // The cascade: the kNN answers when sure, the LLM otherwise; its tokens are the LLM's, spread over all predictions.
            JsonNode cascade = candidate(results, "cascade");
            double escalation = cascade.get("escalation_rate").asDouble();
            assertThat(escalation).isBetween(0.0, 1.0);
            assertThat(cascade.get("llm").get("escalated").asLong())
                    .isEqualTo(Math.round(escalation * cascade.get("llm").get("predictions").asLong()));
            assertThat(cascade.get("accuracy").asDouble()).isGreaterThanOrEqualTo(candidate(results, "knn").get("accuracy").asDouble());
            assertThat(cascade.get("tokens_in_per_request").asDouble())
                    .isLessThanOrEqualTo(zs.get("tokens_in_per_request").asDouble() * Math.min(1, escalation + 0.35));
            assertThat(results.get("statistics").get("cascade").get("per_request_usd").asDouble())
                    .isLessThanOrEqualTo(perRequest + 1e-6);
            assertThat(Files.readString(out.resolve("candidates/cascade/cascade.json"))).contains("threshold", "local_kind");
            Classifier reloadedCascade = CandidateLoader.load(out.resolve("candidates/cascade"), Encoders::load);
            assertThat(reloadedCascade.predict("reset my password please").label()).isEqualTo("login");

            // Few-shot requests carry k demonstrations, chosen by similarity: for a shipping text, shipping examples.
            JsonNode shippingAsk = server.bodies().stream()
                    .filter(b -> b.get("messages").size() == 8 && last(b).equals("Text: courier lost my package")).findFirst().orElseThrow();
            int shippingDemos = 0;
            for (JsonNode m : shippingAsk.get("messages")) if (m.get("role").asText().equals("assistant") && m.get("content").asText().equals("shipping")) shippingDemos++;
            assertThat(shippingDemos).isGreaterThanOrEqualTo(2);

            // The key reached the server, and nothing Hone wrote contains it.
            assertThat(server.rawRequests().get(0)).contains(ProviderContractTest.KEY);
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(file)).as(file.toString()).doesNotContain(ProviderContractTest.KEY);
                }
            }

            // Same config again: every answer comes from the cache.
            new Runner(Encoders::load, RunListener.SILENT).run(ConfigLoader.load(configFile, List.of()), directory.resolve("run2"), false);
            assertThat(server.requests()).isEqualTo(firstRunRequests);
            JsonNode again = JSON.readTree(directory.resolve("run2/results.json").toFile());
            assertThat(candidate(again, "llm-sc").get("accuracy").asDouble()).isEqualTo(1.0);
            assertThat(candidate(again, "llm-zs").get("tokens_in_per_request").asDouble()).isEqualTo(zs.get("tokens_in_per_request").asDouble());

            // A saved candidate rebuilds from llm.json (prompt, settings, provider; the key from the environment).
            Classifier reloaded = CandidateLoader.load(out.resolve("candidates/llm-fs"), Encoders::load);
            assertThat(reloaded.predict("my parcel never arrived").label()).isEqualTo("shipping");
            assertThat(Files.readString(out.resolve("candidates/llm-fs/llm.json"))).contains("HONE_TEST_API_KEY");
        }
    }

    private static String last(JsonNode body) {
        JsonNode messages = body.get("messages");
        return messages.get(messages.size() - 1).get("content").asText();
    }

    private static JsonNode candidate(JsonNode results, String name) {
        for (JsonNode c : results.get("candidates")) if (c.get("name").asText().equals(name)) return c;
        throw new AssertionError("no candidate " + name + " in results.json");
    }
}
