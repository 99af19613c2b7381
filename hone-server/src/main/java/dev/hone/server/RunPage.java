package dev.hone.server;

import static dev.hone.report.Html.esc;
import static dev.hone.server.DashboardPage.money;
import static dev.hone.server.DashboardPage.query;
import static dev.hone.server.DashboardPage.score;
import static dev.hone.server.DashboardPage.shortHash;
import static dev.hone.server.DashboardPage.time;

import dev.hone.store.PromptVersion;
import dev.hone.store.RecordedRun;
import dev.hone.store.RunRow;
import dev.hone.store.StoredCandidate;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code GET /run?id=…}: one run's summary from the store (what ran, on what, what it decided,
 * every candidate's figures, its config and prompts) and its {@code report.html}, served from the
 * run's folder while that folder is where the run wrote it; a moved or deleted folder is said so.
 */
final class RunPage {
    static final String REPORT = "report.html";

    private RunPage() {
    }

    /** The run's report file, or null when its folder or the report in it is gone. */
    static Path report(RunRow run) {
        Path file = folder(run) == null ? null : folder(run).resolve(REPORT);
        return file != null && Files.isRegularFile(file) ? file : null;
    }

    /**
     * @param previous the id of the task's run before this one, or null when this is its first
     */
    static String render(RecordedRun recorded, String previous) {
        RunRow r = recorded.run();
        StringBuilder b = new StringBuilder("<h1>").append(esc(r.task())).append("</h1><p class=\"muted\">run ").append(esc(r.id()))
                .append(" · ").append(esc(r.kind())).append(" · model ").append(esc(r.model())).append(" · ").append(esc(r.status()))
                .append("</p>");
        b.append("<div class=\"rec").append(r.recommended() == null ? " none" : "").append("\"><p><strong>")
                .append(r.recommended() == null ? "No recommendation" : "Recommended: " + esc(r.recommended())).append("</strong>")
                .append(r.decisionStatus() == null ? "" : " (" + esc(r.decisionStatus()) + ")").append("</p>")
                .append(r.decisionReason() == null ? "" : "<p>" + esc(r.decisionReason()) + "</p>").append("</div>");
        b.append("<h2>Report</h2>").append(reportSection(r));
        b.append("<p>").append(DashboardPage.taskLink(r.task())).append(": history and prompt versions");
        if (previous != null) {
            b.append(" · <a href=\"").append(DashboardPage.compareHref(previous, r.id())).append("\">compare with the previous run (")
                    .append(esc(previous)).append(")</a>");
        }
        b.append("</p>");

        b.append("<h2>Candidates (test split)</h2><div class=\"wide\"><table id=\"candidates\"><tr><th>Candidate</th><th>Kind</th><th>")
                .append(esc(r.primaryMetric() == null ? "score" : r.primaryMetric())).append("</th><th>95% interval</th>")
                .append("<th>Macro-F1</th><th>Selection score</th><th>p95 ms</th><th>$/month</th><th>$/request</th><th>Training $</th>")
                .append("<th>Trainable params</th><th>Prompt</th></tr>");
        for (StoredCandidate c : recorded.candidates()) {
            b.append("<tr").append(c.name().equals(r.recommended()) ? " class=\"top\"" : "").append("><td>").append(esc(c.name()))
                    .append("</td><td>").append(esc(c.kind())).append("</td><td class=\"n\">").append(score(c.score()))
                    .append("</td><td class=\"n\">").append(c.ciLow() == null || c.ciHigh() == null ? "–"
                            : score(c.ciLow()) + "–" + score(c.ciHigh()))
                    .append("</td><td class=\"n\">").append(score(c.macroF1())).append("</td><td class=\"n\">")
                    .append(score(c.selectionScore())).append("</td><td class=\"n\">")
                    .append(c.latencyMsP95() == null ? "–" : String.format(Locale.ROOT, "%.1f", c.latencyMsP95()))
                    .append("</td><td class=\"n\">").append(money(c.monthlyCostUsd())).append("</td><td class=\"n\">")
                    .append(c.perRequestUsd() == null ? "–" : String.format(Locale.ROOT, "$%.2e", c.perRequestUsd()))
                    .append("</td><td class=\"n\">").append(money(c.trainingCostUsd())).append("</td><td class=\"n\">")
                    .append(c.trainableParameters() == null ? "–" : String.format(Locale.ROOT, "%,d", c.trainableParameters()))
                    .append("</td><td><code>").append(shortHash(c.promptSha256())).append("</code></td></tr>");
        }
        b.append("</table></div>");

        b.append("<h2>Provenance</h2><table>");
        row(b, "run id", esc(r.id()));
        row(b, "started (UTC)", time(r.startedAt()));
        row(b, "finished (UTC)", time(r.finishedAt()));
        row(b, "folder", "<code>" + esc(r.out()) + "</code>");
        row(b, "dataset sha256", "<code>" + esc(r.datasetSha256()) + "</code>");
        row(b, "test set", r.testSha256() == null ? "–" : "<code>" + shortHash(r.testSha256()) + "</code> · "
                + (r.testExamples() == null ? "?" : r.testExamples()) + " examples");
        row(b, "seed", r.seed() == null ? "–" : String.valueOf(r.seed()));
        row(b, "Hone / Java", esc(r.honeVersion()) + " / " + esc(r.javaVersion()));
        b.append("</table><h2>Resolved config</h2><pre id=\"config\">").append(esc(r.config())).append("</pre>");
        if (!recorded.prompts().isEmpty()) {
            b.append("<h2>Prompt versions</h2>");
            for (PromptVersion p : recorded.prompts()) {
                b.append("<h3><code>").append(shortHash(p.sha256())).append("</code></h3>").append(p.text() == null
                        ? "<p class=\"muted\">Only the hash is known (a run imported from its folder).</p>"
                        : "<pre>" + esc(p.text()) + "</pre>");
            }
        }
        return DashboardPage.page(r.task() + " · run " + r.id(), b.toString());
    }

    private static String reportSection(RunRow r) {
        if (report(r) != null) {
            return "<p><a id=\"report\" href=\"/run/report?id=" + esc(query(r.id())) + "\">Open the run's report.html</a> <span class=\""
                    + "muted\">(served from <code>" + esc(r.out()) + "</code>)</span></p>";
        }
        Path folder = folder(r);
        if (folder != null && Files.isDirectory(folder)) {
            return "<p class=\"warn\" id=\"report-missing\">The run's folder <code>" + esc(r.out()) + "</code> has no report.html"
                    + (r.complete() ? "" : " (the run did not finish)") + ". <code>hone report " + esc(r.out())
                    + "</code> writes it from the folder's results.json.</p>";
        }
        return "<p class=\"warn\" id=\"report-missing\">The run's folder <code>" + esc(r.out()) + "</code> no longer exists: it was"
                + " moved or deleted, so its report.html cannot be shown. The figures on this page are the store's copy. If the"
                + " folder was moved, <code>hone report NEW_FOLDER</code> renders the report there.</p>";
    }

    private static Path folder(RunRow r) {
        try {
            return Path.of(r.out());
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static void row(StringBuilder b, String name, String html) {
        b.append("<tr><th>").append(esc(name)).append("</th><td>").append(html).append("</td></tr>");
    }
}
