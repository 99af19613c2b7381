package dev.hone.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.results.ClassificationResults;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizationSectionTest {
    private static final ClassificationResults RESULTS = TestResults.classification("""
            {"candidates": [
              {"name": "probe", "kind": "linear-probe"},
              {"name": "zs-opt", "kind": "zero-shot", "optimization": {
                "method": "instruction-search", "target": "template", "scored_on": "accuracy on the 9 training examples",
                "examples": 9, "prompt_before": "refund → <b>REF</b>\\nship → SHIP", "prompt_after": "refund → money back\\nship → SHIP",
                "best_trial": 2, "max_trials": 32, "requests": 0, "usd": 0, "seconds": 0.4,
                "trials": [{"id": 0, "prompt": "the configured template '{label}'", "score": 0.333, "kept": true},
                           {"id": 1, "parent": 0, "prompt": "template 'Topic: {label}', labels lower-case", "score": 0.222, "kept": false},
                           {"id": 2, "parent": 0, "prompt": "template '{label}', labels description", "score": 1.0, "kept": true}]}}]}
            """);

    @Test
    void showsTheBestPromptTheScorePathAndTheDiffEscaped() {
        String html = OptimizationSection.html(RESULTS);
        assertThat(html).contains("<h2>Prompt optimisation</h2>", "<td>zs-opt</td><td>instruction-search (template)</td>",
                "3 / 32", "0.333 → 1.000", "Kept trial 2: template &#39;{label}&#39;, labels description.", "<svg");
        // The user's text is escaped, and the diff marks the changed line only.
        assertThat(html).contains("− refund → &lt;b&gt;REF&lt;/b&gt;\n+ refund → money back\n  ship → SHIP\n").doesNotContain("<b>REF");
        String md = MarkdownReport.render(RESULTS);
        assertThat(md).contains("## Prompt optimisation", "| zs-opt | instruction-search (template) | 3 / 32 | 0.333 → 1.000 | 0 | 0.0000 |",
                "Score path (kept trials): 0.333 (0) → 1.000 (2)", "```diff\n− refund → <b>REF</b>\n+ refund → money back\n  ship → SHIP\n```");
        assertThat(OptimizationSection.html(TestResults.classification("{\"candidates\": [{\"name\": \"probe\"}]}"))).isEmpty();
    }

    @Test
    void anUnchangedPromptSaysSoAndLongUnchangedRunsAreCounted() {
        List<PromptDiff.Line> diff = PromptDiff.of("a\nb\nc", "a\nc\nd");
        assertThat(diff).containsExactly(new PromptDiff.Line(' ', "a"), new PromptDiff.Line('-', "b"), new PromptDiff.Line(' ', "c"),
                new PromptDiff.Line('+', "d"));
        String same = String.join("\n", java.util.Collections.nCopies(50, "x"));
        var evidence = new dev.hone.results.OptimizationEvidence("bootstrap-few-shot", "references", "s", 1, same, same, 0, 1,
                List.of(), 0, 0, 0, 0, 0);
        List<String> lines = OptimizationSection.diffLines(evidence);
        assertThat(lines.get(0)).isEqualTo("(unchanged: the configured prompt scored best)");
        assertThat(lines).hasSize(1 + OptimizationSection.UNCHANGED_SHOWN + 1).last().isEqualTo("  … 10 more unchanged lines");
    }
}
