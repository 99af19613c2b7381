package dev.hone.generation;

import dev.hone.dataset.GenerationExample;
import dev.hone.provider.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The chat sent for one input: the system message (with the retrieved context, for rag), each
 * demonstration as a user turn and its reference as the assistant's reply, then the input.
 */
record GenerationPrompt(String systemTemplate, String userTemplate) {
    GenerationPrompt {
        if (!userTemplate.contains("{input}")) throw new IllegalArgumentException("user template must contain {input}, got: " + userTemplate);
    }

    List<ChatMessage> messages(String input, List<GenerationExample> demonstrations, String context) {
        List<ChatMessage> messages = new ArrayList<>();
        String system = systemTemplate.replace("{context}", context).strip();
        if (!system.isEmpty()) messages.add(ChatMessage.system(system));
        for (GenerationExample demo : demonstrations) {
            messages.add(ChatMessage.user(fill(demo.input(), "")));
            messages.add(ChatMessage.assistant(demo.reference()));
        }
        messages.add(ChatMessage.user(fill(input, context)));
        return messages;
    }

    private String fill(String input, String context) {
        // {context} first: an input that happens to contain "{context}" must stay as written.
        return userTemplate.replace("{context}", context).replace("{input}", input);
    }

    /** sha256 over both templates: equal hashes mean the same prompt version. */
    String sha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(systemTemplate, userTemplate)) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
