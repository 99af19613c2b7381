package dev.hone.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.store.StoreLocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hone ui} in a real headless Chromium, over a store holding two small runs: the runs table
 * lists both with a check box each, the compare view of the two checked runs shows the delta, the
 * McNemar p-value and its significance, a moved run folder is said so, the browser logs no console
 * message, and the scripts hidden in the task name, config, labels and prompt show as text and never run.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String ESCAPED = HistoryFixture.INJECTED.replace("<", "&lt;").replace(">", "&gt;");
    private Dashboard dashboard;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (dashboard != null) dashboard.close();
    }

    @Test
    void chromiumShowsTheRunsTableAndTheCompareViewWithEveryInjectedScriptEscaped() throws Exception {
        assertThat(CHROMIUM).as("headless Chromium (scripts/ensure-chromium installs it)").exists();
        Path folderA = Files.createDirectories(dir.resolve("runs/a"));
        Files.writeString(folderA.resolve("report.html"), "<!DOCTYPE html><html><head><title>report of A</title></head>"
                + "<body><h1 id=\"report-a\">Report of run A</h1></body></html>");
        StoreLocation store = StoreLocation.ofFile(dir.resolve("store.db"));
        HistoryFixture.record(store, folderA, dir.resolve("runs/b-moved-away"));
        dashboard = Dashboard.start(new ServerOptions("127.0.0.1", 0, 32, 1, 1 << 20, 16, null), store);
        String base = "http://127.0.0.1:" + dashboard.port();

        Page runs = load(base + "/");
        assertThat(runs.dom()).contains("<tr data-run=\"" + HistoryFixture.A + "\">", "<tr data-run=\"" + HistoryFixture.B + "\">");
        assertThat(runs.dom()).contains("0.500", "1.000", "all-minilm-l6-v2");
        // What the compare form submits when both check boxes are ticked: their values, in table order (newest first).
        List<String> checked = new ArrayList<>();
        Matcher box = Pattern.compile("<input type=\"checkbox\" name=\"run\" value=\"([^\"]+)\"").matcher(runs.dom());
        while (box.find()) checked.add(box.group(1));
        assertThat(checked).containsExactly(HistoryFixture.B, HistoryFixture.A);
        assertThat(runs.dom()).contains("action=\"/compare\"");
        assertEscaped(runs);

        Page compare = load(base + "/compare?run=" + checked.get(0) + "&run=" + checked.get(1));
        assertThat(compare.dom()).contains("A " + HistoryFixture.A + " → B " + HistoryFixture.B);
        String probeRow = row(compare.dom(), "probe");
        assertThat(probeRow).contains("1.000", "0.500", "-0.500", "0.0313", "significant (p &lt; 0.05)");
        assertThat(compare.dom()).contains("id=\"regression\"", "-  seed: 7", "+  seed: 8", "+A customer writes about {label}");
        assertThat(compare.dom()).contains("<table class=\"changed\" data-candidate=\"probe\">",
                "The same answer on every test example in both runs: zero-shot.");
        assertEscaped(compare);

        Page moved = load(base + "/run?id=" + HistoryFixture.B);
        assertThat(moved.dom()).contains("id=\"report-missing\"", "no longer exists");
        assertEscaped(moved);
        Page report = load(base + "/run/report?id=" + HistoryFixture.A);
        assertThat(report.dom()).contains("Report of run A");

        Page task = load(base + "/task?name=" + DashboardPage.query(HistoryFixture.TASK));
        assertThat(task.dom()).contains("<svg class=\"chart\"", "id=\"prompts\"");
        assertEscaped(task);
    }

    private static void assertEscaped(Page page) {
        assertThat(page.dom()).as("no script element: the page has none of its own and every injected one is text")
                .doesNotContain("<script").contains(ESCAPED);
        assertThat(page.dom()).as("the injected script never ran").doesNotContain("data-injected=\"ran\"");
        // An injected script would log 'injected' if it ran, or a Content-Security-Policy violation if it were blocked.
        assertThat(page.console()).as("browser console").isEmpty();
    }

    /** The HTML of the table row of a candidate. */
    private static String row(String dom, String candidate) {
        int start = dom.indexOf("data-candidate=\"" + candidate + "\"");
        assertThat(start).as("row of " + candidate).isNotNegative();
        return dom.substring(start, dom.indexOf("</tr>", start));
    }

    private record Page(String dom, List<String> console) {
    }

    private Page load(String url) throws Exception {
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        Path output = Files.createTempFile(dir, "dom", ".html");
        Path log = Files.createTempFile(dir, "chromium", ".log");
        Process chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom", url))
                .redirectOutput(output.toFile()).redirectError(log.toFile()).start();
        assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).as("chromium finished within 60 s").isTrue();
        String dom = Files.readString(output, StandardCharsets.UTF_8);
        List<String> console = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.contains("CONSOLE")).toList();
        return new Page(dom, console);
    }
}
