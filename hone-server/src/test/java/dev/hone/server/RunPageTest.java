package dev.hone.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.store.RecordedRun;
import dev.hone.store.RunRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPageTest {
    @TempDir
    Path dir;

    private static RecordedRun run(Path out) {
        RunRow row = new RunRow("r1", "intents", "classification", "all-minilm-l6-v2", "d", "t", 10,
                "dataset: {train: \"<script>x()</script>\"}\n", "test", "25", 7L, "2026-12-01T00:00:00Z", "2026-12-01T00:01:00Z",
                out.toString(), RunRow.COMPLETE, "accuracy", null, "no_candidate", "nothing reached the floor");
        return new RecordedRun(row, List.of(), List.of());
    }

    @Test
    void linksTheReportWhileTheFolderHoldsItAndSaysWhenTheFolderMoved() throws Exception {
        Path out = Files.createDirectories(dir.resolve("run"));
        assertThat(RunPage.render(run(out), null)).contains("has no report.html", "hone report " + out);
        Files.writeString(out.resolve("report.html"), "<html></html>");
        assertThat(RunPage.report(run(out).run())).isEqualTo(out.resolve("report.html"));
        assertThat(RunPage.render(run(out), "r0")).contains("<a id=\"report\" href=\"/run/report?id=r1\">",
                "compare with the previous run (r0)");
        String moved = RunPage.render(run(dir.resolve("elsewhere")), null);
        assertThat(moved).contains("no longer exists: it was moved or deleted");
        assertThat(RunPage.report(run(dir.resolve("elsewhere")).run())).isNull();
    }

    @Test
    void showsTheConfigEscapedAndARunWithoutRecommendation() {
        String html = RunPage.render(run(dir), null);
        assertThat(html).contains("&lt;script&gt;x()&lt;/script&gt;").doesNotContain("<script>");
        assertThat(html).contains("No recommendation", "nothing reached the floor");
    }
}
