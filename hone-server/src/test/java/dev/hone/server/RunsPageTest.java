package dev.hone.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.store.RunRow;
import dev.hone.store.RunSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunsPageTest {
    private static RunSummary run(String id, String task, String startedAt, String model, Double score) {
        RunRow row = new RunRow(id, task, "classification", model, null, null, null, "config", "test", "25", 7L, startedAt, null,
                "/runs/" + id, RunRow.COMPLETE, "accuracy", score == null ? null : "probe", null, null);
        return new RunSummary(row, score);
    }

    private static final List<RunSummary> RUNS = List.of(run("r3", "spam", "2026-12-03T00:00:00Z", "bge-small-en-v1.5", 0.7),
            run("r2", "intents", "2026-12-02T00:00:00Z", "all-minilm-l6-v2", null),
            run("r1", "intents", "2026-12-01T00:00:00Z", "<b>model</b>", 0.9));

    private static List<String> order(String html) {
        return java.util.regex.Pattern.compile("data-run=\"([^\"]+)\"").matcher(html).results().map(m -> m.group(1)).toList();
    }

    @Test
    void sortsByAnyColumnWithRunsLackingTheFigureLast() {
        assertThat(order(RunsPage.render(RUNS, List.of(), null, null, null, 200))).as("newest first by default")
                .containsExactly("r3", "r2", "r1");
        assertThat(order(RunsPage.render(RUNS, List.of(), null, "accuracy", null, 200))).as("best first, then none")
                .containsExactly("r1", "r3", "r2");
        assertThat(order(RunsPage.render(RUNS, List.of(), null, "accuracy", "asc", 200))).containsExactly("r3", "r1", "r2");
        assertThat(order(RunsPage.render(RUNS, List.of(), null, "task", null, 200))).containsExactly("r2", "r1", "r3");
        assertThat(order(RunsPage.render(RUNS, List.of(), null, "started", "asc", 200))).containsExactly("r1", "r2", "r3");
        assertThat(order(RunsPage.render(RUNS, List.of(), null, "no-such-column", null, 200))).containsExactly("r3", "r2", "r1");
    }

    @Test
    void theHeadingOfTheSortedColumnTogglesItsOrderAndKeepsTheFilter() {
        String html = RunsPage.render(RUNS, List.of("intents", "spam"), "intents", "accuracy", "desc", 200);
        assertThat(html).contains("<a href=\"/?task=intents&amp;sort=accuracy&amp;order=asc\">Accuracy ▼</a>");
        assertThat(html).contains("<a href=\"/?task=intents&amp;sort=model&amp;order=asc\">Model</a>");
        assertThat(html).contains("<option value=\"intents\" selected>intents</option>", "<option value=\"spam\">spam</option>");
        assertThat(html).contains("&lt;b&gt;model&lt;/b&gt;").doesNotContain("<b>model");
    }

    @Test
    void anEmptyStoreSaysHowToFillIt() {
        assertThat(RunsPage.render(List.of(), List.of(), null, null, null, 200)).contains("No runs in the store yet", "hone runs import DIR");
    }
}
