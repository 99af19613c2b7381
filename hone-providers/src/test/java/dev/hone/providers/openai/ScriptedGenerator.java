package dev.hone.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test server's generative "model", answering only from what the prompt gives it, so a
 * strategy's answers are as good as its prompt: with retrieved passages it answers with the
 * passage sentence sharing most words with the question and cites that passage's source; with
 * demonstrations it repeats the reply to the most similar demonstrated question; with neither it
 * says it does not know. Asked for JSON it wraps the answer in {"answer": ...}. As a judge it
 * grades 1 when the answer shares at least half the reference's words (token F1 ≥ 0.5), else 0,
 * and gives no readable grade at all for an "I do not know".
 */
final class ScriptedGenerator {
    static final String UNKNOWN = "I do not know.";
    private static final Pattern PASSAGE = Pattern.compile("\\[(\\d+)] source: (\\S+)\\n(.*?)(?=\\n\\n|\\z)", Pattern.DOTALL);
    private static final Set<String> STOPWORDS = Set.of("the", "a", "an", "is", "my", "i", "do", "does", "what", "how", "of", "to",
            "it", "should", "can", "on", "for", "with", "me", "why", "when", "in", "and", "be", "tell", "about");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScriptedGenerator() {
    }

    static String answer(JsonNode body) {
        JsonNode messages = body.get("messages");
        String system = messages.get(0).path("role").asText().equals("system") ? messages.get(0).get("content").asText() : "";
        String question = messages.get(messages.size() - 1).get("content").asText();
        if (system.startsWith("You grade")) return grade(question);
        String answer = fromPassages(system, question);
        if (answer == null) answer = fromDemonstrations(messages, question);
        if (answer == null) answer = UNKNOWN;
        if (system.contains("JSON")) return JSON.createObjectNode().put("answer", answer).toString();
        return answer;
    }

    private static String fromPassages(String prompt, String question) {
        Matcher m = PASSAGE.matcher(prompt);
        String best = null;
        int bestOverlap = 0;
        while (m.find()) {
            for (String sentence : m.group(3).split("(?<=[.!?])\\s+")) {
                int overlap = overlap(words(sentence), words(question));
                if (overlap > bestOverlap) {
                    bestOverlap = overlap;
                    best = sentence.strip() + " [" + m.group(2) + "]";
                }
            }
        }
        return best;
    }

    private static String fromDemonstrations(JsonNode messages, String question) {
        String best = null;
        int bestOverlap = 0;
        for (int i = 0; i + 1 < messages.size() - 1; i++) {
            if (!messages.get(i).path("role").asText().equals("user") || !messages.get(i + 1).path("role").asText().equals("assistant")) continue;
            int overlap = overlap(words(messages.get(i).get("content").asText()), words(question));
            if (overlap > bestOverlap) {
                bestOverlap = overlap;
                best = messages.get(i + 1).get("content").asText();
            }
        }
        return best;
    }

    private static String grade(String prompt) {
        String reference = section(prompt, "REFERENCE:", "ANSWER:");
        String answer = section(prompt, "ANSWER:", null);
        if (answer.strip().equals(UNKNOWN)) return "Hmm, there is nothing to grade here.";
        Set<String> shared = new HashSet<>(words(reference));
        shared.retainAll(words(answer));
        double recall = shared.size() / (double) Math.max(1, words(reference).size());
        double precision = shared.size() / (double) Math.max(1, words(answer).size());
        double f1 = shared.isEmpty() ? 0 : 2 * precision * recall / (precision + recall);
        return f1 >= 0.5 ? "The answer states the reference's facts.\nScore: 1" : "The answer misses the facts.\nScore: 0";
    }

    private static String section(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        int to = end == null ? text.length() : text.indexOf(end, from);
        return text.substring(from, to).strip();
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
                .filter(w -> !w.isEmpty() && !STOPWORDS.contains(w)).toList();
    }

    private static int overlap(List<String> a, List<String> b) {
        Set<String> shared = new HashSet<>(a);
        shared.retainAll(new HashSet<>(b));
        return shared.size();
    }
}
