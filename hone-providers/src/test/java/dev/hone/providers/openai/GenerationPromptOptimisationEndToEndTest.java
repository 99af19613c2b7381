package dev.hone.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.config.ConfigLoader;
import dev.hone.engine.model.Encoders;
import dev.hone.engine.train.TrainingListener;
import dev.hone.optimize.OptimizedCandidate;
import dev.hone.run.RunListener;
import dev.hone.run.Runner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prompt optimisation of the generation routes against the test server: its model knows the kettle
 * manual by heart only when the instruction tells it to (which the proposer suggests), and otherwise
 * answers as {@link ScriptedGenerator} does — from retrieved passages, else "I do not know". The
 * search finds that instruction on training pairs, sends no more than {@code max_requests} (counted by
 * the server while the search runs), never asks a test question, records every trial, and its dollars
 * are the candidate's upfront cost in the verdict; rag's search also tries other numbers of chunks.
 */
class GenerationPromptOptimisationEndToEndTest {
    static final String PROPOSAL = "Answer from the kettle manual, which you know by heart.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REQUESTS = 30;

    @TempDir
    Path directory;

    private final AtomicInteger proposals = new AtomicInteger();
    private final AtomicInteger searchRequests = new AtomicInteger();
    private final Set<String> askedWhileSearching = ConcurrentHashMap.newKeySet();
    private volatile boolean searching;

    private String answer(JsonNode body) {
        JsonNode messages = body.get("messages");
        String system = messages.get(0).path("role").asText().equals("system") ? messages.get(0).get("content").asText() : "";
        String last = messages.get(messages.size() - 1).get("content").asText();
        if (searching) searchRequests.incrementAndGet();
        if (system.startsWith("You write instructions")) {
            proposals.incrementAndGet();
            assertThat(last).contains("Instructions tried so far", "[0.", "Reference answer: ");
            return "Instruction: \"" + PROPOSAL + "\"";
        }
        if (searching) askedWhileSearching.add(last);
        if (system.contains("by heart")) {
            for (String[] fact : GenerationEndToEndTest.FACTS) {
                for (int q = 2; q < fact.length; q++) if (last.contains(fact[q])) return fact[1];
            }
        }
        return ScriptedGenerator.answer(body);
    }

    /** Marks the searches: from a candidate's first line until the search's summary. */
    private final RunListener listener = new RunListener() {
        @Override
        public void message(String text) {
            if (text.startsWith("candidate: ")) searching = !text.startsWith("candidate: plain");
            if (text.startsWith("  prompt search")) searching = false;
        }

        @Override
        public TrainingListener training(String candidate, int repeat) {
            return TrainingListener.NONE;
        }
    };

    /** Runs the kettle pairs with {@code rest} (strategies and evaluation) against a fresh test server; the run's folder. */
    private Path run(String rest) throws Exception {
        GenerationEndToEndTest.writeKettle(directory);
        try (OpenAiTestServer server = new OpenAiTestServer(this::answer, null)) {
            Path file = directory.resolve("hone.yaml");
            Files.writeString(file, GenerationEndToEndTest.kettleRun(server) + rest + "decision: {latency_budget_ms: 10000}\n");
            Path out = directory.resolve("run");
            new Runner(Encoders::load, listener).run(ConfigLoader.load(file, List.of()), out, false);
            return out;
        }
    }

    @Test
    void theSearchKeepsToItsBudgetOnTrainingPairsAndItsInstructionWinsOnTest() throws Exception {
        Path out = run("""
                strategies:
                  - {name: plain, kind: llm-generate, provider: writer}
                  - {name: optimised, kind: llm-generate, provider: writer, optimize: {max_requests: %d}}
                  - {name: rag, kind: rag, provider: writer, documents: docs, k: 1, chunk_tokens: 64, overlap: 8,
                     optimize: {max_requests: 60, max_trials: 3}}
                """.formatted(MAX_REQUESTS));
        JsonNode results = JSON.readTree(out.resolve("results.json").toFile());

        JsonNode optimised = candidate(results, "optimised");
        JsonNode search = optimised.get("optimization");
        // 19 training pairs (5 carved for validation), 7 scored per trial (a quarter of the budget): the configured
        // prompt, then two proposals of one request and seven more each; a third would pass 30.
        assertThat(search.get("requests").asInt()).isEqualTo(23).isLessThanOrEqualTo(MAX_REQUESTS);
        assertThat(search.get("examples").asInt()).isEqualTo(7);
        assertThat(search.get("trials")).hasSize(3);
        assertThat(search.get("trials").get(0).get("score").asDouble()).isZero();
        assertThat(search.get("trials").get(1).get("parent").asInt()).isZero();
        assertThat(search.get("trials").get(1).get("prompt").asText()).isEqualTo("instruction: " + PROPOSAL);
        assertThat(search.get("trials").get(1).get("kept").asBoolean()).isTrue();
        assertThat(search.get("best_trial").asInt()).isEqualTo(1);
        assertThat(search.get("prompt_after").asText()).isEqualTo(PROPOSAL);
        assertThat(search.get("scored_on").asText()).startsWith("token F1 on 7 of the 19 training pairs");
        assertThat(proposals.get()).isPositive();
        // Counted by the server: both searches' requests, none of them a test question.
        assertThat(searchRequests.get()).isEqualTo(search.get("requests").asInt() + candidate(results, "rag").get("optimization")
                .get("requests").asInt());
        assertThat(askedWhileSearching).isNotEmpty();
        for (String[] fact : GenerationEndToEndTest.FACTS) assertThat(askedWhileSearching).doesNotContain(fact[2]);

        // The optimised instruction answers the test questions; the plain one knows nothing.
        assertThat(optimised.get("generation").get("token_f1").asDouble()).isGreaterThan(0.9);
        assertThat(candidate(results, "plain").get("generation").get("token_f1").asDouble()).isZero();
        // Its dollars are paid upfront, and the verdict says so.
        double usd = search.get("usd").asDouble();
        assertThat(usd).isPositive();
        assertThat(optimised.get("upfront_usd").asDouble()).isEqualTo(usd);
        assertThat(candidate(results, "plain").get("upfront_usd").asDouble()).isZero();
        assertThat(results.get("decision").get("recommended").asText()).isIn("optimised", "rag");
        assertThat(results.get("decision").get("reason").asText()).contains("searched on 7 training pairs first", "upfront");

        // rag tried two chunks per prompt before the instruction.
        JsonNode rag = candidate(results, "rag").get("optimization");
        assertThat(rag.get("target").asText()).isEqualTo("instruction and chunks per prompt");
        assertThat(rag.get("trials")).hasSize(3);
        assertThat(rag.get("trials").get(1).get("prompt").asText()).isEqualTo("chunks per prompt: 2");
        assertThat(rag.get("trials").get(1).get("parent").asInt()).isZero();
        assertThat(rag.get("trials").get(2).get("prompt").asText()).isEqualTo("instruction: " + PROPOSAL);
        assertThat(rag.get("prompt_after").asText()).startsWith(PROPOSAL + "\n\nContext:\n{context}");

        // The saved candidate holds the prompt it ran with, and every trial.
        JsonNode saved = JSON.readTree(out.resolve("candidates/optimised/generator.json").toFile());
        assertThat(saved.get("prompt").get("system").asText()).isEqualTo(PROPOSAL);
        assertThat(saved.get("strategy").get("optimize").get("max_requests").asInt()).isEqualTo(MAX_REQUESTS);
        assertThat(JSON.readTree(out.resolve("candidates/optimised").resolve(OptimizedCandidate.FILE).toFile()).get("trials"))
                .hasSize(3);
        int keptChunks = rag.get("prompt_after").asText().endsWith("chunks per prompt: 2") ? 2 : 1;
        assertThat(JSON.readTree(out.resolve("candidates/rag/generator.json").toFile()).get("prompt").get("chunks").asInt())
                .isEqualTo(keptChunks);
    }

    @Test
    void withAJudgeTheSearchScoresTheJudgesGradeAndItsRequestsCountAgainstTheBudget() throws Exception {
        Path out = run("""
                strategies:
                  - {name: optimised, kind: llm-generate, provider: writer, optimize: {max_requests: %d}}
                evaluation: {judge: {provider: writer}}
                """.formatted(MAX_REQUESTS));
        JsonNode search = candidate(JSON.readTree(out.resolve("results.json").toFile()), "optimised").get("optimization");
        // An answer and its grade per scored pair: 3 pairs (30 / (4 × 2)). The configured prompt costs 6, the first
        // proposal 1 + 3 + 3; the same instruction proposed again gets the same answers, which the judge grades from
        // memory (1 + 3 each, as the server counts). A fifth trial is not started: a whole one (7) would pass 30.
        assertThat(search.get("examples").asInt()).isEqualTo(3);
        assertThat(search.get("requests").asInt()).isEqualTo(25).isEqualTo(searchRequests.get());
        assertThat(search.get("trials")).hasSize(5);
        assertThat(search.get("scored_on").asText()).startsWith("judge score (0–1) on 3 of the 19 training pairs");
        assertThat(search.get("trials").get(0).get("score").asDouble()).as("no grade could be read").isZero();
        assertThat(search.get("trials").get(1).get("score").asDouble()).isEqualTo(1.0);
        assertThat(search.get("best_trial").asInt()).isEqualTo(1);
    }

    private static JsonNode candidate(JsonNode results, String name) {
        for (JsonNode c : results.get("candidates")) if (c.get("name").asText().equals(name)) return c;
        throw new AssertionError("no candidate " + name);
    }
}
