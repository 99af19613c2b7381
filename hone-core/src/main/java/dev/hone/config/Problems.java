package dev.hone.config;

import dev.hone.error.BadInputException;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem found in a config, so the user sees them all at once. */
final class Problems {
    private final String source;
    private final List<String> messages = new ArrayList<>();

    Problems(String source) {
        this.source = source;
    }

    void add(String path, String message) {
        messages.add(path + ": " + message);
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    /** Throws one exception listing every problem, if there are any. */
    void throwIfAny() {
        if (messages.isEmpty()) return;
        StringBuilder text = new StringBuilder(source).append(": ")
                .append(messages.size() == 1 ? "1 problem" : messages.size() + " problems").append(" in the config");
        for (String message : messages) text.append("\n  ").append(message);
        throw new BadInputException(text.toString());
    }
}
