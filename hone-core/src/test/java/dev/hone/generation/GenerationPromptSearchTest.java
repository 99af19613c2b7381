package dev.hone.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.config.GenerateConfig;
import dev.hone.dataset.GenerationExample;
import dev.hone.optimize.OptimizeConfig;
import dev.hone.optimize.OptimizeMethod;
import dev.hone.provider.ChatMessage;
import dev.hone.provider.ChatRequest;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.ProviderPool;
import dev.hone.provider.ScriptedProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bootstrap demonstrations for llm-generate: the scripted model repeats the reply of the demonstration
 * on the question's topic and knows nothing without one, so adding demonstrations raises token F1 on
 * the training pairs; the search keeps to its requests, asks only training inputs, and records each move.
 */
class GenerationPromptSearchTest {
    private static String answer(ChatRequest request) {
        String question = ScriptedProvider.lastUserText(request);
        List<ChatMessage> messages = request.messages();
        for (int i = 0; i + 1 < messages.size() - 1; i++) {
            if (messages.get(i).role().equals("user") && messages.get(i).content().split(" ")[0].equals(question.split(" ")[0])) {
                return messages.get(i + 1).content();
            }
        }
        return "I do not know.";
    }

    @Test
    void bootstrapKeepsDemonstrationsThatRaiseTheScoreWithinTheBudget() {
        List<GenerationExample> train = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String topic = i % 2 == 0 ? "sky" : "grass";
            train.add(new GenerationExample(topic + " question " + i, topic.equals("sky") ? "it is blue" : "it is green", List.of(),
                    "train.jsonl:" + (i + 1)));
        }
        ScriptedProvider provider = new ScriptedProvider(GenerationPromptSearchTest::answer);
        ProviderConfig config = provider.config();
        OptimizeConfig optimize = new OptimizeConfig(OptimizeMethod.BOOTSTRAP_FEW_SHOT, 6, 40, 1.0, 5, config);
        GenerateConfig strategy = new GenerateConfig("plain", GenerationKind.LLM_GENERATE, config, GenerateConfig.DEFAULT_SYSTEM,
                GenerateConfig.DEFAULT_USER, 0, "random", null, 0, 64, null, optimize);
        List<String> messages = new ArrayList<>();
        GenerationPromptSearch.Result result;
        try (ProviderPool providers = new ProviderPool(c -> provider)) {
            result = GenerationPromptSearch.search(strategy, train, null, null, 5, providers, null, messages::add);
        }
        var evidence = result.evidence();
        // A third stays in the pool: 8 pairs could be scored, 10 affordable (a quarter of 40), so 8 per trial.
        assertThat(evidence.examples()).isEqualTo(8);
        assertThat(evidence.requests()).isEqualTo(provider.requests().size()).isLessThanOrEqualTo(40).isEqualTo(40);
        assertThat(evidence.trials()).hasSize(5);
        assertThat(evidence.trials().get(0).score()).isZero();
        assertThat(evidence.trials().get(1).prompt()).startsWith("add demonstration '");
        assertThat(evidence.trials().get(1).parent()).isZero();
        assertThat(evidence.bestScore()).isEqualTo(1.0);
        assertThat(result.demonstrations()).hasSizeBetween(2, 4);
        assertThat(result.demonstrations()).extracting(GenerationExample::reference).contains("it is blue", "it is green");
        assertThat(evidence.promptAfter()).contains("demonstration: ");
        assertThat(evidence.target()).isEqualTo("demonstrations");
        assertThat(messages).anyMatch(m -> m.startsWith("  prompt search: 5 trials, 40 requests"));
        // Only training inputs were asked.
        assertThat(provider.requests()).allMatch(r -> train.stream().anyMatch(p -> p.input().equals(ScriptedProvider.lastUserText(r))));
    }
}
