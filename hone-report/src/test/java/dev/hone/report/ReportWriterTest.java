package dev.hone.report;

import static org.assertj.core.api.Assertions.assertThat;

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
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("| Candidate |", "**Recommended:**").doesNotContain("<script");
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
