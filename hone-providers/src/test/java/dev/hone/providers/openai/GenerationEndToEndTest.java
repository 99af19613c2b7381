package dev.hone.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.error.BadInputException;
import dev.hone.Hone;
import dev.hone.run.Leaderboard;
import dev.hone.run.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole {@code task.kind: generation} run through {@link Hone#run} against the test server, whose
 * {@link ScriptedGenerator} answers only from its prompt: zero-shot knows nothing, few-shot repeats
 * the nearest demonstration, rag answers from the retrieved chunk and cites it. Real MiniLM weights
 * embed the documents and pick similar demonstrations.
 */
class GenerationEndToEndTest {
    /** A small manual for a kettle, written for this test: file → sentences. */
    static final Map<String, String> DOCUMENTS = Map.of(
            "errors.md", "Code E1 means the water tank is empty. Code E2 means the heating plate overheated and needs ten minutes to cool.",
            "cleaning.txt", "Descale the kettle every month with white vinegar. Rinse the jug twice with clean water after descaling.",
            "warranty.md", "The kettle comes with a two year warranty. Keep the receipt to claim a repair.",
            "pairing/app.md", "To pair the kettle with the phone app, hold the power button for five seconds until the light blinks blue.",
            "safety.txt", "Never fill the jug above the MAX line. Unplug the base before wiping it.");

    /** Facts: source, reference answer, then phrasings of the question (the first is the test question). */
    static final String[][] FACTS = {
        {"errors.md", "Code E1 means the water tank is empty.", "What does code E1 mean?", "The display shows E1, what is wrong?",
            "Meaning of the E1 code?", "Why is E1 shown on my kettle?"},
        {"errors.md", "Code E2 means the heating plate overheated and needs ten minutes to cool.", "What does code E2 mean?",
            "The display shows E2, what is wrong?", "Meaning of the E2 code?", "Why is E2 shown on my kettle?"},
        {"cleaning.txt", "Descale the kettle every month with white vinegar.", "How often should I descale the kettle?",
            "What do I descale the kettle with?", "Descaling schedule for the kettle?", "How do I remove limescale, with what and how often?"},
        {"cleaning.txt", "Rinse the jug twice with clean water after descaling.", "What should I do after descaling?",
            "After descaling, how do I rinse the jug?", "Rinsing after the descale?", "Is rinsing needed after descaling?"},
        {"warranty.md", "The kettle comes with a two year warranty.", "How long is the warranty?", "What warranty does the kettle have?",
            "Warranty period of the kettle?", "For how many years is the kettle under warranty?"},
        {"pairing/app.md", "Hold the power button for five seconds until the light blinks blue.", "How do I pair the kettle with the phone app?",
            "Pairing the phone app with the kettle?", "Connect the app to the kettle, how?", "What are the steps to pair the app?"},
        {"safety.txt", "Never fill the jug above the MAX line.", "How full can I fill the jug?", "Is there a maximum fill line on the jug?",
            "Up to which line may I fill the jug?", "Can I fill the jug to the top?"},
        {"safety.txt", "Unplug the base before wiping it.", "What should I do before wiping the base?", "Wiping the base safely?",
            "Is it safe to wipe the base while plugged in?", "Before I clean the base, what must I do?"}};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @BeforeEach
    void writeDocumentsAndPairs() throws Exception {
        writeKettle(directory);
        Files.writeString(directory.resolve("answer.schema.json"), """
                {"type": "object", "required": ["answer"], "properties": {"answer": {"type": "string"}}, "additionalProperties": false}
                """);
    }

    /** The manual under {@code docs/}, and its facts as pairs: each fact's first phrasing in test.jsonl, the others in train.jsonl. */
    static void writeKettle(Path directory) throws Exception {
        for (Map.Entry<String, String> doc : DOCUMENTS.entrySet()) {
            Path file = directory.resolve("docs").resolve(doc.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, doc.getValue() + "\n");
        }
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        for (String[] fact : FACTS) {
            for (int q = 2; q < fact.length; q++) {
                ObjectNode pair = JSON.createObjectNode().put("question", fact[q]).put("answer", fact[1]);
                pair.putArray("sources").add(fact[0]);
                (q == 2 ? test : train).add(pair.toString());
            }
        }
        Files.write(directory.resolve("train.jsonl"), train);
        Files.write(directory.resolve("test.jsonl"), test);
    }

    /** A generation run's config up to its strategies: the kettle pairs, and the test server as provider {@code writer}. */
    static String kettleRun(OpenAiTestServer server) {
        return """
                task: {name: kettle-answers, kind: generation}
                model: all-minilm-l6-v2
                dataset: {train: train.jsonl, test: test.jsonl, input_field: question, output_field: answer}
                providers:
                  writer: {type: openai, base_url: "%s", model: test-writer, requests_per_minute: 60000, cache: false,
                           usd_per_million_input_tokens: 1.0, usd_per_million_output_tokens: 2.0}
                """.formatted(server.baseUrl());
    }

    private Path config(OpenAiTestServer server, String extra) throws Exception {
        Path file = directory.resolve("hone.yaml");
        Files.writeString(file, kettleRun(server) + """
                strategies:
                  - {name: plain, kind: llm-generate, provider: writer}
                  - {name: shots, kind: llm-generate, provider: writer, k: 3, select: similar}
                  - {name: json, kind: llm-generate, provider: writer, system: "Reply in JSON as {\\"answer\\": \\"...\\"}."}
                  - {name: rag, kind: rag, provider: writer, documents: docs, k: 2, mode: hybrid, chunk_tokens: 64, overlap: 8}
                evaluation: {json_schema: answer.schema.json, judge: {provider: writer}}
                decision: {latency_budget_ms: 10000}
                %s""".formatted(extra));
        return file;
    }

    @Test
    void llmGenerateFewShotAndRagAreScoredAndRetrievalChangesTheAnswer() throws Exception {
        try (OpenAiTestServer server = new OpenAiTestServer(ScriptedGenerator::answer, null)) {
            RunResult result = Hone.run(config(server, ""), directory.resolve("run"));
            JsonNode results = JSON.readTree(directory.resolve("run/results.json").toFile());
            Files.copy(directory.resolve("run/results.json"), Path.of("target", "generation-end-to-end-results.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            assertThat(results.path("task").path("kind").asText()).isEqualTo("generation");
            // 24 training pairs: a validation split of 5 is carved, 19 remain as demonstrations.
            assertThat(results.path("dataset").path("validation_pairs").asInt()).isEqualTo(5);
            assertThat(results.path("dataset").path("test_pairs").asInt()).isEqualTo(8);
            assertThat(results.path("decision").path("selection_split").asText()).isEqualTo("validation");
            assertThat(results.path("decision").path("primary_metric").asText()).isEqualTo("judge_score");

            JsonNode plain = candidate(results, "plain").path("generation");
            JsonNode shots = candidate(results, "shots").path("generation");
            JsonNode json = candidate(results, "json").path("generation");
            JsonNode rag = candidate(results, "rag").path("generation");
            // Without context the model knows nothing: no overlap, and the judge cannot grade "I do not know".
            assertThat(plain.path("token_f1").asDouble()).isZero();
            assertThat(plain.path("judge_parse_failures").asInt()).isEqualTo(8);
            assertThat(plain.path("judge_score").isNull()).isTrue();
            // Retrieval puts the right sentence in the prompt: most answers are the reference plus a citation.
            assertThat(rag.path("token_f1").asDouble()).isGreaterThan(0.6);
            assertThat(rag.path("judge_score").asDouble()).isGreaterThan(0.7);
            assertThat(rag.path("citation_rate").asDouble()).isEqualTo(1.0);
            assertThat(rag.path("recall_at_k").asDouble()).isGreaterThanOrEqualTo(0.75);
            assertThat(plain.path("citation_rate").isNull()).as("no retrieval, no citations to count").isTrue();
            // Similar demonstrations phrase the same facts: the nearest one's reply is often the reference itself.
            assertThat(shots.path("exact_match").asDouble()).isGreaterThan(0.5);
            assertThat(shots.path("token_f1").asDouble()).isGreaterThan(plain.path("token_f1").asDouble());
            // Only the JSON strategy's answers satisfy the schema.
            assertThat(json.path("json_valid_rate").asDouble()).isEqualTo(1.0);
            assertThat(rag.path("json_valid_rate").asDouble()).isZero();

            // The same question, with and without retrieval.
            JsonNode ragE1 = example(rag, "What does code E1 mean?");
            JsonNode plainE1 = example(plain, "What does code E1 mean?");
            assertThat(ragE1.path("answer").asText()).contains("water tank is empty").contains("[errors.md]");
            assertThat(ragE1.path("retrieved_sources").toString()).contains("errors.md");
            assertThat(ragE1.path("cited").asBoolean()).isTrue();
            assertThat(plainE1.path("answer").asText()).isEqualTo(ScriptedGenerator.UNKNOWN);
            JsonNode ragAsk = server.bodies().stream().filter(b -> b.toString().contains("source: errors.md")
                    && last(b).equals("What does code E1 mean?")).findFirst().orElseThrow();
            assertThat(ragAsk.path("messages").get(0).path("content").asText()).contains("cite");

            // The contract's candidate fields, and tokens and prices like an LLM classifier's.
            for (JsonNode c : results.path("candidates")) {
                for (String field : List.of("name", "kind", "latency_ms_p50", "latency_ms_p95", "throughput_per_s", "train_seconds",
                        "trainable_parameters", "total_parameters", "tokens_in_per_request", "usd_per_prediction")) {
                    assertThat(c.has(field)).as(c.path("name").asText() + "." + field).isTrue();
                }
                assertThat(c.path("generation").path("per_example")).hasSize(8);
            }
            JsonNode ragCandidate = candidate(results, "rag");
            assertThat(ragCandidate.path("tokens_in_per_request").asDouble())
                    .isGreaterThan(candidate(results, "plain").path("tokens_in_per_request").asDouble());
            double perAnswer = (ragCandidate.path("tokens_in_per_request").asDouble() * 1.0
                    + ragCandidate.path("tokens_out_per_request").asDouble() * 2.0) / 1e6;
            assertThat(ragCandidate.path("usd_per_prediction").asDouble()).isCloseTo(perAnswer, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(ragCandidate.path("train_seconds").asDouble()).as("indexing time").isPositive();
            assertThat(results.path("documents").get(0).path("indexed_files").asInt()).isEqualTo(5);
            assertThat(Files.isDirectory(directory.resolve("run/knowledge-base"))).isTrue();
            assertThat(results.path("judge").path("graded").asInt()).isEqualTo(4 * 13);

            // The verdict: the best judge score on validation, or a cheaper candidate within the tie margin of it.
            String recommended = result.decision().recommended();
            double best = 0;
            for (JsonNode c : results.path("candidates")) {
                best = Math.max(best, c.path("generation").path("selection").path("judge_score_normalised").asDouble(0));
            }
            assertThat(candidate(results, recommended).path("generation").path("selection").path("judge_score_normalised").asDouble())
                    .isGreaterThanOrEqualTo(best - 0.02);
            assertThat(recommended).isNotEqualTo("plain");
            assertThat(result.decision().reason()).contains("judge score").contains("validation").doesNotContain("Caveat");
            String leaderboard = Leaderboard.format(result.results());
            assertThat(leaderboard).contains("* " + recommended).contains("rag").contains("* recommended:");
            assertThat(Files.readString(directory.resolve("run/candidates/shots/generator.json"))).contains("demonstration_pool");
        }
    }

    @Test
    void tooFewTrainingPairsChooseOnTestWithACaveat() throws Exception {
        List<String> lines = Files.readAllLines(directory.resolve("train.jsonl"));
        Files.write(directory.resolve("train.jsonl"), lines.subList(0, 10));
        try (OpenAiTestServer server = new OpenAiTestServer(ScriptedGenerator::answer, null)) {
            Path config = config(server, "").resolveSibling("hone.yaml");
            String yaml = Files.readString(config).replace("evaluation: {json_schema: answer.schema.json, judge: {provider: writer}}", "");
            Files.writeString(config, yaml);
            RunResult result = Hone.run(config, directory.resolve("small"));
            JsonNode written = new ObjectMapper().readTree(result.directory().resolve("results.json").toFile());
            assertThat(written.path("dataset").path("validation_pairs").asInt()).isZero();
            assertThat(written.path("decision").path("selection_split").asText()).isEqualTo("test");
            assertThat(written.path("decision").path("primary_metric").asText()).isEqualTo("token_f1");
            assertThat(result.decision().reason()).contains("token F1").contains("on test").contains("Caveat").contains("optimistic");
            assertThat(candidate(written, "json").path("generation").path("json_valid_rate").isNull()).isTrue();
        }
    }

    @Test
    void aSourceThatIsNotAmongTheDocumentsStopsTheRunWithItsLine() throws Exception {
        Files.writeString(directory.resolve("test.jsonl"), "{\"question\": \"q\", \"answer\": \"a\", \"sources\": [\"manual/missing.md\"]}\n");
        try (OpenAiTestServer server = new OpenAiTestServer(ScriptedGenerator::answer, null)) {
            Path config = config(server, "");
            assertThatThrownBy(() -> Hone.run(config, directory.resolve("bad"))).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("test.jsonl:1").hasMessageContaining("manual/missing.md")
                    .hasMessageContaining("relative to the rag strategy's documents folder");
            assertThat(server.requests()).as("nothing asked before the data is checked").isZero();
        }
    }

    private static String last(JsonNode body) {
        JsonNode messages = body.get("messages");
        return messages.get(messages.size() - 1).get("content").asText();
    }

    private static JsonNode example(JsonNode generation, String input) {
        for (JsonNode e : generation.path("per_example")) if (e.path("input").asText().equals(input)) return e;
        throw new AssertionError("no example " + input);
    }

    private static JsonNode candidate(JsonNode results, String name) {
        for (JsonNode c : results.get("candidates")) if (c.get("name").asText().equals(name)) return c;
        throw new AssertionError("no candidate " + name + " in results.json");
    }
}
