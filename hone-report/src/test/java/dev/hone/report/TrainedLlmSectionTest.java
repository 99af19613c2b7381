package dev.hone.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.results.ClassificationResults;
import org.junit.jupiter.api.Test;

class TrainedLlmSectionTest {
    /** The first candidate's job is under remote_finetune, its name in files written before in-process tuning. */
    @Test
    void showsJobsAndStudentsBesideTheirTeachers() {
        ClassificationResults results = TestResults.classification("""
                {"candidates": [
                  {"name": "gpt", "kind": "llm-zero-shot", "latency_ms_p95": 420.0, "llm": {"provider": "openai", "model": "m"}},
                  {"name": "gpt-ft", "kind": "remote-finetune", "latency_ms_p95": 380.0, "llm": {"provider": "openai", "model": "ft:m"},
                   "remote_finetune": {"job_id": "ftjob-7", "base_model": "gpt-4o-mini", "fine_tuned_model": "ft:gpt-4o-mini:org::7",
                                       "trained_tokens": 123456, "training_usd": 0.3704, "job_seconds": 812, "resumed": true}},
                  {"name": "student", "kind": "distill", "latency_ms_p95": 9.5,
                   "distillation": {"teacher": "gpt", "texts": 40, "labelled": 38, "teacher_agreement_with_gold": 0.925,
                                    "teacher_usd": 0.0012, "student_test_accuracy": 0.9, "teacher_test_accuracy": 0.95}}],
                 "statistics": {"gpt": {"per_request_usd": 0.00002}, "student": {"per_request_usd": 0.0000001}}}
                """);
        String html = LlmSection.html(results);
        assertThat(html).contains("<h3>LLM fine-tuning jobs</h3>", "gpt-4o-mini → <code>ft:gpt-4o-mini:org::7</code></td><td>hosted",
                "<code>ftjob-7</code> (resumed)", "123,456", "0.3704", "812");
        assertThat(html).contains("<h3>Distilled students and their teachers</h3>", "student ← gpt", "38 / 40", "92.5%",
                "0.900 / 0.950", "0.0001 / 0.0200", "9.5 / 420.0");
        assertThat(TrainedLlmSection.html(TestResults.classification("{\"candidates\": [{\"name\": \"probe\"}]}"))).isEmpty();

        // report.md carries the same rows as the HTML section.
        String md = MarkdownReport.render(results);
        assertThat(md).contains("| LLM fine-tuning job | Base → fine-tuned model | Where | Job | Trained tokens | Training $ | Job s |",
                "| gpt-ft | gpt-4o-mini → ft:gpt-4o-mini:org::7 | hosted | ftjob-7 (resumed) | 123,456 | 0.3704 | 812 |");
        assertThat(md).contains("| Distilled student ← teacher |",
                "| student ← gpt | 38 / 40 | 92.5% | 0.0012 | 0.900 / 0.950 | 0.0001 / 0.0200 | 9.5 / 420.0 |");
        assertThat(md).contains("Resumed: an earlier run started the job", "Pairs read student / teacher");
        assertThat(TrainedLlmSection.markdown(TestResults.classification("{\"candidates\": [{\"name\": \"probe\"}]}"))).isEmpty();
    }

    @Test
    void markdownRowsCannotBreakTheTable() {
        ClassificationResults results = TestResults.classification("""
                {"candidates": [
                  {"name": "ft|<b>", "kind": "llm-finetune", "finetune": {"job_id": "j|1", "base_model": "m",
                   "fine_tuned_model": "ft:m", "trained_tokens": 10, "training_usd": 0.5, "job_seconds": 3, "resumed": false,
                   "in_process": true}},
                  {"name": "s", "kind": "distill", "distillation": {"teacher": "absent", "texts": 5, "labelled": 5,
                   "teacher_agreement_with_gold": null, "teacher_usd": 0, "student_test_accuracy": 0.8}}]}
                """);
        String md = TrainedLlmSection.markdown(results);
        assertThat(md).contains("| ft\\|&lt;b&gt; | m → ft:m | in-process | j\\|1 | 10 | 0.5000 | 3 |").doesNotContain("<b>");
        // An unlabeled file (no agreement) and a teacher missing from the run read as –, not as 0; so do the
        // student's own cost and latency, which the file does not have.
        assertThat(md).contains("| s ← absent | 5 / 5 | – | 0.0000 | 0.800 / – | – / – | – / – |");
    }
}
