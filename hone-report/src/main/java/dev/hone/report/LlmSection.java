package dev.hone.report;

import static dev.hone.report.Html.esc;
import static dev.hone.report.Html.num;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The LLM candidates' own figures: provider and model, tokens per request, what 1,000 requests
 * cost at the provider's prices, how often the reply could not be read, and the prompt version;
 * then remote fine-tuning jobs and distilled students ({@link TrainedLlmSection}).
 * Empty when the run had no LLM candidate.
 */
final class LlmSection {
    private LlmSection() {
    }

    static String html(JsonNode r) {
        StringBuilder rows = new StringBuilder();
        for (JsonNode c : r.path("candidates")) {
            JsonNode llm = c.path("llm");
            if (llm.isMissingNode()) continue;
            rows.append("<tr><td>").append(esc(c.path("name").asText())).append("</td><td>").append(esc(llm.path("provider").asText()))
                    .append(" · ").append(esc(llm.path("model").asText())).append("</td><td class=\"n\">")
                    .append(num(c.path("tokens_in_per_request").asDouble(), 1)).append("</td><td class=\"n\">")
                    .append(num(c.path("tokens_out_per_request").asDouble(), 1)).append("</td><td class=\"n\">")
                    .append(num(llm.path("usd_per_prediction").asDouble() * 1000, 4)).append("</td><td class=\"n\">")
                    .append(num(100 * c.path("parse_failure_rate").asDouble(), 1)).append("%</td><td class=\"n\">")
                    .append(num(100 * share(llm), 1)).append("%</td><td class=\"n\">")
                    .append(llm.path("requests").asLong()).append(" (").append(llm.path("cached_requests").asLong())
                    .append(" cached)</td><td><code>").append(esc(shortHash(c.path("prompt_sha256").asText()))).append("</code></td></tr>");
        }
        if (rows.isEmpty()) return "";
        return "<h2>LLM candidates</h2><div class=\"wide\"><table><tr><th>Candidate</th><th>Provider · model</th>"
                + "<th>Tokens in / request</th><th>Tokens out / request</th><th>$ / 1,000 requests</th><th>Parse failures</th>"
                + "<th>Sent to the LLM</th><th>Requests</th><th>Prompt</th></tr>" + rows + "</table></div><p class=\"muted\">Tokens and prices per classified "
                + "text (all samples of it), as the provider reported them; cached answers count what they cost when first asked. "
                + "Sent to the LLM: the escalation rate of a cascade (100% for a plain LLM candidate). "
                + "A parse failure is a reply matching no label (it counts as the most frequent training label). Prompt: the "
                + "first 12 hex digits of prompt_sha256, equal when the templates are equal.</p>" + TrainedLlmSection.html(r);
    }

    static String markdown(JsonNode r) {
        StringBuilder rows = new StringBuilder();
        for (JsonNode c : r.path("candidates")) {
            JsonNode llm = c.path("llm");
            if (llm.isMissingNode()) continue;
            rows.append("| ").append(esc(c.path("name").asText()).replace("|", "\\|")).append(" | ")
                    .append(esc(llm.path("model").asText()).replace("|", "\\|")).append(" | ")
                    .append(num(c.path("tokens_in_per_request").asDouble(), 1)).append(" | ")
                    .append(num(c.path("tokens_out_per_request").asDouble(), 1)).append(" | ")
                    .append(num(llm.path("usd_per_prediction").asDouble() * 1000, 4)).append(" | ")
                    .append(num(100 * c.path("parse_failure_rate").asDouble(), 1)).append("% | `")
                    .append(esc(shortHash(c.path("prompt_sha256").asText()))).append("` |\n");
        }
        if (rows.isEmpty()) return "";
        return "\n| LLM candidate | Model | Tokens in | Tokens out | $ / 1k requests | Parse failures | Prompt |\n"
                + "|---|---|---:|---:|---:|---:|---|\n" + rows;
    }

    /** Share of predictions the LLM answered: 100% except for a cascade (its escalation rate). */
    private static double share(JsonNode llm) {
        long predictions = llm.path("predictions").asLong(0);
        return predictions == 0 ? Double.NaN : llm.path("escalated").asLong(predictions) / (double) predictions;
    }

    private static String shortHash(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
