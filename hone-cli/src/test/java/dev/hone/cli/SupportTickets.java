package dev.hone.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The CLI tests' small labelled data: three support intents, eleven short messages each. */
final class SupportTickets {
    static final String[][] TOPICS = {
        {"refund", "I want my money back", "please refund my order", "refund the jacket", "give me a refund now",
            "money back for the broken lamp", "I need a refund", "refund my payment", "where is my refund",
            "refund me please", "I want a refund for the shoes", "return my money"},
        {"shipping", "where is my parcel", "has my order shipped", "tracking number please", "my package is late",
            "when will my order arrive", "delivery is delayed", "parcel not delivered", "track my shipment",
            "order still not shipped", "courier lost my package", "when does it ship"},
        {"login", "I cannot log in", "password reset does not work", "my account is locked", "forgot my password",
            "two factor code missing", "can't sign in", "login page error", "reset my password",
            "account access denied", "locked out of my account", "sign in fails"}};

    /** Messages per label. */
    static final int PER_LABEL = 11;

    private SupportTickets() {
    }

    /** {@code {"text", "label"}} JSONL rows of each label's messages {@code first..last} (1-based, inclusive). */
    static List<String> rows(int first, int last) {
        List<String> rows = new ArrayList<>();
        for (String[] topic : TOPICS) {
            for (int i = first; i <= last; i++) rows.add("{\"text\": \"" + topic[i] + "\", \"label\": \"" + topic[0] + "\"}");
        }
        return rows;
    }

    /**
     * {@code train.jsonl} with each label's first {@code trainPerLabel} messages and {@code test.jsonl}
     * with the next ones up to {@code lastTest}, in {@code directory}; returns the training rows' file.
     */
    static Path writeSplits(Path directory, int trainPerLabel, int lastTest) throws IOException {
        Files.write(directory.resolve("test.jsonl"), rows(trainPerLabel + 1, lastTest));
        return Files.write(directory.resolve("train.jsonl"), rows(1, trainPerLabel));
    }
}
