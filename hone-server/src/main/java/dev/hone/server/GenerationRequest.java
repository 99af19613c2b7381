package dev.hone.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.local.GenerationSettings;
import dev.hone.provider.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One OpenAI request body, read and checked: the conversation ({@code /v1/chat/completions}) or the
 * raw prompt ({@code /v1/completions}), the generation settings, whether to stream, and how many
 * log-probabilities per token the legacy endpoint should return. Every mistake is a 400 naming the
 * field, what it must be and what it was; fields this server does not implement are refused when
 * they would change the answer (a penalty, n above 1…) and ignored when they would not (user, metadata).
 *
 * @param messages  the conversation, empty for a raw prompt
 * @param prompt    the raw prompt, null for a conversation
 * @param settings  tokens, temperature, top-p, top-k, seed and stop strings
 * @param stream    answer as server-sent events
 * @param logprobs  how many top log-probabilities per token were asked for (legacy {@code logprobs} 0..5, chat
 *                  {@code top_logprobs} 0..20 with {@code logprobs: true}), or {@link #NO_LOGPROBS}
 */
record GenerationRequest(List<ChatMessage> messages, String prompt, GenerationSettings settings, boolean stream, int logprobs) {
    static final int NO_LOGPROBS = -1;
    /** OpenAI's own limits, kept so a request that works here works there too. */
    private static final int MAX_STOP_STRINGS = 4;
    private static final int MAX_LOGPROBS = 5;
    private static final int MAX_CHAT_TOP_LOGPROBS = 20;
    /** The legacy endpoint's default length, as OpenAI's. */
    private static final int COMPLETIONS_DEFAULT_MAX_TOKENS = 16;

    GenerationRequest {
        messages = List.copyOf(messages);
    }

    /**
     * A {@code /v1/chat/completions} body.
     *
     * @param contextLength the model's longest sequence: without max_tokens an answer may run until the context is full, as OpenAI's
     */
    static GenerationRequest chat(JsonNode body, int contextLength) {
        requireObject(body, "{\"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}]}");
        refuseUnsupported(body, Map.of("tools", "tools are not supported by the local model server",
                "functions", "functions are not supported by the local model server"));
        JsonNode list = body.get("messages");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw invalid("messages must be a non-empty list such as [{\"role\": \"user\", \"content\": \"Hello\"}]");
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) messages.add(message(list.get(i), i));
        Integer maxTokens = optionalInteger(body, "max_completion_tokens");
        if (maxTokens == null) maxTokens = optionalInteger(body, "max_tokens");
        boolean stream = optionalBoolean(body, "stream");
        Integer top = optionalInteger(body, "top_logprobs");
        if (top != null && (top < 0 || top > MAX_CHAT_TOP_LOGPROBS)) {
            throw invalid("top_logprobs must be 0.." + MAX_CHAT_TOP_LOGPROBS + ", got " + top);
        }
        boolean logprobs = optionalBoolean(body, "logprobs");
        if (top != null && !logprobs) throw invalid("top_logprobs needs \"logprobs\": true");
        if (stream && logprobs) throw invalid("logprobs cannot be streamed; send \"stream\": false to get them");
        return new GenerationRequest(messages, null, settings(body, maxTokens == null ? contextLength : maxTokens), stream,
                logprobs ? (top == null ? 0 : top) : NO_LOGPROBS);
    }

    /** A {@code /v1/completions} body: one prompt string, continued as written (no chat template). */
    static GenerationRequest completion(JsonNode body) {
        requireObject(body, "{\"prompt\": \"Once upon a time\", \"max_tokens\": 16}");
        refuseUnsupported(body, Map.of("suffix", "suffix (insertion) is not supported"));
        if (optionalBoolean(body, "echo")) throw invalid("echo is not supported: the answer never repeats the prompt");
        Integer bestOf = optionalInteger(body, "best_of");
        if (bestOf != null && bestOf != 1) throw invalid("best_of must be 1 (one answer is generated per request), got " + bestOf);
        JsonNode prompt = body.get("prompt");
        if (prompt != null && prompt.isArray() && prompt.size() == 1 && prompt.get(0).isTextual()) prompt = prompt.get(0);
        if (prompt == null || !prompt.isTextual() || prompt.asText().isEmpty()) {
            throw invalid("prompt must be one non-empty string (lists of prompts and token ids are not supported), got "
                    + describe(prompt));
        }
        Integer logprobs = optionalInteger(body, "logprobs");
        if (logprobs != null && (logprobs < 0 || logprobs > MAX_LOGPROBS)) {
            throw invalid("logprobs must be 0.." + MAX_LOGPROBS + ", got " + logprobs);
        }
        boolean stream = optionalBoolean(body, "stream");
        if (stream && logprobs != null) throw invalid("logprobs cannot be streamed; send \"stream\": false to get them");
        Integer maxTokens = optionalInteger(body, "max_tokens");
        return new GenerationRequest(List.of(), prompt.asText(),
                settings(body, maxTokens == null ? COMPLETIONS_DEFAULT_MAX_TOKENS : maxTokens), stream,
                logprobs == null ? NO_LOGPROBS : logprobs);
    }

    private static GenerationSettings settings(JsonNode body, int maxTokens) {
        Integer n = optionalInteger(body, "n");
        if (n != null && n != 1) throw invalid("n must be 1: this server generates one choice per request, got " + n);
        if (maxTokens < 1) throw invalid("max_tokens must be at least 1, got " + maxTokens);
        double temperature = optionalNumber(body, "temperature", 1.0);
        if (!(temperature >= 0 && temperature <= 2)) throw invalid("temperature must be within [0, 2] (0 is greedy), got " + temperature);
        double topP = optionalNumber(body, "top_p", 1.0);
        if (!(topP > 0 && topP <= 1)) throw invalid("top_p must be within (0, 1] (1 turns it off), got " + topP);
        Integer topK = optionalInteger(body, "top_k");
        if (topK != null && topK < 0) throw invalid("top_k must be ≥ 0 (0 turns it off), got " + topK);
        for (String penalty : List.of("presence_penalty", "frequency_penalty")) {
            if (optionalNumber(body, penalty, 0) != 0) throw invalid(penalty + " is not supported; leave it out or send 0");
        }
        JsonNode bias = body.get("logit_bias");
        if (bias != null && !bias.isNull() && !bias.isEmpty()) throw invalid("logit_bias is not supported; leave it out");
        JsonNode seed = body.get("seed");
        if (seed != null && !seed.isNull() && !seed.isIntegralNumber()) throw invalid("seed must be an integer, got " + seed);
        // Without a seed, sampled answers differ from request to request, as OpenAI's do.
        long seedValue = seed == null || seed.isNull() ? ThreadLocalRandom.current().nextLong() : seed.asLong();
        return new GenerationSettings(maxTokens, temperature, topP, topK == null ? 0 : topK, seedValue, stop(body.get("stop")));
    }

    private static List<String> stop(JsonNode stop) {
        List<String> strings = new ArrayList<>();
        if (stop == null || stop.isNull()) return strings;
        if (stop.isTextual()) {
            strings.add(stop.asText());
        } else if (stop.isArray() && stop.size() <= MAX_STOP_STRINGS) {
            for (JsonNode s : stop) {
                if (!s.isTextual()) throw invalid("stop must hold strings, got " + s);
                strings.add(s.asText());
            }
        } else {
            throw invalid("stop must be a string or a list of at most " + MAX_STOP_STRINGS + " strings, got " + describe(stop));
        }
        if (strings.contains("")) throw invalid("stop strings must not be empty");
        return strings;
    }

    /** A message's content is a string or a list of text parts; "developer" is OpenAI's newer name for "system". */
    private static ChatMessage message(JsonNode node, int index) {
        String where = "messages[" + index + "]";
        if (!node.isObject()) throw invalid(where + " must be an object {\"role\", \"content\"}, got " + describe(node));
        String role = node.path("role").asText("");
        if (role.equals("developer")) role = "system";
        if (!List.of("system", "user", "assistant").contains(role)) {
            throw invalid(where + ".role must be system, user or assistant (tool messages are not supported), got "
                    + describe(node.get("role")));
        }
        JsonNode content = node.get("content");
        if (content != null && content.isTextual()) return new ChatMessage(role, content.asText());
        if (content != null && content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                    throw invalid(where + ".content parts must be {\"type\": \"text\", \"text\": ...}: the model reads text only, got "
                            + describe(part));
                }
                text.append(part.get("text").asText());
            }
            return new ChatMessage(role, text.toString());
        }
        throw invalid(where + ".content must be a string or a list of text parts, got " + describe(content));
    }

    private static void requireObject(JsonNode body, String example) {
        if (body == null || !body.isObject()) throw invalid("Expected a JSON object such as " + example);
    }

    private static void refuseUnsupported(JsonNode body, Map<String, String> fields) {
        fields.forEach((field, reason) -> {
            JsonNode value = body.get(field);
            boolean set = value != null && !value.isNull() && !(value.isBoolean() && !value.asBoolean())
                    && !(value.isContainerNode() && value.isEmpty());
            if (set) throw invalid(field + ": " + reason);
        });
    }

    private static Integer optionalInteger(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.isIntegralNumber() || !value.canConvertToInt()) throw invalid(field + " must be an integer, got " + value);
        return value.asInt();
    }

    private static double optionalNumber(JsonNode body, String field, double fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) return fallback;
        if (!value.isNumber()) throw invalid(field + " must be a number, got " + value);
        return value.asDouble();
    }

    private static boolean optionalBoolean(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) return false;
        if (!value.isBoolean()) throw invalid(field + " must be true or false, got " + value);
        return value.asBoolean();
    }

    private static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) return "nothing";
        String text = value.toString();
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    private static HttpError invalid(String message) {
        return new HttpError(400, message, "invalid_request");
    }
}
