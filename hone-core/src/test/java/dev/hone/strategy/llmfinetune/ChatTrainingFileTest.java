package dev.hone.strategy.llmfinetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.dataset.Example;
import dev.hone.error.BadInputException;
import dev.hone.strategy.llm.LlmConfig;
import dev.hone.strategy.llm.LlmPrompt;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatTrainingFileTest {
    private static final LlmPrompt PROMPT = new LlmPrompt(LlmConfig.DEFAULT_SYSTEM, LlmConfig.DEFAULT_USER, LlmConfig.DEFAULT_DEMONSTRATION,
            List.of("refund", "login"), Map.of("refund", "money back"));

    private static List<Example> examples(int count) {
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < count; i++) examples.add(new Example("text number " + i, i % 2 == 0 ? "refund" : "login", "train.jsonl:" + (i + 1)));
        return examples;
    }

    @Test
    void writesOneSystemUserAssistantChatPerExample() throws Exception {
        ChatTrainingFile file = ChatTrainingFile.of(examples(10), PROMPT);
        String[] lines = new String(file.bytes(), StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(10);
        JsonNode messages = new ObjectMapper().readTree(lines[1]).get("messages");
        assertThat(messages).extracting(m -> m.get("role").asText()).containsExactly("system", "user", "assistant");
        assertThat(messages.get(0).get("content").asText()).contains("- refund: money back", "- login");
        assertThat(messages.get(1).get("content").asText()).isEqualTo("Text: text number 1");
        assertThat(messages.get(2).get("content").asText()).isEqualTo("login");
        assertThat(file.estimatedTokens()).isGreaterThan(10 * 12);
        assertThat(file.sha256()).matches("[0-9a-f]{64}").isEqualTo(ChatTrainingFile.of(examples(10), PROMPT).sha256());
    }

    @Test
    void refusesTooFewExamplesEmptyMessagesAndOverlongExamples() {
        assertThatThrownBy(() -> ChatTrainingFile.of(examples(9), PROMPT)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("at least 10 training examples").hasMessageContaining("got 9");
        LlmPrompt emptySystem = new LlmPrompt(" ", LlmConfig.DEFAULT_USER, LlmConfig.DEFAULT_DEMONSTRATION, List.of("refund", "login"), Map.of());
        assertThatThrownBy(() -> ChatTrainingFile.of(examples(10), emptySystem)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("train.jsonl:1: the system message is empty");
        List<Example> withLongText = examples(10);
        withLongText.set(3, new Example("word ".repeat(60_000), "refund", "train.jsonl:4"));
        assertThatThrownBy(() -> ChatTrainingFile.of(withLongText, PROMPT)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("train.jsonl:4: about").hasMessageContaining("more than the 65536");
    }
}
