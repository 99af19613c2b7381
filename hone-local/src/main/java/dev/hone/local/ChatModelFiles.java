package dev.hone.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.error.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Hugging Face folder says about chatting beyond its weights and vocabulary:
 * {@code tokenizer_config.json} (the {@code chat_template}, {@code bos_token}, {@code eos_token})
 * and {@code generation_config.json} ({@code eos_token_id}: one id or a list, the ids that end an answer).
 *
 * @param chatTemplate  the Jinja template
 * @param bosToken      text of the beginning-of-sequence token, "" when none
 * @param eosToken      text of the end-of-sequence token, "" when none
 * @param stopTokenIds  ids from generation_config.json; empty when the file gives none (then {@code eosToken} is the stop)
 */
public record ChatModelFiles(String chatTemplate, String bosToken, String eosToken, List<Integer> stopTokenIds) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ChatModelFiles {
        stopTokenIds = List.copyOf(stopTokenIds);
    }

    /**
     * Reads both files from {@code folder}; generation_config.json may be absent.
     *
     * @throws BadInputException naming the file that is missing or malformed
     */
    public static ChatModelFiles read(Path folder) {
        Path tokenizerConfig = folder.resolve("tokenizer_config.json");
        JsonNode tokenizer = readJson(tokenizerConfig, true);
        String template = chatTemplate(tokenizer.path("chat_template"), tokenizerConfig);
        Path generationConfig = folder.resolve("generation_config.json");
        JsonNode generation = readJson(generationConfig, false);
        return new ChatModelFiles(template, tokenText(tokenizer.path("bos_token")), tokenText(tokenizer.path("eos_token")),
                stopIds(generation.path("eos_token_id"), generationConfig));
    }

    private static JsonNode readJson(Path file, boolean required) {
        try {
            JsonNode node = JSON.readTree(Files.readString(file));
            if (node == null || !node.isObject()) throw new BadInputException(file + " must hold a JSON object");
            return node;
        } catch (NoSuchFileException e) {
            if (!required) return JSON.createObjectNode();
            throw new BadInputException(file + " is missing: a chat model folder needs the tokenizer_config.json"
                    + " (with its chat_template) that Hugging Face saves beside tokenizer.json");
        } catch (IOException e) {
            throw new BadInputException(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** A template is a string, or a list of {name, template} of which "default" is the chat one. */
    private static String chatTemplate(JsonNode node, Path file) {
        if (node.isTextual()) return node.asText();
        if (node.isArray()) {
            for (JsonNode named : node) if ("default".equals(named.path("name").asText())) return named.path("template").asText();
        }
        throw new BadInputException(file + " has no chat_template (a Jinja string, or a list with a \"default\" entry):"
                + " use the instruction-tuned model's folder, whose tokenizer_config.json carries one");
    }

    /** A special token is written as its text or as an object with its {@code content}. */
    private static String tokenText(JsonNode node) {
        if (node.isTextual()) return node.asText();
        if (node.isObject()) return node.path("content").asText("");
        return "";
    }

    private static List<Integer> stopIds(JsonNode node, Path file) {
        List<Integer> ids = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) return ids;
        if (node.isIntegralNumber()) {
            ids.add(node.asInt());
            return ids;
        }
        if (node.isArray()) {
            for (JsonNode id : node) {
                if (!id.isIntegralNumber()) throw new BadInputException(file + ": eos_token_id must hold integers, got " + id);
                ids.add(id.asInt());
            }
            return ids;
        }
        throw new BadInputException(file + ": eos_token_id must be an integer or a list of integers, got " + node);
    }
}
