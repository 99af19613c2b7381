package dev.hone.strategy.llmfinetune;

import dev.hone.provider.ChatMessage;
import java.util.List;

/**
 * One training example of an {@code llm-finetune} job: the chat its route would send for the
 * example (an optional system message, then the user's), followed by the answer to learn as the
 * assistant's message — the label for classification, the reference output for generation.
 *
 * @param location where the example came from ({@code train.jsonl:12}), for messages about it
 */
public record TrainingChat(String location, List<ChatMessage> messages) {
    public TrainingChat {
        if (location == null) throw new IllegalArgumentException("location must not be null");
        messages = List.copyOf(messages);
    }
}
