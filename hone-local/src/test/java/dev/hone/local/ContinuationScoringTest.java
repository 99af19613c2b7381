package dev.hone.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.engine.decoder.LogSoftmax;
import dev.hone.engine.kernel.ReferenceKernels;
import dev.hone.error.BadInputException;
import dev.hone.provider.ChatMessage;
import dev.hone.provider.ContinuationScores;
import dev.hone.provider.LikelihoodScorer;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.Providers;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Label likelihoods on one shared prefill, checked against each label read from the start in a session of its own. */
class ContinuationScoringTest {
    private static final List<ChatMessage> PROMPT = List.of(ChatMessage.system("Reply with one label."), ChatMessage.user("Text: refund me"));
    private static final List<String> LABELS = List.of("refund", "the shipping", "é", "x");

    private static LocalModel model;

    @BeforeAll
    static void load(@TempDir Path directory) {
        model = LocalModel.load(ChatModelFolder.chatMl(directory.resolve("m")), new ReferenceKernels());
    }

    @Test
    void eachLabelsLogProbabilityIsTheSumOverItsTokensAfterThePrompt() {
        ContinuationScores scores = model.scoreContinuations(PROMPT, LABELS);

        int[] prompt = model.promptTokens(PROMPT);
        for (int i = 0; i < LABELS.size(); i++) {
            int[] label = model.tokenizer().encode(LABELS.get(i));
            int[] sequence = IntStream.concat(Arrays.stream(prompt), Arrays.stream(label)).toArray();
            float[][] logits = model.decoder().logits(sequence);
            double expected = 0;
            for (int j = 0; j < label.length; j++) expected += LogSoftmax.of(logits[prompt.length - 1 + j], label[j]);
            assertThat(scores.logProbabilities()[i]).as(LABELS.get(i)).isCloseTo(expected, Offset.offset(1e-4)).isNegative();
        }
        int labelTokens = LABELS.stream().mapToInt(l -> model.tokenizer().encode(l).length).sum();
        assertThat(labelTokens).isGreaterThan(LABELS.size());
        assertThat(scores.usage().inputTokens()).isEqualTo(prompt.length + labelTokens);
        assertThat(scores.usage().outputTokens()).isZero();
    }

    @Test
    void theLocalProviderFromTheServiceScoresLikelihoodsAndSaysSoBeforeItIsBuilt() {
        ProviderConfig config = new ProviderConfig("m", "local", URI.create("http://localhost"), model.folder().toString(), "", 1, 1, 1, 0, 0,
                0, null);

        assertThat(Providers.scoresLikelihood("local")).isTrue();
        try (var provider = Providers.create(config)) {
            assertThat(provider).isInstanceOf(LikelihoodScorer.class);
            // The service's model runs on the default (vector) kernels, this test's on the reference ones.
            assertThat(((LikelihoodScorer) provider).scoreContinuations(PROMPT, LABELS).logProbabilities())
                    .containsExactly(model.scoreContinuations(PROMPT, LABELS).logProbabilities(), Offset.offset(1e-4));
        }
    }

    @Test
    void anEmptyLabelOrAPromptTooLongForTheModelIsBadInput() {
        assertThatThrownBy(() -> model.scoreContinuations(PROMPT, List.of("refund", ""))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("continuation 2 is empty");
        List<ChatMessage> longPrompt = List.of(ChatMessage.user("y".repeat(240)));
        assertThatThrownBy(() -> model.scoreContinuations(longPrompt, List.of("refund"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("reads at most 256").hasMessageContaining("shorten the messages");
    }
}
