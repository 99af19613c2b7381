package dev.hone.report;

import static dev.hone.report.Html.esc;
import static dev.hone.report.Html.num;

import dev.hone.results.ClassificationResults;
import dev.hone.results.ClassifierResult;
import dev.hone.results.LlmEvidence;

/**
 * The LLM candidates' own figures: provider and model, tokens per request, what 1,000 requests
 * cost at the provider's prices, how often the reply could not be read, and the prompt version;
 * then LLM fine-tuning jobs and distilled students ({@link TrainedLlmSection}).
 * Empty when the run had no LLM candidate.
 */
final class LlmSection {
    private LlmSection() {
    }

    static String html(ClassificationResults r) {
        StringBuilder rows = new StringBuilder();
        for (ClassifierResult c : r.candidates()) {
            LlmEvidence usage = c.llmUsage();
            if (usage == null) continue;
            LlmEvidence.Counts llm = usage.llm();
            rows.append("<tr><td>").append(esc(c.name())).append("</td><td>").append(esc(llm.provider()))
                    .append(" · ").append(esc(llm.model())).append("</td><td class=\"n\">")
                    .append(num(usage.tokensInPerRequest(), 1)).append("</td><td class=\"n\">")
                    .append(num(usage.tokensOutPerRequest(), 1)).append("</td><td class=\"n\">")
                    .append(num(llm.usdPerPrediction() * 1000, 4)).append("</td><td class=\"n\">")
                    .append(num(100 * usage.parseFailureRate(), 1)).append("%</td><td class=\"n\">")
                    .append(num(100 * share(llm), 1)).append("%</td><td class=\"n\">")
                    .append(llm.requests()).append(" (").append(llm.cachedRequests())
                    .append(" cached)</td><td><code>").append(esc(shortHash(usage.promptSha256()))).append("</code></td></tr>");
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

    static String markdown(ClassificationResults r) {
        StringBuilder rows = new StringBuilder();
        for (ClassifierResult c : r.candidates()) {
            LlmEvidence usage = c.llmUsage();
            if (usage == null) continue;
            rows.append("| ").append(esc(c.name()).replace("|", "\\|")).append(" | ")
                    .append(esc(usage.llm().model()).replace("|", "\\|")).append(" | ")
                    .append(num(usage.tokensInPerRequest(), 1)).append(" | ")
                    .append(num(usage.tokensOutPerRequest(), 1)).append(" | ")
                    .append(num(usage.llm().usdPerPrediction() * 1000, 4)).append(" | ")
                    .append(num(100 * usage.parseFailureRate(), 1)).append("% | `")
                    .append(esc(shortHash(usage.promptSha256()))).append("` |\n");
        }
        if (rows.isEmpty()) return "";
        return "\n| LLM candidate | Model | Tokens in | Tokens out | $ / 1k requests | Parse failures | Prompt |\n"
                + "|---|---|---:|---:|---:|---:|---|\n" + rows;
    }

    /** Share of predictions the LLM answered: 100% except for a cascade (its escalation rate). */
    private static double share(LlmEvidence.Counts llm) {
        return llm.predictions() == 0 ? Double.NaN : llm.escalated() / (double) llm.predictions();
    }

    private static String shortHash(String sha) {
        if (sha == null) return "";
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
