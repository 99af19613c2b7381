package dev.hone.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationReportTest {
    static final String RESULTS = """
            {"task": {"name": "kettle-answers", "kind": "generation"}, "model": "all-minilm-l6-v2",
             "dataset": {"train": "train.jsonl", "test": "test.jsonl", "train_pairs": 19, "validation_pairs": 5, "test_pairs": 3},
             "provenance": {"seed": 7},
             "candidates": [
               {"name": "rag", "kind": "rag", "latency_ms_p50": 41.0, "latency_ms_p95": 88.0, "usd_per_prediction": 0.000123,
                "generation": {"exact_match": 0.0, "token_f1": 0.85, "json_valid_rate": null, "judge_score": 1.0, "citation_rate": 1.0,
                  "recall_at_k": 0.75, "per_example": [
                    {"input": "What does E1 mean?", "reference": "The tank is empty.", "answer": "The tank is empty [errors.md]",
                     "token_f1": 0.86, "judge_score": 1, "retrieved_sources": ["errors.md", "faq.txt"]},
                    {"input": "<script>alert(1)</script> reset?", "reference": "Hold <b>reset</b>.", "answer": "I do not know & sorry",
                     "token_f1": 0.0, "judge_score": 0, "retrieved_sources": ["warranty.md"]},
                    {"input": "Warranty?", "reference": "Two years.", "answer": "Two years [warranty.md]", "token_f1": 0.8,
                     "judge_score": 1, "retrieved_sources": ["warranty.md"]}]}},
               {"name": "plain", "kind": "llm-generate", "latency_ms_p50": 20.0, "latency_ms_p95": 30.0, "usd_per_prediction": 0.00001,
                "generation": {"exact_match": 0.0, "token_f1": 0.0, "json_valid_rate": null, "judge_score": null, "citation_rate": null,
                  "per_example": []}}],
             "decision": {"recommended": "rag", "reason": "rag has the best judge score 1.000 on validation", "status": "recommended",
                          "primary_metric": "judge_score", "selection_split": "validation", "protocol": "chosen on validation"}}
            """;

    @Test
    void showsAGenerationCandidatesPromptSearch(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("results.json"), RESULTS.replace("""
                {"name": "plain", "kind": "llm-generate",""", """
                {"name": "plain", "kind": "llm-generate", "upfront_usd": 0.0021, "optimization": {"method": "instruction-search",
                  "target": "instruction", "scored_on": "token F1 on 7 of the 19 training pairs", "examples": 7,
                  "prompt_before": "Answer concisely.", "prompt_after": "Answer from the <manual>.", "best_trial": 1, "max_trials": 32,
                  "requests": 15, "usd": 0.0021, "seconds": 0.2, "trials": [
                    {"id": 0, "prompt": "the configured prompt", "score": 0.0, "kept": true},
                    {"id": 1, "parent": 0, "prompt": "instruction: Answer from the <manual>.", "score": 0.9, "kept": true}]},"""));
        String html = Files.readString(ReportWriter.write(dir));
        assertThat(html).contains("<h2>Prompt optimisation</h2>", "<td>plain</td><td>instruction-search (instruction)</td>", "2 / 32",
                "0.000 → 0.900", "− Answer concisely.\n+ Answer from the &lt;manual&gt;.").doesNotContain("<manual>");
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("## Prompt optimisation", "Score path (kept trials): 0.000 (0) → 0.900 (1)");
    }

    @Test
    void rendersTheMetricsAndTheWorstAnswersEscaped(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("results.json"), RESULTS);
        String html = Files.readString(ReportWriter.write(dir));
        assertThat(html).contains("Candidates (test)", "Token F1", "Cited", "0.850", "0.000123", "chosen by judge score on validation");
        assertThat(html).contains("Worst answers of rag");
        // The worst answer (judge 0) comes first; everything from the data is escaped.
        assertThat(html.indexOf("&lt;script&gt;alert(1)&lt;/script&gt; reset?")).isPositive()
                .isLessThan(html.indexOf("What does E1 mean?"));
        assertThat(html).contains("Hold &lt;b&gt;reset&lt;/b&gt;.", "I do not know &amp; sorry").doesNotContain("<script").doesNotContain("<b>");
        assertThat(html).contains("<td class=\"n\">–</td>");
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("**Recommended:** rag", "| rag | rag | 0.000 | 0.850 | – | 1.000 | 1.000 | 88 | 0.000123 |");
    }
}
