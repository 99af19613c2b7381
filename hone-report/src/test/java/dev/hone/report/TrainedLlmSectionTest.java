package dev.hone.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TrainedLlmSectionTest {
    @Test
    void showsJobsAndStudentsBesideTheirTeachers() throws Exception {
        JsonNode results = new ObjectMapper().readTree("""
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
        assertThat(html).contains("<h3>Remote fine-tuning jobs</h3>", "gpt-4o-mini → <code>ft:gpt-4o-mini:org::7</code>",
                "<code>ftjob-7</code> (resumed)", "123,456", "0.3704", "812");
        assertThat(html).contains("<h3>Distilled students and their teachers</h3>", "student ← gpt", "38 / 40", "92.5%",
                "0.900 / 0.950", "0.0001 / 0.0200", "9.5 / 420.0");
        assertThat(TrainedLlmSection.html(new ObjectMapper().readTree("{\"candidates\": [{\"name\": \"probe\"}]}"))).isEmpty();
    }
}
