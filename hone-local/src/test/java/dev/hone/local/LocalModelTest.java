package dev.hone.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.engine.kernel.ReferenceKernels;
import dev.hone.error.BadInputException;
import dev.hone.provider.ChatMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalModelTest {
    private static final ReferenceKernels KERNELS = new ReferenceKernels();
    private static final List<ChatMessage> QUESTION = List.of(ChatMessage.system("Be brief."), ChatMessage.user("Where is the manual?"));

    @TempDir
    Path directory;

    @Test
    void theTokenizerReadsSpecialTokensWholeAndDecodesBackToTheText() {
        LocalModel model = LocalModel.load(ChatModelFolder.chatMl(directory.resolve("m")), KERNELS);
        String text = "<|im_start|>user\nthe théorème<|im_end|>\n";

        int[] ids = model.tokenizer().encode(text);

        assertThat(ids[0]).isEqualTo(258);
        assertThat(ids).contains(ChatModelFolder.IM_END);
        assertThat(Arrays.stream(ids).max().orElseThrow()).isLessThan(model.decoder().config().vocabularySize());
        assertThat(model.tokenizer().decode(ids, false)).isEqualTo(text);
        assertThat(model.tokenizer().decode(ids, true)).isEqualTo("user\nthe théorème\n");
    }

    @Test
    void greedyAnswersRepeatAndAreTheDecodersOwnGreedyTokens() {
        LocalModel model = LocalModel.load(ChatModelFolder.chatMl(directory.resolve("m")), KERNELS);
        int[] prompt = model.promptTokens(QUESTION);

        LocalCompletion first = model.complete(QUESTION, new GenerationSettings(12, 0, 1, 0, 1, List.of()), null);
        LocalCompletion second = model.complete(QUESTION, new GenerationSettings(12, 0, 1, 0, 99, List.of()), null);

        assertThat(first.promptTokenIds()).isEqualTo(prompt);
        assertThat(first.tokenIds()).isEqualTo(model.decoder().generate(prompt, 12, model.stopTokenIds()));
        assertThat(second.tokenIds()).isEqualTo(first.tokenIds());
        assertThat(second.text()).isEqualTo(first.text());
    }

    @Test
    void answersStopAtTheFirstEndOfSequenceIdFromGenerationConfig() {
        Path plain = ChatModelFolder.write(directory.resolve("plain"), ChatModelFolder.CHATML_TEMPLATE, "<s>", "<|im_end|>", List.of(299));
        LocalModel unstopped = LocalModel.load(plain, KERNELS);
        int[] prompt = unstopped.promptTokens(QUESTION);
        int[] greedy = unstopped.decoder().generate(prompt, 8);
        int end = firstRepeatFree(greedy);
        Path stopping = ChatModelFolder.write(directory.resolve("stopping"), ChatModelFolder.CHATML_TEMPLATE, "<s>", "<|im_end|>",
                List.of(greedy[end]));

        LocalCompletion completion = LocalModel.load(stopping, KERNELS).complete(QUESTION, GenerationSettings.greedy(8), null);

        assertThat(completion.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(completion.tokenIds()).isEqualTo(Arrays.copyOf(greedy, end + 1));
        assertThat(completion.text()).isEqualTo(unstopped.tokenizer().decode(Arrays.copyOf(greedy, end), true));
    }

    /** The first index past 0 whose token did not come earlier (so stopping on it stops exactly there). */
    private static int firstRepeatFree(int[] tokens) {
        for (int i = 1; i < tokens.length; i++) {
            int token = tokens[i];
            if (Arrays.stream(tokens, 0, i).noneMatch(t -> t == token)) return i;
        }
        throw new AssertionError("the greedy continuation repeats one token: " + Arrays.toString(tokens));
    }

    @Test
    void aSampledAnswerRepeatsWithItsSeed() {
        LocalModel model = LocalModel.load(ChatModelFolder.llama3(directory.resolve("m")), KERNELS);

        int[] first = sampled(model, 7).tokenIds();

        assertThat(sampled(model, 7).tokenIds()).isEqualTo(first);
        assertThat(List.of(8L, 9L, 10L)).anyMatch(seed -> !Arrays.equals(sampled(model, seed).tokenIds(), first));
    }

    private static LocalCompletion sampled(LocalModel model, long seed) {
        return model.complete(QUESTION, new GenerationSettings(10, 1.0, 0.9, 50, seed, List.of()), null);
    }

    @Test
    void aFolderThatIsNotThereIsNamed() {
        Path missing = directory.resolve("no-such-model");

        assertThatThrownBy(() -> LocalModel.load(missing, KERNELS)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(missing + " is not a folder");
    }

    @Test
    void aMissingTokenizerJsonIsNamed() throws IOException {
        Path folder = ChatModelFolder.chatMl(directory.resolve("m"));
        Files.delete(folder.resolve("tokenizer.json"));

        assertThatThrownBy(() -> LocalModel.load(folder, KERNELS)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("tokenizer.json is missing");
    }

    @Test
    void aFolderWithoutChatTemplateIsNamed() throws IOException {
        Path folder = ChatModelFolder.chatMl(directory.resolve("m"));
        Files.writeString(folder.resolve("tokenizer_config.json"), "{\"eos_token\": \"</s>\"}");

        assertThatThrownBy(() -> LocalModel.load(folder, KERNELS)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("tokenizer_config.json has no chat_template");
    }

    @Test
    void aBrokenTemplateIsNamedAtLoad() {
        Path folder = ChatModelFolder.write(directory.resolve("m"), "{% if messages %}{{ messages[0].content }}", "<s>", "</s>",
                List.of(257));

        assertThatThrownBy(() -> LocalModel.load(folder, KERNELS)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("tokenizer_config.json: the chat_template failed");
    }

    @Test
    void anInvalidGenerationConfigIsNamed() throws IOException {
        Path folder = ChatModelFolder.chatMl(directory.resolve("m"));
        Files.writeString(folder.resolve("generation_config.json"), "{\"eos_token_id\": \"</s>\"}");

        assertThatThrownBy(() -> LocalModel.load(folder, KERNELS)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("generation_config.json: eos_token_id must be an integer or a list of integers");
    }
}
