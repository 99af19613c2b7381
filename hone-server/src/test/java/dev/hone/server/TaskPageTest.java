package dev.hone.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.store.HistoryPoint;
import dev.hone.store.TaskPrompt;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskPageTest {
    private static final List<HistoryPoint> HISTORY = List.of(
            new HistoryPoint("r1", "2026-11-01T10:00:00Z", "complete", "accuracy", "probe", 0.80, 120.0),
            new HistoryPoint("r2", "2026-11-15T10:00:00Z", "complete", "accuracy", "lora", 0.86, 95.5),
            new HistoryPoint("r3", "2026-12-01T10:00:00Z", "incomplete", null, null, null, null));

    @Test
    void drawsScoreAndCostOverTimeWithDatesOnTheAxisAndLinksEachRunToItsPrevious() {
        String html = TaskPage.render("intents", HISTORY, List.of());
        assertThat(html.split("<svg class=\"chart\"", -1)).as("two charts").hasSize(3);
        assertThat(html).contains("Recommended accuracy over time", "Monthly cost of the recommended candidate over time");
        assertThat(html).contains(">2026-11-01<", ">2026-11-15<");
        assertThat(html).contains("href=\"/compare?a=r1&amp;b=r2\">compare with previous</a>");
        assertThat(html).contains("No candidate of this task used a prompt");
    }

    @Test
    void listsPromptVersionsWithTheirScoresAndEscapedText() {
        TaskPrompt prompt = new TaskPrompt("abcdef0123456789", "template:\n<script>x()</script> {label}", List.of(
                new TaskPrompt.Use("r1", "2026-11-01T10:00:00Z", "zero-shot", 0.6, "accuracy"),
                new TaskPrompt.Use("r2", "2026-11-15T10:00:00Z", "zero-shot", 0.7, "accuracy")));
        TaskPrompt hashOnly = new TaskPrompt("99", null, List.of(new TaskPrompt.Use("r2", "2026-11-15T10:00:00Z", "llm", null, "accuracy")));
        String html = TaskPage.render("<i>intents</i>", HISTORY, List.of(prompt, hashOnly));
        assertThat(html).contains("<code>abcdef012345</code>", "2026-11-01 10:00:00", "2026-11-15 10:00:00", "0.700");
        assertThat(html).contains("&lt;script&gt;x()&lt;/script&gt;").doesNotContain("<script>");
        assertThat(html).contains("&lt;i&gt;intents&lt;/i&gt;").doesNotContain("<i>intents");
        assertThat(html).contains("only the hash is stored");
    }

    @Test
    void aTaskWithOneRunLabelsTheTimeOfDayAndSaysWhatHasNoFigure() {
        String html = TaskPage.render("t", List.of(new HistoryPoint("r1", "2026-11-01T10:00:00Z", "complete", "token_f1", "gen",
                0.5, null)), List.of());
        assertThat(html).contains("Recommended token_f1 over time", ">10:00:00<", "No run of this task has a $ per month yet.");
    }
}
