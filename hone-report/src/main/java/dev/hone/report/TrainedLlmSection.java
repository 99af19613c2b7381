package dev.hone.report;

import static dev.hone.report.Html.esc;
import static dev.hone.report.Html.num;
import static dev.hone.report.Html.orNaN;
import static dev.hone.report.Html.orZero;

import dev.hone.results.ClassificationResults;
import dev.hone.results.ClassifierResult;
import dev.hone.results.DistillationEvidence;
import dev.hone.results.GenerationResults;
import dev.hone.results.GeneratorResult;
import dev.hone.results.LlmFineTuneJob;
import dev.hone.results.PerplexityForgetting;
import dev.hone.results.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Part of the LLM section: LLM fine-tuning jobs (base → fine-tuned model, hosted or in-process,
 * trained tokens, what the job cost, how long it ran) and distilled students beside their teachers (test accuracy,
 * cost per 1,000 requests, p95 latency). The rows are read from the run's results once ({@link #jobs},
 * {@link #students}) and written as HTML or Markdown. Empty when the run had neither. A generation
 * run's report shows the same jobs table for its llm-finetune candidates.
 */
final class TrainedLlmSection {
    private TrainedLlmSection() {
    }

    /** One candidate's {@code finetune} object ({@code remote_finetune} in older files). */
    record JobRow(String candidate, String baseModel, String fineTunedModel, String jobId, boolean resumed, boolean inProcess,
                  long trainedTokens, double trainingUsd, double jobSeconds, PerplexityForgetting forgetting, int truncatedAnswers) {
        /** The trained tokens, and how many answers were cut to fit the trainer's length when any were. */
        String tokens() {
            return String.format(Locale.ROOT, "%,d", trainedTokens)
                    + (truncatedAnswers == 0 ? "" : String.format(Locale.ROOT, " (%d answers cut to fit)", truncatedAnswers));
        }

        String where() {
            return inProcess ? "in-process" : "hosted";
        }

        /** General-text perplexity base → tuned, "–" when not measured (hosted jobs). */
        String perplexity() {
            return TrainedLlmSection.perplexity(forgetting);
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
            + "the candidate's upfront cost; an in-process job costs its CPU time instead, like an encoder's training. "
            + "Resumed: an earlier run started the job; nothing was paid or trained again. General-text perplexity: the base "
            + "model's → the tuned model's on Hone's general-English paragraphs (a rise means the tuning cost general language).";
    private static final String STUDENTS_NOTE = "Pairs read student / teacher. Texts whose answer named no label were "
            + "dropped. Agreement is on the training texts (– for an unlabeled file).";

    /** Perplexity base → tuned with its relative rise, "–" when not measured. */
    static String perplexity(PerplexityForgetting f) {
        return f == null ? "–" : num(f.perplexityBefore(), 2) + " → " + num(f.perplexityAfter(), 2)
                + String.format(Locale.ROOT, " (%+.1f%%)", 100 * f.rise());
    }

    static List<JobRow> jobs(ClassificationResults r) {
        List<JobRow> rows = new ArrayList<>();
        for (ClassifierResult c : r.candidates()) {
            if (c.finetune() != null) rows.add(row(c.name(), c.finetune()));
        }
        return rows;
    }

    /** The llm-finetune candidates of a generation run (their jobs trained on the reference outputs). */
    static List<JobRow> jobs(GenerationResults r) {
        List<JobRow> rows = new ArrayList<>();
        for (GeneratorResult c : r.candidates()) {
            if (c.finetune() != null) rows.add(row(c.name(), c.finetune()));
        }
        return rows;
    }

    private static JobRow row(String candidate, LlmFineTuneJob job) {
        return new JobRow(candidate, job.baseModel(), job.fineTunedModel(), job.jobId(), job.resumed(), job.inProcess(), job.trainedTokens(),
                job.trainingUsd(), job.jobSeconds(), job.forgetting(), job.truncatedAnswers());
    }

    static List<StudentRow> students(ClassificationResults r) {
        List<StudentRow> rows = new ArrayList<>();
        for (ClassifierResult c : r.candidates()) {
            DistillationEvidence d = c.distillation();
            if (d == null) continue;
            rows.add(new StudentRow(c.name(), d.teacher(), d.labelled(), d.texts(), orNaN(d.teacherAgreementWithGold()),
                    d.teacherUsd(), d.studentTestAccuracy(), orNaN(d.teacherTestAccuracy()), perThousand(r, c.name()),
                    perThousand(r, d.teacher()), orNaN(c.latencyMsP95()), latencyP95(r, d.teacher())));
        }
        return rows;
    }

    static String html(ClassificationResults r) {
        StringBuilder html = new StringBuilder(jobsHtml(jobs(r)));
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

    /** The jobs table; empty without jobs. */
    static String jobsHtml(List<JobRow> jobs) {
        StringBuilder html = new StringBuilder();
        if (!jobs.isEmpty()) {
            html.append("<h3>LLM fine-tuning jobs</h3><div class=\"wide\"><table><tr><th>Candidate</th><th>Base → fine-tuned model</th>")
                    .append("<th>Where</th><th>Job</th><th>Trained tokens</th><th>Training $</th><th>Job s</th>")
                    .append("<th>General-text perplexity</th></tr>");
            for (JobRow j : jobs) {
                html.append("<tr><td>").append(esc(j.candidate())).append("</td><td>").append(esc(j.baseModel())).append(" → <code>")
                        .append(esc(j.fineTunedModel())).append("</code></td><td>").append(j.where()).append("</td><td><code>").append(esc(j.jobId())).append("</code>")
                        .append(j.resumed() ? " (resumed)" : "").append("</td><td class=\"n\">").append(j.tokens())
                        .append("</td><td class=\"n\">").append(num(j.trainingUsd(), 4)).append("</td><td class=\"n\">")
                        .append(num(j.jobSeconds(), 0)).append("</td><td class=\"n\">").append(j.perplexity()).append("</td></tr>");
            }
            html.append("</table></div><p class=\"muted\">").append(JOBS_NOTE).append("</p>");
        }
        return html.toString();
    }

    static String markdown(ClassificationResults r) {
        StringBuilder md = new StringBuilder(jobsMarkdown(jobs(r)));
        appendStudents(md, students(r));
        return md.toString();
    }

    /** The jobs table in Markdown; empty without jobs. */
    static String jobsMarkdown(List<JobRow> jobs) {
        StringBuilder md = new StringBuilder();
        if (!jobs.isEmpty()) {
            md.append("\n| LLM fine-tuning job | Base → fine-tuned model | Where | Job | Trained tokens | Training $ | Job s |"
                    + " General-text perplexity |\n").append("|---|---|---|---|---:|---:|---:|---:|\n");
            for (JobRow j : jobs) {
                md.append("| ").append(MarkdownReport.cell(j.candidate())).append(" | ").append(MarkdownReport.cell(j.baseModel()))
                        .append(" → ").append(MarkdownReport.cell(j.fineTunedModel())).append(" | ").append(j.where())
                        .append(" | ").append(MarkdownReport.cell(j.jobId()))
                        .append(j.resumed() ? " (resumed)" : "").append(" | ").append(j.tokens()).append(" | ")
                        .append(num(j.trainingUsd(), 4)).append(" | ").append(num(j.jobSeconds(), 0)).append(" | ")
                        .append(j.perplexity()).append(" |\n");
            }
            md.append('\n').append(JOBS_NOTE).append('\n');
        }
        return md.toString();
    }

    private static void appendStudents(StringBuilder md, List<StudentRow> students) {
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
    }

    /** What 1,000 requests cost by the verdict's statistics; NaN when the file has none for that candidate. */
    private static double perThousand(ClassificationResults r, String name) {
        Statistics s = HtmlReport.statistics(r, name);
        return s == null ? Double.NaN : s.perRequestUsd() * 1000;
    }

    /** A teacher's p95 latency (0 when it was not measured); NaN when the run has no candidate of that name. */
    private static double latencyP95(ClassificationResults r, String name) {
        ClassifierResult teacher = r.candidate(name);
        return teacher == null ? Double.NaN : orZero(teacher.latencyMsP95());
    }
}
