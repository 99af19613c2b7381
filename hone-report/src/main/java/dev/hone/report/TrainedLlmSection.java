package dev.hone.report;

import static dev.hone.report.Html.esc;
import static dev.hone.report.Html.num;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Part of the LLM section: remote fine-tuning jobs (base → fine-tuned model, trained tokens, what
 * the job cost, how long it ran) and distilled students beside their teachers (test accuracy,
 * cost per 1,000 requests, p95 latency). The rows are read from results.json once ({@link #jobs},
 * {@link #students}) and written as HTML or Markdown. Empty when the run had neither.
 */
final class TrainedLlmSection {
    private TrainedLlmSection() {
    }

    /** One candidate's {@code remote_finetune} object. */
    record JobRow(String candidate, String baseModel, String fineTunedModel, String jobId, boolean resumed, long trainedTokens,
                  double trainingUsd, double jobSeconds) {
        String tokens() {
            return String.format(Locale.ROOT, "%,d", trainedTokens);
        }
    }

    /**
     * A distilled student beside its teacher; NaN where results.json has no figure (agreement for
     * an unlabeled file, a teacher's test accuracy or statistics that are missing).
     */
    record StudentRow(String student, String teacher, int labelled, int texts, double agreementWithGold, double labellingUsd,
                      double studentAccuracy, double teacherAccuracy, double studentUsdPerThousand, double teacherUsdPerThousand,
                      double studentP95, double teacherP95) {
        String agreement() {
            return Double.isNaN(agreementWithGold) ? "–" : num(100 * agreementWithGold, 1) + "%";
        }

        String accuracies() {
            return num(studentAccuracy, 3) + " / " + num(teacherAccuracy, 3);
        }

        String perThousand() {
            return num(studentUsdPerThousand, 4) + " / " + num(teacherUsdPerThousand, 4);
        }

        String latencies() {
            return num(studentP95, 1) + " / " + num(teacherP95, 1);
        }
    }

    private static final String JOBS_NOTE = "Training $: trained tokens at the provider's usd_per_million_training_tokens, "
            + "counted as the candidate's upfront cost. Resumed: an earlier run started the job; nothing was paid again.";
    private static final String STUDENTS_NOTE = "Pairs read student / teacher. Texts whose answer named no label were "
            + "dropped. Agreement is on the training texts (– for an unlabeled file).";

    static List<JobRow> jobs(JsonNode r) {
        List<JobRow> rows = new ArrayList<>();
        for (JsonNode c : r.path("candidates")) {
            JsonNode job = c.path("remote_finetune");
            if (!job.isObject()) continue;
            rows.add(new JobRow(c.path("name").asText(), job.path("base_model").asText(), job.path("fine_tuned_model").asText(),
                    job.path("job_id").asText(), job.path("resumed").asBoolean(), job.path("trained_tokens").asLong(),
                    job.path("training_usd").asDouble(), job.path("job_seconds").asDouble()));
        }
        return rows;
    }

    static List<StudentRow> students(JsonNode r) {
        List<StudentRow> rows = new ArrayList<>();
        for (JsonNode c : r.path("candidates")) {
            JsonNode d = c.path("distillation");
            if (!d.isObject()) continue;
            String name = c.path("name").asText();
            String teacher = d.path("teacher").asText();
            rows.add(new StudentRow(name, teacher, d.path("labelled").asInt(), d.path("texts").asInt(),
                    d.path("teacher_agreement_with_gold").isNumber() ? d.path("teacher_agreement_with_gold").asDouble() : Double.NaN,
                    d.path("teacher_usd").asDouble(), d.path("student_test_accuracy").asDouble(Double.NaN),
                    d.path("teacher_test_accuracy").asDouble(Double.NaN), perThousand(r, name), perThousand(r, teacher),
                    c.path("latency_ms_p95").asDouble(Double.NaN), latencyP95(r, teacher)));
        }
        return rows;
    }

    static String html(JsonNode r) {
        StringBuilder html = new StringBuilder();
        List<JobRow> jobs = jobs(r);
        if (!jobs.isEmpty()) {
            html.append("<h3>Remote fine-tuning jobs</h3><div class=\"wide\"><table><tr><th>Candidate</th><th>Base → fine-tuned model</th>")
                    .append("<th>Job</th><th>Trained tokens</th><th>Training $</th><th>Job s</th></tr>");
            for (JobRow j : jobs) {
                html.append("<tr><td>").append(esc(j.candidate())).append("</td><td>").append(esc(j.baseModel())).append(" → <code>")
                        .append(esc(j.fineTunedModel())).append("</code></td><td><code>").append(esc(j.jobId())).append("</code>")
                        .append(j.resumed() ? " (resumed)" : "").append("</td><td class=\"n\">").append(j.tokens())
                        .append("</td><td class=\"n\">").append(num(j.trainingUsd(), 4)).append("</td><td class=\"n\">")
                        .append(num(j.jobSeconds(), 0)).append("</td></tr>");
            }
            html.append("</table></div><p class=\"muted\">").append(JOBS_NOTE).append("</p>");
        }
        List<StudentRow> students = students(r);
        if (!students.isEmpty()) {
            html.append("<h3>Distilled students and their teachers</h3><div class=\"wide\"><table><tr><th>Student ← teacher</th>")
                    .append("<th>Texts labelled</th><th>Teacher agrees with gold</th><th>Labelling $</th><th>Test accuracy</th>")
                    .append("<th>$ / 1,000 requests</th><th>p95 ms</th></tr>");
            for (StudentRow s : students) {
                html.append("<tr><td>").append(esc(s.student())).append(" ← ").append(esc(s.teacher())).append("</td><td class=\"n\">")
                        .append(s.labelled()).append(" / ").append(s.texts()).append("</td><td class=\"n\">").append(s.agreement())
                        .append("</td><td class=\"n\">").append(num(s.labellingUsd(), 4)).append("</td><td class=\"n\">")
                        .append(s.accuracies()).append("</td><td class=\"n\">").append(s.perThousand()).append("</td><td class=\"n\">")
                        .append(s.latencies()).append("</td></tr>");
            }
            html.append("</table></div><p class=\"muted\">").append(STUDENTS_NOTE).append("</p>");
        }
        return html.toString();
    }

    static String markdown(JsonNode r) {
        StringBuilder md = new StringBuilder();
        List<JobRow> jobs = jobs(r);
        if (!jobs.isEmpty()) {
            md.append("\n| Remote fine-tuning job | Base → fine-tuned model | Job | Trained tokens | Training $ | Job s |\n")
                    .append("|---|---|---|---:|---:|---:|\n");
            for (JobRow j : jobs) {
                md.append("| ").append(MarkdownReport.cell(j.candidate())).append(" | ").append(MarkdownReport.cell(j.baseModel()))
                        .append(" → ").append(MarkdownReport.cell(j.fineTunedModel())).append(" | ").append(MarkdownReport.cell(j.jobId()))
                        .append(j.resumed() ? " (resumed)" : "").append(" | ").append(j.tokens()).append(" | ")
                        .append(num(j.trainingUsd(), 4)).append(" | ").append(num(j.jobSeconds(), 0)).append(" |\n");
            }
            md.append('\n').append(JOBS_NOTE).append('\n');
        }
        List<StudentRow> students = students(r);
        if (!students.isEmpty()) {
            md.append("\n| Distilled student ← teacher | Texts labelled | Teacher agrees with gold | Labelling $ | Test accuracy | "
                    + "$ / 1k requests | p95 ms |\n|---|---:|---:|---:|---:|---:|---:|\n");
            for (StudentRow s : students) {
                md.append("| ").append(MarkdownReport.cell(s.student())).append(" ← ").append(MarkdownReport.cell(s.teacher()))
                        .append(" | ").append(s.labelled()).append(" / ").append(s.texts()).append(" | ").append(s.agreement())
                        .append(" | ").append(num(s.labellingUsd(), 4)).append(" | ").append(s.accuracies()).append(" | ")
                        .append(s.perThousand()).append(" | ").append(s.latencies()).append(" |\n");
            }
            md.append('\n').append(STUDENTS_NOTE).append('\n');
        }
        return md.toString();
    }

    private static double perThousand(JsonNode r, String name) {
        JsonNode perRequest = r.path("statistics").path(name).path("per_request_usd");
        return perRequest.isNumber() ? perRequest.asDouble() * 1000 : Double.NaN;
    }

    private static double latencyP95(JsonNode r, String name) {
        for (JsonNode c : r.path("candidates")) if (c.path("name").asText().equals(name)) return c.path("latency_ms_p95").asDouble();
        return Double.NaN;
    }
}
