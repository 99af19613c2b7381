package dev.hone.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.results.ClassificationResults;
import org.junit.jupiter.api.Test;

class LlmSectionTest {
    @Test
    void listsLlmCandidatesWithTokensCostAndParseFailures() {
        ClassificationResults results = TestResults.classification("""
                {"candidates": [
                  {"name": "probe", "kind": "linear-probe"},
                  {"name": "gpt<zs>", "kind": "llm-zero-shot", "tokens_in_per_request": 61.5, "tokens_out_per_request": 2,
                   "parse_failure_rate": 0.125, "prompt_sha256": "0123456789abcdef0123",
                   "llm": {"provider": "openai", "model": "gpt-4o-mini", "requests": 40, "cached_requests": 8, "predictions": 40, "escalated": 10,
                           "usd_per_prediction": 0.0000104}}]}
                """);
        String html = LlmSection.html(results);
        assertThat(html).contains("<h2>LLM candidates</h2>", "gpt&lt;zs&gt;", "openai · gpt-4o-mini", "61.5", "12.5%",
                "0.0104", "25.0%", "40 (8 cached)", "<code>0123456789ab</code>").doesNotContain("probe");
        assertThat(LlmSection.markdown(results)).contains("| gpt&lt;zs&gt; | gpt-4o-mini | 61.5 | 2.0 | 0.0104 | 12.5% | `0123456789ab` |");
        assertThat(LlmSection.html(TestResults.classification("{\"candidates\": [{\"name\": \"probe\"}]}"))).isEmpty();
    }
}
