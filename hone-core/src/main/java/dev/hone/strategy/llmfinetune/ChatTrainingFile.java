package dev.hone.strategy.llmfinetune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.dataset.Example;
import dev.hone.error.BadInputException;
import dev.hone.json.Json;
import dev.hone.provider.ChatMessage;
import dev.hone.strategy.llm.LlmPrompt;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The training split as OpenAI chat-format JSONL: per example one line
 * {@code {"messages": [system, user with the input, assistant with the answer]}} (the label, or a
 * generation task's reference output), built with the same prompt the fine-tuned model is later
 * asked with. Checked before anything is uploaded: roles in order (the system message may be
 * left out), no empty message, at least {@value #MIN_EXAMPLES} examples (OpenAI's minimum),
 * each example within {@value #MAX_EXAMPLE_TOKENS} estimated tokens and the file within
 * {@value #MAX_BYTES} bytes.
 *
 * @param estimatedTokens characters / 4 over all messages: a rough count, for the estimate printed before a job starts
 */
record ChatTrainingFile(byte[] bytes, int examples, long estimatedTokens, String sha256) {
    static final int MIN_EXAMPLES = 10;
    static final long MAX_EXAMPLE_TOKENS = 65_536;
    static final long MAX_BYTES = 512L * 1024 * 1024;
    private static final List<String> ROLES = List.of("system", "user", "assistant");

    /** A classification split: each text asked with {@code prompt}, its label the answer. */
    static ChatTrainingFile of(List<Example> train, LlmPrompt prompt) {
        List<TrainingChat> chats = new ArrayList<>(train.size());
        for (Example example : train) {
            List<ChatMessage> messages = new ArrayList<>(prompt.messages(example.text(), List.of()));
            messages.add(ChatMessage.assistant(example.label()));
            chats.add(new TrainingChat(example.location(), messages));
        }
        return of(chats);
    }

    static ChatTrainingFile of(List<TrainingChat> train) {
        if (train.size() < MIN_EXAMPLES) {
            throw new BadInputException("fine-tuning needs at least " + MIN_EXAMPLES + " training examples (the provider's minimum), got "
                    + train.size() + " after the validation split; add labelled examples or lower dataset.validation_fraction");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> problems = new ArrayList<>();
        long tokens = 0;
        for (TrainingChat example : train) {
            List<ChatMessage> messages = example.messages();
            String problem = problem(messages);
            long exampleTokens = estimateTokens(messages);
            if (problem == null && exampleTokens > MAX_EXAMPLE_TOKENS) {
                problem = "about " + exampleTokens + " tokens, more than the " + MAX_EXAMPLE_TOKENS + " one training example may have; shorten the text";
            }
            if (problem != null) {
                if (problems.size() < 5) problems.add(example.location() + ": " + problem);
                continue;
            }
            tokens += exampleTokens;
            out.writeBytes(line(messages));
            if (out.size() > MAX_BYTES) {
                throw new BadInputException("the fine-tuning file would exceed " + MAX_BYTES / (1024 * 1024)
                        + " MB (the provider's limit); train on fewer or shorter examples");
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException("cannot export the training split for fine-tuning:\n" + String.join("\n", problems)
                    + "\nFix those examples (or the system/user templates) and run again.");
        }
        byte[] bytes = out.toByteArray();
        return new ChatTrainingFile(bytes, train.size(), tokens, sha256(bytes));
    }

    /** Null when the chat is a valid training example: (system,) user, assistant, none of them empty. */
    private static String problem(List<ChatMessage> messages) {
        if (messages.size() < 2 || messages.size() > ROLES.size()) {
            return "expected system, user and assistant messages (system optional), got " + messages.size();
        }
        List<String> roles = ROLES.subList(ROLES.size() - messages.size(), ROLES.size());
        for (int i = 0; i < roles.size(); i++) {
            ChatMessage m = messages.get(i);
            if (!m.role().equals(roles.get(i))) return "message " + (i + 1) + " must be " + roles.get(i) + ", got " + m.role();
            if (m.content().isBlank()) {
                return "the " + m.role() + " message is empty" + switch (m.role()) {
                    case "user" -> " (empty text)";
                    case "assistant" -> " (empty answer: label or reference output)";
                    default -> "";
                };
            }
        }
        return null;
    }

    static long estimateTokens(List<ChatMessage> messages) {
        long characters = 0;
        for (ChatMessage m : messages) characters += m.content().length();
        return (characters + 3) / 4 + 4L * messages.size();
    }

    private static byte[] line(List<ChatMessage> messages) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode array = root.putArray("messages");
        for (ChatMessage m : messages) array.addObject().put("role", m.role()).put("content", m.content());
        try {
            return (Json.MAPPER.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
