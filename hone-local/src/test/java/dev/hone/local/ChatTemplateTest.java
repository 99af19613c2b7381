package dev.hone.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.error.BadInputException;
import dev.hone.provider.ChatMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatTemplateTest {
    private static final List<ChatMessage> CONVERSATION = List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi there"),
            ChatMessage.assistant("Hello."), ChatMessage.user("Sum 2+2?"));

    @Test
    void chatMlRendersEveryTurnAndTheGenerationPrompt() {
        ChatTemplate template = new ChatTemplate(ChatModelFolder.CHATML_TEMPLATE, "test", "<s>", "<|im_end|>");

        assertThat(template.render(CONVERSATION, true)).isEqualTo("""
                <|im_start|>system
                Be brief.<|im_end|>
                <|im_start|>user
                Hi there<|im_end|>
                <|im_start|>assistant
                Hello.<|im_end|>
                <|im_start|>user
                Sum 2+2?<|im_end|>
                <|im_start|>assistant
                """);
    }

    @Test
    void chatMlWithoutSystemMessageUsesTheTemplatesDefaultAndNoGenerationPrompt() {
        ChatTemplate template = new ChatTemplate(ChatModelFolder.CHATML_TEMPLATE, "test", "<s>", "<|im_end|>");

        assertThat(template.render(List.of(ChatMessage.user("Hi")), false)).isEqualTo("""
                <|im_start|>system
                You are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>
                <|im_start|>user
                Hi<|im_end|>
                """);
    }

    @Test
    void llama3RendersBosHeadersAndTrimmedContent() {
        ChatTemplate template = new ChatTemplate(ChatModelFolder.LLAMA3_TEMPLATE, "test", "<|begin_of_text|>", "<|eot_id|>");

        assertThat(template.render(CONVERSATION, true)).isEqualTo("<|begin_of_text|>"
                + "<|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nHi there<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\nHello.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nSum 2+2?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n");
    }

    @Test
    void raiseExceptionBecomesAnErrorWithTheTemplatesMessageAndFile() {
        String strict = "{% for message in messages %}{% if message.role == 'system' %}"
                + "{{ raise_exception('System role not supported') }}{% endif %}{{ message.content }}{% endfor %}";
        ChatTemplate template = new ChatTemplate(strict, "model/tokenizer_config.json", "", "");

        assertThatThrownBy(() -> template.render(CONVERSATION, true)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("model/tokenizer_config.json").hasMessageContaining("System role not supported");
    }

    @Test
    void aTemplateThatCannotParseIsRefusedAtLoad() {
        assertThatThrownBy(() -> new ChatTemplate("{% for message in messages %}{{ message.content }}", "model/tokenizer_config.json",
                "", "")).isInstanceOf(BadInputException.class).hasMessageContaining("model/tokenizer_config.json");
    }

    @Test
    void strftimeNowFormatsTodaysDate() {
        ChatTemplate template = new ChatTemplate("{{ strftime_now('%d %b %Y') }}", "test", "", "");

        assertThat(template.render(List.of(ChatMessage.user("x")), false)).matches("\\d\\d [A-Z][a-z]{2} \\d{4}");
    }
}
