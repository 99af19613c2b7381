package dev.hone.strategy.llm;

import dev.hone.dataset.Example;
import dev.hone.provider.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The chat sent for one text: the system message (with the label list), then each demonstration
 * as a user turn and the assistant's reply, then the text itself.
 */
public record LlmPrompt(String systemTemplate, String userTemplate, String demonstrationTemplate, List<String> labels,
                 Map<String, String> descriptions) {
    public LlmPrompt {
        labels = List.copyOf(labels);
        descriptions = Map.copyOf(descriptions);
    }

    public List<ChatMessage> messages(String text, List<Example> demonstrations) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(systemTemplate.replace("{labels}", labelList())));
        for (Example demo : demonstrations) {
            messages.add(ChatMessage.user(userTemplate.replace("{text}", demo.text())));
            messages.add(ChatMessage.assistant(demonstrationTemplate.replace("{label}", demo.label())));
        }
        messages.add(ChatMessage.user(userTemplate.replace("{text}", text)));
        return messages;
    }

    private String labelList() {
        StringBuilder list = new StringBuilder();
        for (String label : labels) {
            String description = descriptions.getOrDefault(label, "");
            list.append("- ").append(label).append(description.isBlank() ? "" : ": " + description.strip()).append('\n');
        }
        return list.toString().strip();
    }

    /** sha256 over the three templates: equal hashes mean the same prompt version. */
    String sha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(systemTemplate, userTemplate, demonstrationTemplate)) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
