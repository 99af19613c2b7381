package dev.hone.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the saved-format fixtures (copies of hone-core's {@code results-format}, written by the
 * runners) of every task kind: each reads through the typed results and shows its key figures.
 */
class ResultsFormatReportTest {
    private static String render(String fixture, Path dir) throws IOException {
        try (var in = ResultsFormatReportTest.class.getResourceAsStream("/results-format/" + fixture)) {
            Files.copy(in, dir.resolve("results.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        return Files.readString(ReportWriter.write(dir));
    }

    @Test
    void classificationWithLlmRoutes(@TempDir Path dir) throws IOException {
        String html = render("classification-llm-routes.json", dir);
        assertThat(html).contains("<h1>remote-ft</h1>", "<strong>knn</strong> (tied)", "Runner-up: <strong>knn-then-ft</strong>",
                "<tr class=\"top\"><td>knn</td><td>few-shot</td><td class=\"n\">1.000 ± 0.000</td><td class=\"n\">0.701–1.000</td>",
                "<td class=\"n\">14.7405</td><td class=\"n\">0.0237</td><td class=\"n\">30,384</td>");
        // The cascade sent 1 of 37 texts to its LLM; a plain LLM candidate sends all of them.
        assertThat(html).contains("<tr><td>knn-then-ft</td><td>openai · ft:test-model:hone-test:tickets:ftjob-1</td>"
                + "<td class=\"n\">1.2</td><td class=\"n\">0.0</td><td class=\"n\">0.0004</td><td class=\"n\">0.0%</td>"
                + "<td class=\"n\">2.7%</td><td class=\"n\">1 (1 cached)</td><td><code>7ed0b589673d</code></td></tr>",
                "<td class=\"n\">100.0%</td><td class=\"n\">37 (19 cached)</td>");
        assertThat(html).contains("<td><code>ftjob-1</code></td><td class=\"n\">946</td>", "student ← gpt-ft",
                "<th>dataset</th><td>train 24, test 9</td>");
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("**Recommended:** knn (tied)", "| knn | few-shot | 1.000 | 0.701–1.000 | 1.000 | 0.889 | 5.2 | 0.05 |",
                "| gpt-ft | test-model → ft:test-model:hone-test:tickets:ftjob-1 | hosted | ftjob-1 | 946 | 0.0237 | 0 |",
                "| student ← gpt-ft | 15 / 15 | 100.0% | 0.0002 | 1.000 / 1.000 | 0.0001 / 0.0147 | 8.4 / 30.0 |");
    }

    @Test
    void classificationWithLearningCurveAndCrossValidation(@TempDir Path dir) throws IOException {
        String html = render("classification-curve-cross-validated.json", dir);
        assertThat(html).contains("<strong>setfit</strong> (tied)", "chosen by 5-fold cross-validation",
                "<p>Selection: chosen by 5-fold cross-validation over all 24 training examples; every candidate trained on all of them.</p>",
                "<td class=\"n\">2,808</td><td class=\"n\">1.000</td><td class=\"n\">0.66 → 0.66</td>",
                "<h2>Learning curves</h2>", "Over the measured sizes no trained strategy beats the best prompt-only one.",
                "<tr><th>train counts</th><td>refund: 8; shipping: 8; login: 8; </td></tr>",
                "<tr><th>imbalance ratio</th><td>1.0</td></tr><tr><th>duplicates in train</th><td>0</td></tr>",
                "<tr><th>host cores</th><td>2</td></tr>", "0 errors on the test split.");
        assertThat(html).doesNotContain("<h2>LLM candidates</h2>");
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("**Recommended:** setfit (tied)", "Runner-up: lora.",
                "| setfit | contrastive | 1.000 | 0.701–1.000 | 1.000 | 0.958 | 6.2 | 0.03 |");
    }

    @Test
    void classificationWithARefitMarksIt(@TempDir Path dir) throws IOException {
        String html = render("classification-refit.json", dir);
        assertThat(html).contains("<tr class=\"top\"><td>knn †</td><td>few-shot</td>", "<tr><td>zero-shot</td>",
                "<p>Selection: chosen on a validation split of 12 examples; † knn was then refit on train + validation "
                        + "(60 examples): its test figures are the refit&#39;s.</p>",
                "knn was then rebuilt on train + validation");
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("| knn † | few-shot |", "Selection: chosen on a validation split of 12 examples; † knn was then refit");
    }

    @Test
    void generationWithJudgeAndRag(@TempDir Path dir) throws IOException {
        String html = render("generation-judged-rag.json", dir);
        assertThat(html).contains("generation · 19 train, 5 validation, 8 test pairs · chosen by judge score on validation",
                "<tr class=\"top\"><td>rag</td><td>rag</td><td class=\"n\">0.000</td><td class=\"n\">0.850</td>",
                "<h2>Worst answers of rag</h2>", "<td class=\"n\">0.69</td><td>pairing/app.md, cleaning.txt</td>",
                "<th>dataset</th><td>train /tmp/junit-17528080467668056528/train.jsonl");
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("**Recommended:** rag", "| plain | llm-generate | 0.000 | 0.000 | 0.000 | – | – | 5 | 0.000032 |",
                "| rag | rag | 0.000 | 0.850 | 0.000 | 1.000 | 1.000 | 10 | 0.000124 |");
    }

    @Test
    void retrieval(@TempDir Path dir) throws IOException {
        String html = render("retrieval.json", dir);
        assertThat(html).contains("retrieval · model all-minilm-l6-v2 · 5 judged queries · 25 chunks", "<th>Recall@3</th>",
                "<tr class=\"top\"><td>vector</td><td class=\"n\">1.000</td>", "5 files indexed, 0 unchanged, 0 removed, 1 skipped",
                "<td>broken.pdf</td>", "Every query's first result was relevant.");
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("**Recommended:** vector", "| bm25 | 1.000 | 0.867 | 0.900 | 1.5 | 6.6 |");
    }
}
