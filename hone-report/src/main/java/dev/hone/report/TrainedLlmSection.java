package dev.hone.report;

import static dev.hone.report.Html.esc;
import static dev.hone.report.Html.num;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Part of the LLM section: remote fine-tuning jobs (base → fine-tuned model, trained tokens, what
 * the job cost, how long it ran) and distilled students beside their teachers (test accuracy,
 * cost per 1,000 requests, p95 latency). Empty when the run had neither.
 */
final class TrainedLlmSection {
    private TrainedLlmSection() {
    }

    static String html(JsonNode r) {
        StringBuilder jobs = new StringBuilder();
        StringBuilder students = new StringBuilder();
        for (JsonNode c : r.path("candidates")) {
            JsonNode job = c.path("remote_finetune");
            if (job.isObject()) {
                jobs.append("<tr><td>").append(esc(c.path("name").asText())).append("</td><td>").append(esc(job.path("base_model").asText()))
                        .append(" → <code>").append(esc(job.path("fine_tuned_model").asText())).append("</code></td><td><code>")
                        .append(esc(job.path("job_id").asText())).append("</code>").append(job.path("resumed").asBoolean() ? " (resumed)" : "")
                        .append("</td><td class=\"n\">").append(String.format(java.util.Locale.ROOT, "%,d", job.path("trained_tokens").asLong()))
                        .append("</td><td class=\"n\">").append(num(job.path("training_usd").asDouble(), 4)).append("</td><td class=\"n\">")
                        .append(num(job.path("job_seconds").asDouble(), 0)).append("</td></tr>");
            }
            JsonNode d = c.path("distillation");
            if (d.isObject()) {
                String teacher = d.path("teacher").asText();
                students.append("<tr><td>").append(esc(c.path("name").asText())).append(" ← ").append(esc(teacher)).append("</td><td class=\"n\">")
                        .append(d.path("labelled").asInt()).append(" / ").append(d.path("texts").asInt()).append("</td><td class=\"n\">")
                        .append(d.path("teacher_agreement_with_gold").isNumber() ? num(100 * d.path("teacher_agreement_with_gold").asDouble(), 1) + "%" : "–")
                        .append("</td><td class=\"n\">").append(num(d.path("teacher_usd").asDouble(), 4)).append("</td>")
                        .append(pair(num(d.path("student_test_accuracy").asDouble(), 3), d.has("teacher_test_accuracy")
                                ? num(d.path("teacher_test_accuracy").asDouble(), 3) : "–"))
                        .append(pair(perThousand(r, c.path("name").asText()), perThousand(r, teacher)))
                        .append(pair(num(c.path("latency_ms_p95").asDouble(), 1), num(latencyP95(r, teacher), 1))).append("</tr>");
            }
        }
        StringBuilder html = new StringBuilder();
        if (!jobs.isEmpty()) {
            html.append("<h3>Remote fine-tuning jobs</h3><div class=\"wide\"><table><tr><th>Candidate</th><th>Base → fine-tuned model</th>")
                    .append("<th>Job</th><th>Trained tokens</th><th>Training $</th><th>Job s</th></tr>").append(jobs)
                    .append("</table></div><p class=\"muted\">Training $: trained tokens at the provider's usd_per_million_training_tokens, "
                            + "counted as the candidate's upfront cost. Resumed: an earlier run started the job; nothing was paid again.</p>");
        }
        if (!students.isEmpty()) {
            html.append("<h3>Distilled students and their teachers</h3><div class=\"wide\"><table><tr><th>Student ← teacher</th>")
                    .append("<th>Texts labelled</th><th>Teacher agrees with gold</th><th>Labelling $</th><th>Test accuracy</th>")
                    .append("<th>$ / 1,000 requests</th><th>p95 ms</th></tr>").append(students)
                    .append("</table></div><p class=\"muted\">Pairs read student / teacher. Texts whose answer named no label were "
                            + "dropped. Agreement is on the training texts (– for an unlabeled file).</p>");
        }
        return html.toString();
    }

    private static String pair(String student, String teacher) {
        return "<td class=\"n\">" + student + " / " + teacher + "</td>";
    }

    private static String perThousand(JsonNode r, String name) {
        JsonNode perRequest = r.path("statistics").path(name).path("per_request_usd");
        return perRequest.isNumber() ? num(perRequest.asDouble() * 1000, 4) : "–";
    }

    private static double latencyP95(JsonNode r, String name) {
        for (JsonNode c : r.path("candidates")) if (c.path("name").asText().equals(name)) return c.path("latency_ms_p95").asDouble();
        return Double.NaN;
    }
}
