package dev.hone.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.engine.decoder.LogSoftmax;
import dev.hone.engine.kernel.ReferenceKernels;
import dev.hone.error.BadInputException;
import dev.hone.provider.ChatMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LocalModel#complete} and {@link LocalModel#completeRaw}: settings, stop strings, logprobs, streaming. */
class GenerationTest {
    private static final List<ChatMessage> QUESTION = List.of(ChatMessage.user("Where is the manual?"));

    /** Stop ids that the random fixture never reaches in these tests' few tokens, so answers run their length. */
    private static LocalModel model;

    @BeforeAll
    static void load(@TempDir Path directory) {
        model = LocalModel.load(ChatModelFolder.write(directory.resolve("m"), ChatModelFolder.CHATML_TEMPLATE, "<s>", "<|im_end|>",
                List.of(299)), new ReferenceKernels());
    }

    @Test
    void eachLogprobIsTheTokensLogSoftmaxUnderTheUnscaledLogits() {
        LocalCompletion completion = model.complete(QUESTION, new GenerationSettings(8, 1.7, 0.8, 20, 3, List.of()), null);
        int[] prompt = completion.promptTokenIds();
        int[] tokens = completion.tokenIds();
        int[] sequence = IntStream.concat(Arrays.stream(prompt), Arrays.stream(tokens)).toArray();

        float[][] logits = model.decoder().logits(sequence);

        assertThat(completion.logprobs()).hasSize(tokens.length);
        for (int i = 0; i < tokens.length; i++) {
            assertThat(completion.logprobs()[i]).isCloseTo((float) LogSoftmax.of(logits[prompt.length - 1 + i], tokens[i]),
                    Offset.offset(1e-4f));
            assertThat(completion.logprobs()[i]).isNegative();
        }
    }

    @Test
    void topKOfOneIsGreedyAtAnyTemperature() {
        LocalCompletion greedy = model.complete(QUESTION, GenerationSettings.greedy(10), null);

        LocalCompletion topOne = model.complete(QUESTION, new GenerationSettings(10, 1.5, 1, 1, 42, List.of()), null);

        assertThat(topOne.tokenIds()).isEqualTo(greedy.tokenIds());
        assertThat(topOne.finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void aStopStringCutsTheTextBeforeItAndEndsTheAnswerAtTheTokenThatCompletesIt() {
        LocalCompletion whole = model.complete(QUESTION, GenerationSettings.greedy(24), null);
        String stop = stopStringSpanningTokens(whole);
        int at = whole.text().indexOf(stop);

        List<String> pieces = new ArrayList<>();
        LocalCompletion stopped = model.complete(QUESTION, new GenerationSettings(24, 0, 1, 0, 0, List.of("never there", stop)),
                pieces::add);

        assertThat(stopped.text()).isEqualTo(whole.text().substring(0, at));
        assertThat(stopped.finishReason()).isEqualTo(FinishReason.STOP);
        int[] kept = stopped.tokenIds();
        assertThat(kept).isEqualTo(Arrays.copyOf(whole.tokenIds(), kept.length));
        assertThat(model.tokenizer().decode(kept, true)).contains(stop);
        assertThat(model.tokenizer().decode(Arrays.copyOf(kept, kept.length - 1), true)).doesNotContain(stop);
        assertThat(String.join("", pieces)).isEqualTo(stopped.text());
    }

    /** Three characters of the greedy text, past its start, that more than one token wrote. */
    private static String stopStringSpanningTokens(LocalCompletion completion) {
        String text = completion.text();
        for (int start = 2; start + 3 <= text.length(); start++) {
            String candidate = text.substring(start, start + 3);
            if (candidate.indexOf('\uFFFD') < 0 && text.indexOf(candidate) == start) return candidate;
        }
        throw new AssertionError("the greedy text has no usable stop string: " + text);
    }

    @Test
    void streamedPiecesAddUpToTheTextAndNeverSplitACharacter() {
        List<String> pieces = new ArrayList<>();

        LocalCompletion completion = model.complete(QUESTION, new GenerationSettings(30, 1.0, 1, 0, 5, List.of()), pieces::add);

        assertThat(String.join("", pieces)).isEqualTo(completion.text());
        assertThat(pieces).allSatisfy(piece -> assertThat(piece).isNotEmpty());
        for (String piece : pieces) {
            assertThat(Character.isLowSurrogate(piece.charAt(0))).as("a piece starts inside a character: %s", piece).isFalse();
        }
    }

    @Test
    void aRawPromptIsTokenizedAsItIsWithoutTheChatTemplate() {
        String prompt = "The manual is in";

        LocalCompletion completion = model.completeRaw(prompt, GenerationSettings.greedy(6), null);

        assertThat(completion.promptTokenIds()).isEqualTo(model.tokenizer().encode(prompt));
        assertThat(completion.tokenIds()).isEqualTo(model.decoder().generate(model.tokenizer().encode(prompt), 6, model.stopTokenIds()));
    }

    @Test
    void anEmptyRawPromptAndAPromptLongerThanTheModelAreBadInput() {
        assertThatThrownBy(() -> model.completeRaw("", GenerationSettings.greedy(4), null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("the prompt is empty");
        assertThatThrownBy(() -> model.completeRaw("x".repeat(400), GenerationSettings.greedy(4), null))
                .isInstanceOf(BadInputException.class).hasMessageContaining("the prompt takes 400 tokens").hasMessageContaining("reads at most 256");
    }

    @Test
    void theModelsLengthEndsAnAnswerWithLength() {
        LocalCompletion completion = model.completeRaw("y".repeat(250), GenerationSettings.greedy(50), null);

        assertThat(completion.tokenIds()).hasSize(6);
        assertThat(completion.finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new GenerationSettings(0, 0, 1, 0, 0, List.of())).hasMessageContaining("maxNewTokens must be ≥ 1");
        assertThatThrownBy(() -> new GenerationSettings(1, -1, 1, 0, 0, List.of())).hasMessageContaining("temperature must be ≥ 0");
        assertThatThrownBy(() -> new GenerationSettings(1, 0, 0, 0, 0, List.of())).hasMessageContaining("topP must be within (0, 1]");
        assertThatThrownBy(() -> new GenerationSettings(1, 0, 1, -2, 0, List.of())).hasMessageContaining("topK must be ≥ 0");
        assertThatThrownBy(() -> new GenerationSettings(1, 0, 1, 0, 0, List.of(""))).hasMessageContaining("stop string must not be empty");
    }
}
