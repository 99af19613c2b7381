package dev.hone.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The try-it page in a real headless Chromium: the box is filled, submitted, and the label appears. */
class TryItPageTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private HoneServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void chromiumSubmitsATextAndShowsTheLabelWithTheCardEscaped(@TempDir Path dir) throws Exception {
        assertThat(CHROMIUM).as("headless Chromium (scripts/ensure-chromium installs it)").exists();
        Path candidate = Files.createDirectories(dir.resolve("probe"));
        Files.writeString(candidate.resolve("candidate.json"), """
                {"name": "probe", "kind": "linear-probe", "model": "all-minilm-l6-v2",
                 "task": {"name": "<script>alert(1)</script> tickets", "kind": "classification"},
                 "labels": ["short", "long"],
                 "metrics": {"accuracy": 0.925, "accuracy_ci95": [0.88, 0.95]},
                 "provenance": {"seed": 7, "hone_version": "development"}}
                """);
        server = HoneServer.start(new ServerOptions("127.0.0.1", 0, 32, 1, 1 << 20, 16, null),
                () -> new ServedModel("probe", candidate, new HoneServerTest.LengthClassifier()));
        while (!server.ready()) Thread.sleep(5);
        String url = "http://127.0.0.1:" + server.port() + "/?text="
                + URLEncoder.encode("a rather long message", StandardCharsets.UTF_8);
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        Path output = dir.resolve("dom.html");
        Process chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--virtual-time-budget=10000", "--dump-dom", url))
                .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).as("chromium finished within 60 s").isTrue();
        String dom = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(dom).contains("<p id=\"label\" aria-live=\"polite\">long (0.900)</p>");
        assertThat(dom).contains("0.925 (95% interval 0.880–0.950)", "linear-probe");
        assertThat(dom).contains("&lt;script&gt;alert(1)&lt;/script&gt; tickets").doesNotContain("<script>alert(1)");
    }
}
