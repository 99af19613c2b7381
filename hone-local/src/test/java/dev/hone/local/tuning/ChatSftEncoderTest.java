package dev.hone.local.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.engine.kernel.ReferenceKernels;
import dev.hone.error.BadInputException;
import dev.hone.local.ChatModelFolder;
import dev.hone.local.ChatTemplate;
import dev.hone.local.LocalModel;
import dev.hone.provider.ChatMessage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatSftEncoderTest {
    private static final ReferenceKernels KERNELS = new ReferenceKernels();
    private static final List<ChatMessage> CHAT = List.of(ChatMessage.system("Label the ticket."),
            ChatMessage.user("I want my money back for the broken kettle."), ChatMessage.assistant("refund"));

    @TempDir
    Path directory;

    @Test
    void theAnswerIsTheFullChatAfterThePromptAndOnlyItCountsInTheLoss() {
        LocalModel model = LocalModel.load(ChatModelFolder.chatMl(directory.resolve("m")), KERNELS);
        SftExample example = ChatSftEncoder.of(model, 1024).encode(CHAT);

        int[] prompt = model.promptTokens(CHAT.subList(0, 2));
        int[] tokens = example.tokens();
        assertThat(Arrays.copyOf(tokens, prompt.length)).isEqualTo(prompt);
        String answer = model.tokenizer().decode(Arrays.copyOfRange(tokens, prompt.length, tokens.length), false);
        assertThat(answer).as("the template's end of turn is learned too").isEqualTo("refund<|im_end|>\n");
        // The engine's convention: position i counts when it predicts an answer token, i + 1 ≥ the prompt's length.
        boolean[] counts = example.sequence().countsInLoss();
        for (int i = 0; i < tokens.length; i++) {
            assertThat(counts[i]).as("position %d", i).isEqualTo(i >= prompt.length - 1 && i < tokens.length - 1);
        }
        assertThat(example.truncatedPromptTokens()).isZero();
        assertThat(example.answerTokens()).isEqualTo(tokens.length - prompt.length);
    }

    @Test
    void llama3sTemplateEndsTheAnswerWithItsEndOfTurn() {
        LocalModel model = LocalModel.load(ChatModelFolder.llama3(directory.resolve("m")), KERNELS);
        SftExample example = ChatSftEncoder.of(model, 1024).encode(CHAT);

        int prompt = model.promptTokens(CHAT.subList(0, 2)).length;
        int[] tokens = example.tokens();
        assertThat(model.tokenizer().decode(Arrays.copyOfRange(tokens, prompt, tokens.length), false)).isEqualTo("refund<|eot_id|>");
        assertThat(example.answerTokens()).isEqualTo(tokens.length - prompt);
    }

    /** A reasoning-style template opens a think block in the generation prompt but not in a finished turn. */
    @Test
    void aTemplateWhoseFullChatDoesNotContinueThePromptFallsBackToPromptAnswerAndEndOfTurn() {
        LocalModel model = LocalModel.load(ChatModelFolder.chatMl(directory.resolve("m")), KERNELS);
        ChatTemplate thinking = new ChatTemplate("""
                {%- for message in messages %}{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>\\n' }}{%- endfor %}
                {%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n<think>\\n' }}{%- endif %}""", "test", "<s>", "<|im_end|>");
        int endOfTurn = model.tokenizer().tokenId("<|im_end|>");
        SftExample example = new ChatSftEncoder(thinking, model.tokenizer(), endOfTurn, 1024).encode(CHAT);

        int[] prompt = model.tokenizer().encode(thinking.render(CHAT.subList(0, 2), true));
        int[] tokens = example.tokens();
        assertThat(Arrays.copyOf(tokens, prompt.length)).isEqualTo(prompt);
        assertThat(model.tokenizer().decode(Arrays.copyOfRange(tokens, prompt.length, tokens.length), false)).isEqualTo("refund<|im_end|>");
        assertThat(tokens[tokens.length - 1]).isEqualTo(endOfTurn);
        assertThat(example.answerTokens()).isEqualTo(tokens.length - prompt.length);
    }

    @Test
    void aLongExampleLosesPromptTokensFromTheStartNeverAnAnswerThatFitsInHalf() {
        LocalModel model = LocalModel.load(ChatModelFolder.chatMl(directory.resolve("m")), KERNELS);
        SftExample whole = ChatSftEncoder.of(model, 1024).encode(CHAT);
        int answer = whole.answerTokens();
        int maxLength = 2 * answer + 5;

        SftExample cut = ChatSftEncoder.of(model, maxLength).encode(CHAT);

        assertThat(cut.length()).isEqualTo(maxLength);
        assertThat(cut.answerTokens()).isEqualTo(answer);
        assertThat(cut.truncatedPromptTokens()).isEqualTo(whole.length() - maxLength);
        assertThat(cut.truncatedAnswerTokens()).isZero();
        int[] tail = Arrays.copyOfRange(whole.tokens(), whole.length() - maxLength, whole.length());
        assertThat(cut.tokens()).as("the prompt's end, nearest the answer, and the whole answer").isEqualTo(tail);
        assertThat(new SftExamples(List.of(whole, cut)).truncated()).isEqualTo(1);
        assertThat(new SftExamples(List.of(whole, cut)).truncatedAnswers()).isZero();
    }

    /** A long reference output: the prompt keeps half the length, the answer loses its end (and its end of turn), counted. */
    @Test
    void anAnswerLongerThanHalfTheLengthLosesItsEndAndIsCounted() {
        LocalModel model = LocalModel.load(ChatModelFolder.chatMl(directory.resolve("m")), KERNELS);
        SftExample whole = ChatSftEncoder.of(model, 1024).encode(CHAT);
        int answer = whole.answerTokens();
        int promptLength = whole.length() - answer;

        SftExample cut = ChatSftEncoder.of(model, answer).encode(CHAT);

        int half = answer / 2;
        assertThat(cut.length()).isEqualTo(answer);
        assertThat(cut.answerTokens()).isEqualTo(answer - half);
        assertThat(cut.truncatedAnswerTokens()).isEqualTo(half);
        assertThat(cut.truncatedPromptTokens()).isEqualTo(promptLength - half);
        int[] expected = new int[answer];
        System.arraycopy(whole.tokens(), promptLength - half, expected, 0, half + (answer - half));
        assertThat(cut.tokens()).as("the prompt's last half-length tokens, then the answer's beginning").isEqualTo(expected);
        assertThat(model.tokenizer().decode(Arrays.copyOfRange(cut.tokens(), half, answer), false)).isEqualTo("refu");
        SftExamples examples = new SftExamples(List.of(whole, cut));
        assertThat(examples.truncatedAnswers()).isEqualTo(1);
        assertThat(examples.truncated()).isEqualTo(1);
    }

    @Test
    void readsTheExportedJsonlAndNamesTheLineOfABadChat() {
        LocalModel model = LocalModel.load(ChatModelFolder.chatMl(directory.resolve("m")), KERNELS);
        ChatSftEncoder encoder = ChatSftEncoder.of(model, 1024);
        String good = """
                {"messages":[{"role":"system","content":"Label it."},{"role":"user","content":"Where is my parcel?"},{"role":"assistant","content":"shipping"}]}
                {"messages":[{"role":"system","content":"Label it."},{"role":"user","content":"Refund me."},{"role":"assistant","content":"refund"}]}
                """;

        SftExamples examples = encoder.encodeJsonl(good, "train.jsonl");

        assertThat(examples.size()).isEqualTo(2);
        assertThat(examples.answerTokens()).isEqualTo(examples.examples().get(0).answerTokens() + examples.examples().get(1).answerTokens());
        assertThat(examples.tokens()).isGreaterThan(examples.answerTokens());
        String bad = good + "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}\n";
        assertThatThrownBy(() -> encoder.encodeJsonl(bad, "train.jsonl")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("train.jsonl:3: a training chat needs at least one message and then the assistant's answer");
        assertThatThrownBy(() -> encoder.encodeJsonl("{\"messages\": 3}", "t.jsonl")).hasMessageStartingWith("t.jsonl:1: expected {\"messages\"");
        assertThatThrownBy(() -> encoder.encodeJsonl("\n\n", "t.jsonl")).hasMessageContaining("holds no training examples");
    }

    @Test
    void aSplitHoldsOutTheSameExamplesForTheSameSeed() {
        LocalModel model = LocalModel.load(ChatModelFolder.chatMl(directory.resolve("m")), KERNELS);
        ChatSftEncoder encoder = ChatSftEncoder.of(model, 1024);
        List<SftExample> list = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            list.add(encoder.encode(List.of(ChatMessage.user("ticket " + i), ChatMessage.assistant(i % 2 == 0 ? "refund" : "shipping"))));
        }
        SftExamples all = new SftExamples(list);

        SftExamples.Split split = all.split(0.2, 7, 2);

        assertThat(split.validation().size()).isEqualTo(4);
        assertThat(split.train().size()).isEqualTo(16);
        assertThat(split.train().examples()).doesNotContainAnyElementsOf(split.validation().examples());
        assertThat(all.split(0.2, 7, 2).validation().examples()).isEqualTo(split.validation().examples());
        assertThat(all.split(0.05, 7, 2).validation().isEmpty()).as("one held-out example is too few").isTrue();
    }
}
