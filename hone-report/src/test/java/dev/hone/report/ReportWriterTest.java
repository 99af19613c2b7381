package dev.hone.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.error.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static Path render(Path dir) throws IOException {
        try (var in = ReportWriterTest.class.getResourceAsStream("/results.json")) {
            Files.copy(in, dir.resolve("results.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        return ReportWriter.write(dir);
    }

    @Test
    void htmlIsSelfContainedAndEscapesDatasetText(@TempDir Path dir) throws IOException {
        String html = Files.readString(render(dir));
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script");
        assertThat(html).doesNotContain("http://", "https://", "src=");
        assertThat(html).contains("<svg", "Learning curves", "Confusion matrix", "Dataset checks", "Provenance");
        assertThat(html).contains("Recommendation", "0.90 → 0.80", "From 16 examples per class, lora-r8");
        assertThat(html).contains("<tr><th>warnings</th><td>1 duplicate text in train, e.g. &quot;ticket 3: &lt;b&gt;dup&lt;/b&gt;&quot;</td></tr>")
                .doesNotContain("<b>dup");
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("| Candidate |", "**Recommended:**").doesNotContain("<script");
    }

    @Test
    void withoutStatisticsTheCellsReadAsAbsentAndTheStoredDecisionStands(@TempDir Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode results;
        try (var in = ReportWriterTest.class.getResourceAsStream("/results-format/classification-llm-routes.json")) {
            results = (ObjectNode) json.readTree(in);
        }
        // A run still going (or an older file): no statistics yet. The report shows the decision as stored, even one
        // the verdict would not make (gpt is the dearest candidate), and recomputes nothing.
        results.remove("statistics");
        ((ObjectNode) results.get("decision")).put("recommended", "gpt");
        Files.writeString(dir.resolve("results.json"), json.writeValueAsString(results));
        String html = Files.readString(ReportWriter.write(dir));
        assertThat(html).contains("<strong>gpt</strong> (tied)", "<tr class=\"top\"><td>gpt</td><td>llm-zero-shot</td>"
                + "<td class=\"n\">1.000 ± 0.000</td><td class=\"n\">–</td><td class=\"n\">1.000</td><td class=\"n\">–</td><td></td>"
                + "<td class=\"n\">1.000</td><td class=\"n\">26.0</td><td class=\"n\">–</td><td class=\"n\">–</td>"
                + "<td class=\"n\">–</td><td class=\"n\">–</td><td class=\"n\">–</td></tr>");
        // Break-even volumes are the decision's, so they stay.
        assertThat(html).contains("<td class=\"n\">30,384</td>", "No data for Total cost (training + serving) by requests.");
        assertThat(html).contains("<td class=\"n\">1.000 / 1.000</td><td class=\"n\">– / –</td><td class=\"n\">8.4 / 30.0</td>");
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("**Recommended:** gpt (tied)", "| gpt | llm-zero-shot | 1.000 | – | 1.000 | 1.000 | 26.0 | – |",
                "| student ← gpt-ft | 15 / 15 | 100.0% | 0.0002 | 1.000 / 1.000 | – / – | 8.4 / 30.0 |");
        assertThat(results.has("statistics")).isFalse();
        assertThat(json.readTree(dir.resolve("results.json").toFile()).has("statistics")).as("results.json left as it was").isFalse();
    }

    @Test
    void aMissingOrUnreadableResultsFileSaysWhatToDo(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> ReportWriter.write(dir)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("expected " + dir.resolve("results.json") + " (written by `hone run`), found no such file")
                .hasMessageContaining("pass the run's output directory");
        Files.writeString(dir.resolve("results.json"), "{\"task\": ");
        assertThatThrownBy(() -> ReportWriter.write(dir)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(dir.resolve("results.json") + " is not valid JSON").hasMessageEndingWith("; re-run `hone run`");
        Files.writeString(dir.resolve("results.json"), "[1, 2]");
        assertThatThrownBy(() -> ReportWriter.write(dir)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("is not a results.json Hone can read").hasMessageEndingWith("; re-run `hone run`");
        Files.writeString(dir.resolve("results.json"), "{\"task\": {\"name\": \"x\", \"kind\": \"poetry\"}}");
        assertThatThrownBy(() -> ReportWriter.write(dir)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("task.kind 'poetry' is not one Hone writes (classification, retrieval, generation)")
                .hasMessageEndingWith("; re-run `hone run`");
        assertThat(dir.resolve("report.html")).doesNotExist();
    }

    @Test
    void headlessChromiumRendersChartsAndRunsNoInjectedScript(@TempDir Path dir) throws Exception {
        assertThat(CHROMIUM).as("headless Chromium (scripts/ensure-chromium installs it)").exists();
        Path html = render(dir);
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        Files.copy(html, target.resolve("report.html"), StandardCopyOption.REPLACE_EXISTING);
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        List<String> flags = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        String dom = runChromium(concat(flags, "--dump-dom", html.toUri().toString()), dir.resolve("dom.txt"));
        assertThat(Pattern.compile("<svg").matcher(dom).results().count()).isGreaterThanOrEqualTo(3);
        assertThat(dom).contains("<circle", "<path");
        assertThat(dom).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        // The report carries no script of its own, so any <script> element in the live DOM would be an injection.
        assertThat(dom).doesNotContain("<script");
        runChromium(concat(flags, "--screenshot=" + target.resolve("report.png"), "--window-size=1280,2000",
                html.toUri().toString()), dir.resolve("shot.txt"));
        assertThat(target.resolve("report.png")).isNotEmptyFile();
    }

    private static List<String> concat(List<String> flags, String... more) {
        var all = new java.util.ArrayList<>(flags);
        all.addAll(List.of(more));
        return all;
    }

    private static String runChromium(List<String> command, Path output) throws Exception {
        Process p = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium finished within 60 s").isTrue();
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
