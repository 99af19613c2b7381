package dev.hone.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.config.ClassificationSetup;
import dev.hone.config.ConfigLoader;
import dev.hone.config.HoneConfig;
import dev.hone.config.StrategyConfig;
import dev.hone.dataset.Example;
import dev.hone.engine.model.Encoders;
import dev.hone.engine.train.TrainingListener;
import dev.hone.provider.ProviderPool;
import dev.hone.results.OptimizationEvidence;
import dev.hone.run.RunListener;
import dev.hone.run.Runner;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.CandidateLoader;
import dev.hone.strategy.Strategies;
import dev.hone.strategy.TrainingData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prompt optimisation of the LLM routes against the test server: the server's model reads the text
 * only when the instruction tells it to go by keywords, which the proposer suggests; the search finds
 * that instruction, never sends more requests than {@code max_requests} (counted by the server), records
 * every trial, and its dollars are the candidate's upfront cost in the verdict.
 */
class PromptOptimisationEndToEndTest {
    static final String PROPOSAL = "Decide by keyword: money means refund, parcels mean shipping, accounts mean login.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AtomicInteger proposals = new AtomicInteger();

    @TempDir
    Path directory;

    /** The proposer writes the keyword instruction; the classifier answers "shipping" unless told to use keywords. */
    private String answer(JsonNode body) {
        String system = body.get("messages").get(0).get("content").asText();
        if (system.startsWith("You write instructions")) {
            proposals.incrementAndGet();
            assertThat(body.get("messages").get(1).get("content").asText()).contains("Instructions tried so far", "[0.");
            return "Instruction: \"" + PROPOSAL + "\"";
        }
        return system.contains("keyword") ? KeywordClassifier.answer(body) : "shipping";
    }

    private void writeData() throws Exception {
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        for (String[] topic : LlmStrategiesEndToEndTest.TOPICS) {
            for (int i = 1; i < topic.length; i++) {
                (i <= 8 ? train : test).add("{\"text\": \"" + topic[i] + "\", \"label\": \"" + topic[0] + "\"}");
            }
        }
        Files.write(directory.resolve("train.jsonl"), train);
        Files.write(directory.resolve("test.jsonl"), test);
    }

    private HoneConfig config(OpenAiTestServer server, String strategies) throws Exception {
        Path file = directory.resolve("hone.yaml");
        Files.writeString(file, """
                task: {name: llm-optimised}
                model: all-minilm-l6-v2
                dataset: {train: train.jsonl, test: test.jsonl}
                labels: {refund: "money back", shipping: "where is my order", login: "cannot access the account"}
                providers:
                  api: {type: openai, base_url: "%s", model: test-model, api_key_env: HONE_TEST_API_KEY, requests_per_minute: 60000,
                        usd_per_million_input_tokens: 0.15, usd_per_million_output_tokens: 0.60, cache: false}
                strategies:
                %s
                evaluation: {seed: 3, latency_samples: 5, cv_repeats: 1}
                decision: {latency_budget_ms: 10000}
                """.formatted(server.baseUrl(), strategies));
        return ConfigLoader.load(file, List.of());
    }

    private static List<Example> train() {
        List<Example> train = new ArrayList<>();
        for (String[] topic : LlmStrategiesEndToEndTest.TOPICS) {
            for (int i = 1; i <= 8; i++) train.add(new Example(topic[i], topic[0], "train:" + i));
        }
        return train;
    }

    @Test
    void theSearchNeverSendsMoreThanMaxRequests() throws Exception {
        writeData();
        for (int maxRequests : new int[] {5, 12, 40}) {
            try (OpenAiTestServer server = new OpenAiTestServer(this::answer, ProviderContractTest.KEY);
                 ProviderPool providers = ProviderPool.open()) {
                HoneConfig config = config(server, "  - {name: zs, kind: llm-zero-shot, provider: api, optimize: {max_requests: %d, max_trials: 50}}"
                        .formatted(maxRequests));
                StrategyConfig strategy = ((ClassificationSetup) config.setup()).strategies().get(0);
                Candidate candidate = Strategies.of(strategy).build(new TrainingData(null, train(), List.of(),
                        List.of("refund", "shipping", "login"), Map.of(), 3, TrainingListener.NONE, providers));
                OptimizationEvidence evidence = candidate.optimization().orElseThrow();
                // Building asks nothing but the search's requests, each of which reached the server (no cache).
                assertThat(server.requests()).as("max_requests %d", maxRequests).isLessThanOrEqualTo(maxRequests)
                        .isEqualTo((int) evidence.requests());
                assertThat(evidence.trials()).isNotEmpty();
                assertThat(evidence.usd()).isPositive();
                if (maxRequests == 40) {
                    // 24 training examples, 10 scored per trial (a quarter of the budget): the configured prompt, then
                    // two proposals of one request and ten more each; a third would pass 40.
                    assertThat(evidence.requests()).isEqualTo(32);
                    assertThat(evidence.examples()).isEqualTo(10);
                    assertThat(evidence.baselineScore()).isLessThan(1.0);
                    assertThat(evidence.bestScore()).isEqualTo(1.0);
                    assertThat(evidence.promptAfter()).startsWith(PROPOSAL + "\nReply with exactly one label");
                    assertThat(evidence.trials().get(1).parent()).isZero();
                    assertThat(evidence.trials().get(1).prompt()).isEqualTo("instruction: " + PROPOSAL);
                }
            }
        }
        assertThat(proposals.get()).isPositive();
    }

    @Test
    void aRunRecordsTheTrialsChargesTheSearchUpfrontAndServesTheOptimisedPrompt() throws Exception {
        writeData();
        try (OpenAiTestServer server = new OpenAiTestServer(this::answer, ProviderContractTest.KEY)) {
            HoneConfig config = config(server, """
                      - {name: plain, kind: llm-zero-shot, provider: api}
                      - {name: optimised, kind: llm-zero-shot, provider: api, optimize: {max_requests: 40}}
                      - {name: shots, kind: llm-few-shot, provider: api, k: 2, optimize: {method: bootstrap-few-shot, max_requests: 30, max_trials: 4}}
                    """);
            Path out = directory.resolve("run");
            new Runner(Encoders::load, RunListener.SILENT).run(config, out, false);
            JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
            JsonNode optimised = candidate(results, "optimised");
            JsonNode trials = optimised.get("optimization").get("trials");
            assertThat(trials.size()).isGreaterThan(1);
            assertThat(optimised.get("optimization").get("requests").asLong()).isLessThanOrEqualTo(40);
            assertThat(optimised.get("accuracy").asDouble()).isGreaterThan(candidate(results, "plain").get("accuracy").asDouble());
            // The search's dollars are the candidate's upfront cost, which the verdict counts as its training cost.
            double usd = optimised.get("optimization").get("usd").asDouble();
            assertThat(usd).isPositive();
            assertThat(optimised.get("upfront_usd").asDouble()).isEqualTo(usd);
            assertThat(results.get("statistics").get("optimised").get("training_cost_usd").asDouble()).isEqualTo(usd);
            assertThat(results.get("statistics").get("plain").get("training_cost_usd").asDouble()).isZero();
            assertThat(candidate(results, "shots").get("optimization").get("target").asText()).isEqualTo("demonstrations");
            assertThat(candidate(results, "shots").get("optimization").get("trials").size()).isLessThanOrEqualTo(4);

            // The saved candidate asks with the optimised instruction.
            assertThat(JSON.readTree(out.resolve("candidates/optimised/llm.json").toFile()).get("system").asText()).startsWith(PROPOSAL);
            var loaded = CandidateLoader.load(out.resolve("candidates/optimised"), Encoders::load);
            assertThat(loaded.predict("my parcel is late").label()).isEqualTo("shipping");
            assertThat(loaded.predict("I want my money back").label()).isEqualTo("refund");
        }
    }

    private static JsonNode candidate(JsonNode results, String name) {
        for (JsonNode c : results.get("candidates")) if (c.get("name").asText().equals(name)) return c;
        throw new AssertionError("no candidate " + name);
    }
}
