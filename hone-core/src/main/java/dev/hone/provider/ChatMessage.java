package dev.hone.provider;

import java.util.Set;

/** One message of a chat: role (system, user or assistant) and its text. */
public record ChatMessage(String role, String content) {
    private static final Set<String> ROLES = Set.of("system", "user", "assistant");

    public ChatMessage {
        if (!ROLES.contains(role)) throw new IllegalArgumentException("role must be one of system, user, assistant, got '" + role + "'");
        if (content == null) throw new IllegalArgumentException("content must not be null (use \"\" for an empty message)");
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }
}
