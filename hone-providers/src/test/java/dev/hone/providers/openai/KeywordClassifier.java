package dev.hone.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The test server's "model": a keyword classifier over the last user message, answering in the
 * format the prompt asks for. Its mistakes are real (texts without a keyword, a deliberately
 * unreadable reply, sampled noise), so the metrics measured through it are real too.
 */
final class KeywordClassifier {
    private KeywordClassifier() {
    }

    static String label(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.matches(".*(refund|money|return).*")) return "refund";
        if (t.matches(".*(parcel|order|ship|deliver|track|package|courier|arrive).*")) return "shipping";
        if (t.matches(".*(log|password|account|sign|locked|factor).*")) return "login";
        return "shipping";
    }

    static String answer(JsonNode body) {
        JsonNode messages = body.get("messages");
        String system = messages.get(0).get("content").asText();
        String text = messages.get(messages.size() - 1).get("content").asText().replaceFirst("^Text: ", "");
        String label = label(text);
        boolean reasons = system.contains("Answer: <label>");
        if (body.path("temperature").asDouble() > 0) {
            // Sampling noise: one sample in five disagrees; the vote should still find the keyword label.
            if (body.path("seed").asLong() % 5 == 4) label = label.equals("login") ? "refund" : "login";
        }
        if (!reasons && text.contains("shoes")) return "I'm not sure which category this is.";
        return reasons ? "The text talks about " + text.length() + " characters of content.\nIt matches a keyword.\nAnswer: **" + label + "**"
                : " \"" + label.toUpperCase(Locale.ROOT) + "\".";
    }
}
