package dev.hone.strategy.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.Prediction;
import dev.hone.dataset.Example;
import dev.hone.engine.train.TrainingListener;
import dev.hone.error.HoneException;
import dev.hone.provider.ChatMessage;
import dev.hone.provider.ChatRequest;
import dev.hone.provider.ProviderException;
import dev.hone.provider.ProviderPool;
import dev.hone.provider.ScriptedProvider;
import dev.hone.provider.ScriptedScorer;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.Demonstrations;
import dev.hone.strategy.LlmUsage;
import dev.hone.strategy.TrainingData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The LLM routes' own logic against {@link ScriptedProvider}, no HTTP: the prompts they send, how
 * replies become predictions (parsing, fallback, votes), and what they count for the cost model.
 * The same routes over real HTTP are tested in hone-providers ({@code LlmStrategiesEndToEndTest}).
 */
class LlmStrategyTest {
    private static final List<String> LABELS = List.of("refund", "shipping", "login");
    private static final Map<String, String> DESCRIPTIONS = descriptions();
    /** Shipping is the most frequent training label: the fallback for a reply that names no label. */
    private static final List<Example> TRAIN = List.of(new Example("refund my order", "refund", "train.jsonl:1"),
            new Example("where is my parcel", "shipping", "train.jsonl:2"), new Example("my package is late", "shipping", "train.jsonl:3"),
            new Example("has it shipped yet", "shipping", "train.jsonl:4"), new Example("I forgot my password", "login", "train.jsonl:5"),
            new Example("money back please", "refund", "train.jsonl:6"));
    private static final long SEED = 7;

    private static Map<String, String> descriptions() {
        Map<String, String> descriptions = new LinkedHashMap<>();
        descriptions.put("refund", "money back");
        descriptions.put("shipping", "where is my order");
        descriptions.put("login", "");
        return descriptions;
    }

    /** Answers by keywords of the text asked about; "not sure" when none matches. */
    private static String keywords(ChatRequest request) {
        String text = ScriptedProvider.lastUserText(request).toLowerCase(Locale.ROOT);
        if (text.contains("refund") || text.contains("money")) return "refund";
        if (text.contains("parcel") || text.contains("ship")) return "Shipping.";
        if (text.contains("password")) return "login";
        return "I am not sure";
    }

    private static LlmConfig config(LlmKind kind, int k, int samples, double temperature, int maxTokens) {
        boolean reasons = kind == LlmKind.LLM_COT || kind == LlmKind.LLM_SELF_CONSISTENCY;
        return new LlmConfig("llm", kind, ScriptedProvider.config("scripted", "scripted-model"),
                reasons ? LlmConfig.DEFAULT_REASONING_SYSTEM : LlmConfig.DEFAULT_SYSTEM, LlmConfig.DEFAULT_USER,
                reasons ? LlmConfig.DEFAULT_REASONING_DEMONSTRATION : LlmConfig.DEFAULT_DEMONSTRATION, k, "random", samples,
                temperature, maxTokens);
    }

    private static LlmConfig zeroShot() {
        return config(LlmKind.LLM_ZERO_SHOT, 0, 1, 0, 16);
    }

    private static Candidate build(LlmConfig config, ScriptedProvider provider) {
        ProviderPool pool = new ProviderPool(entry -> provider);
        return new LlmStrategy(config).build(new TrainingData(null, TRAIN, List.of(), LABELS, DESCRIPTIONS, SEED,
                TrainingListener.NONE, pool));
    }

    @Test
    void zeroShotAsksOnceForEachTextWithTheLabelListAndParsesTheReply() {
        ScriptedProvider provider = new ScriptedProvider(LlmStrategyTest::keywords);
        Candidate candidate = build(zeroShot(), provider);

        List<Prediction> predictions = candidate.predictBatch(List.of("please refund my order", "where is my parcel", "I forgot my password"));

        assertThat(predictions).extracting(Prediction::label).containsExactly("refund", "shipping", "login");
        assertThat(predictions).allSatisfy(p -> assertThat(p.score()).isEqualTo(1.0));
        assertThat(predictions.get(1).scores()).isEqualTo(Map.of("refund", 0.0, "shipping", 1.0, "login", 0.0));
        assertThat(provider.requests()).hasSize(3).allSatisfy(request -> {
            assertThat(request.messages()).hasSize(2);
            assertThat(request.messages().get(0)).isEqualTo(ChatMessage.system("""
                    You classify texts. Reply with exactly one label from the list below and nothing else.
                    Labels:
                    - refund: money back
                    - shipping: where is my order
                    - login"""));
            assertThat(request.temperature()).isZero();
            assertThat(request.maxTokens()).isEqualTo(16);
            assertThat(request.model()).isEqualTo("scripted-model");
        });
        assertThat(provider.requests()).extracting(ScriptedProvider::lastUserText)
                .containsExactlyInAnyOrder("Text: please refund my order", "Text: where is my parcel", "Text: I forgot my password");
    }

    @Test
    void usageCountsPredictionsRequestsAndTheTokensTheProviderReported() {
        ScriptedProvider provider = new ScriptedProvider(LlmStrategyTest::keywords);
        Candidate candidate = build(zeroShot(), provider);
        candidate.predictBatch(List.of("please refund my order", "where is my parcel"));

        LlmUsage usage = candidate.llmUsage().orElseThrow();
        assertThat(usage.provider()).isEqualTo("scripted");
        assertThat(usage.model()).isEqualTo("scripted-model");
        assertThat(usage.predictions()).isEqualTo(2);
        assertThat(usage.requests()).isEqualTo(2);
        assertThat(usage.cachedRequests()).isZero();
        assertThat(usage.parseFailures()).isZero();
        assertThat(usage.inputTokens()).isEqualTo(provider.inputTokens()).isPositive();
        assertThat(usage.outputTokens()).isEqualTo(provider.outputTokens()).isEqualTo(2);
        assertThat(usage.latencyP50Ms()).isEqualTo(5.0);
        assertThat(usage.promptSha256()).matches("[0-9a-f]{64}");
        assertThat(usage.usdPerMillionInput()).isEqualTo(1.0);
        assertThat(usage.usdPerMillionOutput()).isEqualTo(2.0);
    }

    @Test
    void aTextAskedAgainIsAnsweredFromMemoryAndCountedAsCachedWithWhatItCostFirst() {
        ScriptedProvider provider = new ScriptedProvider(LlmStrategyTest::keywords);
        Candidate candidate = build(zeroShot(), provider);
        candidate.predict("please refund my order");
        candidate.predict("please refund my order");

        assertThat(provider.requests()).hasSize(1);
        LlmUsage usage = candidate.llmUsage().orElseThrow();
        assertThat(usage.requests()).isEqualTo(2);
        assertThat(usage.cachedRequests()).isEqualTo(1);
        assertThat(usage.inputTokens()).isEqualTo(2 * provider.inputTokens());
    }

    @Test
    void aReplyNamingNoLabelFallsBackToTheMostFrequentTrainingLabelWithScoreZero() {
        ScriptedProvider provider = new ScriptedProvider(LlmStrategyTest::keywords);
        Candidate candidate = build(zeroShot(), provider);

        List<Prediction> predictions = candidate.predictBatch(List.of("hello there", "refund please"));

        assertThat(predictions.get(0).label()).isEqualTo("shipping");
        assertThat(predictions.get(0).score()).isZero();
        assertThat(predictions.get(0).scores().values()).containsOnly(0.0);
        assertThat(predictions.get(1).label()).isEqualTo("refund");
        LlmUsage usage = candidate.llmUsage().orElseThrow();
        assertThat(usage.parseFailures()).isEqualTo(1);
        assertThat(usage.predictions()).isEqualTo(2);
    }

    @Test
    void fewShotPutsTheSameSeededDrawOfTrainingExamplesBeforeEveryText() {
        ScriptedProvider provider = new ScriptedProvider(LlmStrategyTest::keywords);
        Candidate candidate = build(config(LlmKind.LLM_FEW_SHOT, 2, 1, 0, 16), provider);
        candidate.predictBatch(List.of("please refund my order", "where is my parcel"));

        List<ChatRequest> requests = provider.requests();
        assertThat(requests).hasSize(2);
        List<ChatMessage> demonstrations = requests.get(0).messages().subList(1, 5);
        assertThat(requests.get(1).messages().subList(1, 5)).isEqualTo(demonstrations);
        assertThat(requests).allSatisfy(r -> assertThat(r.messages()).hasSize(6));
        List<Example> drawn = new ArrayList<>();
        for (int i = 0; i < 4; i += 2) {
            ChatMessage user = demonstrations.get(i);
            ChatMessage assistant = demonstrations.get(i + 1);
            assertThat(user.role()).isEqualTo("user");
            assertThat(assistant.role()).isEqualTo("assistant");
            drawn.add(new Example(user.content().substring("Text: ".length()), assistant.content(), ""));
        }
        List<Example> expected = Demonstrations.random(TRAIN, 2, SEED).forTexts(List.of("any")).get(0).stream()
                .map(e -> new Example(e.text(), e.label(), "")).toList();
        assertThat(drawn).isEqualTo(expected);

        ScriptedProvider again = new ScriptedProvider(LlmStrategyTest::keywords);
        build(config(LlmKind.LLM_FEW_SHOT, 2, 1, 0, 16), again).predict("please refund my order");
        assertThat(again.requests().get(0).messages().subList(1, 5)).as("the same seed draws the same examples").isEqualTo(demonstrations);
    }

    @Test
    void chainOfThoughtReadsTheLastAnswerLine() {
        ScriptedProvider provider = new ScriptedProvider(request -> "The text asks for money.\nAnswer: shipping\nNo wait.\nAnswer: **refund**");
        Candidate candidate = build(config(LlmKind.LLM_COT, 0, 1, 0, 400), provider);

        Prediction prediction = candidate.predict("please refund my order");

        assertThat(prediction.label()).isEqualTo("refund");
        assertThat(provider.requests().get(0).messages().get(0).content()).contains("Answer: <label>");
        assertThat(provider.requests().get(0).maxTokens()).isEqualTo(400);
    }

    @Test
    void selfConsistencyAsksWithSuccessiveSeedsAndVotes() {
        Function<ChatRequest, String> bySeed = request -> request.seed() < SEED + 3 ? "Answer: refund" : "Answer: shipping";
        ScriptedProvider provider = new ScriptedProvider(bySeed);
        Candidate candidate = build(config(LlmKind.LLM_SELF_CONSISTENCY, 0, 5, 0.7, 400), provider);

        Prediction prediction = candidate.predict("please refund my order");

        assertThat(provider.requests()).extracting(ChatRequest::seed).containsExactlyInAnyOrder(SEED, SEED + 1, SEED + 2, SEED + 3, SEED + 4);
        assertThat(provider.requests()).allSatisfy(r -> assertThat(r.temperature()).isEqualTo(0.7));
        assertThat(prediction.label()).isEqualTo("refund");
        assertThat(prediction.score()).isEqualTo(0.6);
        assertThat(prediction.scores()).isEqualTo(Map.of("refund", 0.6, "shipping", 0.4, "login", 0.0));
        LlmUsage usage = candidate.llmUsage().orElseThrow();
        assertThat(usage.predictions()).isEqualTo(1);
        assertThat(usage.requests()).isEqualTo(5);
    }

    @Test
    void aTiedVoteGoesToTheLabelListedFirst() {
        ScriptedProvider provider = new ScriptedProvider(request -> request.seed() % 2 == 0 ? "Answer: login" : "Answer: shipping");
        Candidate candidate = build(config(LlmKind.LLM_SELF_CONSISTENCY, 0, 4, 0.7, 400), provider);

        Prediction prediction = candidate.predict("my account");

        assertThat(prediction.label()).isEqualTo("shipping");
        assertThat(prediction.score()).isEqualTo(0.5);
    }

    @Test
    void aProviderFailureReachesTheCallerAsItselfAndAnyOtherFailureNamesTheCandidate() {
        ProviderException failed = new ProviderException("provider 'scripted': HTTP 500 after 5 attempts");
        Candidate failing = build(zeroShot(), new ScriptedProvider(request -> {
            if (ScriptedProvider.lastUserText(request).contains("parcel")) throw failed;
            return "refund";
        }));
        assertThatThrownBy(() -> failing.predictBatch(List.of("refund please", "where is my parcel"))).isSameAs(failed);

        IllegalStateException bug = new IllegalStateException("scripted bug");
        Candidate broken = build(zeroShot(), new ScriptedProvider(request -> {
            throw bug;
        }));
        assertThatThrownBy(() -> broken.predict("refund please")).isExactlyInstanceOf(HoneException.class)
                .hasMessage("LLM candidate 'llm' failed: java.lang.IllegalStateException: scripted bug").hasCause(bug);
    }

    /** Log-probabilities by keyword: the label the text names scores -1, the others -3. */
    private static double keywordLikelihood(String text, String label) {
        return keywords(new ChatRequest(List.of(ChatMessage.user(text)), 0, 1, 0)).toLowerCase(Locale.ROOT).startsWith(label) ? -1 : -3;
    }

    private static LlmConfig byLikelihood(LlmKind kind, int k) {
        return new LlmConfig("llm", kind, ScriptedScorer.config("scorer"), LlmConfig.DEFAULT_SYSTEM, LlmConfig.DEFAULT_USER,
                LlmConfig.DEFAULT_DEMONSTRATION, k, "random", 1, 0, 16, LlmMethod.LIKELIHOOD);
    }

    @Test
    void likelihoodScoresEveryLabelOnTheSamePromptAndPredictsTheMostLikely() {
        ScriptedScorer scorer = new ScriptedScorer(ScriptedScorer.config("scorer"), LlmStrategyTest::keywordLikelihood);
        ProviderPool pool = new ProviderPool(entry -> scorer);
        Candidate candidate = new LlmStrategy(byLikelihood(LlmKind.LLM_FEW_SHOT, 2)).build(new TrainingData(null, TRAIN, List.of(), LABELS,
                DESCRIPTIONS, SEED, TrainingListener.NONE, pool));

        List<Prediction> predictions = candidate.predictBatch(List.of("where is my parcel", "hello there"));

        assertThat(predictions.get(0).label()).isEqualTo("shipping");
        double likely = 1 / (1 + 2 * Math.exp(-2));
        assertThat(predictions.get(0).score()).isCloseTo(likely, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(predictions.get(0).scores().values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
        // No label named: all equally likely, and the tie goes to the label listed first.
        assertThat(predictions.get(1).label()).isEqualTo("refund");
        assertThat(predictions.get(1).score()).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-12));
        List<ChatMessage> expected = new LlmPrompt(LlmConfig.DEFAULT_SYSTEM, LlmConfig.DEFAULT_USER, LlmConfig.DEFAULT_DEMONSTRATION, LABELS,
                DESCRIPTIONS).messages("where is my parcel", Demonstrations.random(TRAIN, 2, SEED).forTexts(List.of("x")).get(0));
        assertThat(scorer.prompts()).contains(expected).hasSize(2);
    }

    @Test
    void likelihoodUsageCountsOneRequestPerTextWithThePromptAndLabelTokensAndNoParseFailures() {
        ScriptedScorer scorer = new ScriptedScorer(ScriptedScorer.config("scorer"), LlmStrategyTest::keywordLikelihood);
        Candidate candidate = new LlmStrategy(byLikelihood(LlmKind.LLM_ZERO_SHOT, 0)).build(new TrainingData(null, TRAIN, List.of(), LABELS,
                DESCRIPTIONS, SEED, TrainingListener.NONE, new ProviderPool(entry -> scorer)));
        candidate.predictBatch(List.of("I forgot my password", "I forgot my password", "money back"));

        LlmUsage usage = candidate.llmUsage().orElseThrow();
        assertThat(usage.predictions()).isEqualTo(3);
        assertThat(usage.requests()).isEqualTo(3);
        assertThat(usage.cachedRequests()).isEqualTo(1);
        assertThat(scorer.prompts()).hasSize(2);
        assertThat(usage.parseFailures()).isZero();
        assertThat(usage.outputTokens()).isZero();
        // The repeated text counts what it would cost when served: each time its prompt plus the three labels.
        assertThat(usage.inputTokens()).isEqualTo(2 * (promptWords("I forgot my password") + 3) + promptWords("money back") + 3);
        assertThat(usage.latencyP50Ms()).isEqualTo(3.0);
    }

    private static long promptWords(String text) {
        return new LlmPrompt(LlmConfig.DEFAULT_SYSTEM, LlmConfig.DEFAULT_USER, LlmConfig.DEFAULT_DEMONSTRATION, LABELS, DESCRIPTIONS)
                .messages(text, List.of()).stream().mapToLong(m -> ScriptedProvider.tokens(m.content())).sum();
    }

    @Test
    void likelihoodOnAPoolWhoseProviderOnlyGeneratesIsABadInputNamingTheFixes() {
        ScriptedProvider provider = new ScriptedProvider(LlmStrategyTest::keywords);
        LlmConfig config = new LlmConfig("llm", LlmKind.LLM_ZERO_SHOT, ScriptedProvider.config("scripted", "scripted-model"),
                LlmConfig.DEFAULT_SYSTEM, LlmConfig.DEFAULT_USER, LlmConfig.DEFAULT_DEMONSTRATION, 0, "random", 1, 0, 16, LlmMethod.LIKELIHOOD);

        assertThatThrownBy(() -> new LlmStrategy(config).build(new TrainingData(null, TRAIN, List.of(), LABELS, DESCRIPTIONS, SEED,
                TrainingListener.NONE, new ProviderPool(entry -> provider)))).isInstanceOf(dev.hone.error.BadInputException.class)
                .hasMessageContaining("provider 'scripted' (type: scripted) only generates: use method: generate, or a provider of type: local");
    }
}
