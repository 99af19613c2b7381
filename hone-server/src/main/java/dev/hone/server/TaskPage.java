package dev.hone.server;

import static dev.hone.report.Html.esc;
import static dev.hone.server.DashboardPage.money;
import static dev.hone.server.DashboardPage.score;
import static dev.hone.server.DashboardPage.shortHash;
import static dev.hone.server.DashboardPage.time;

import dev.hone.report.Charts;
import dev.hone.store.HistoryPoint;
import dev.hone.store.TaskPrompt;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * {@code GET /task?name=…}: one task over time: its recommended candidate's score and monthly cost
 * run after run (inline SVG drawn here, with the report's charts), its runs, and the prompt versions
 * its candidates were measured with, with their scores.
 */
final class TaskPage {
    private static final double SECONDS_PER_DAY = 86_400;

    private TaskPage() {
    }

    static String render(String task, List<HistoryPoint> history, List<TaskPrompt> prompts) {
        StringBuilder b = new StringBuilder("<h1>").append(esc(task)).append("</h1><p class=\"muted\">").append(history.size())
                .append(history.size() == 1 ? " run" : " runs").append(" · <a href=\"/?task=").append(esc(DashboardPage.query(task)))
                .append("\">in the runs table</a></p>");
        String metric = history.stream().map(HistoryPoint::metric).filter(m -> m != null).findFirst().orElse("score");
        b.append("<h2>History</h2><div id=\"history\">")
                .append(chart("Recommended " + metric + " over time", metric, history, HistoryPoint::score))
                .append(chart("Monthly cost of the recommended candidate over time", "$ per month", history, HistoryPoint::monthlyCostUsd))
                .append("</div>");

        b.append("<h2>Runs</h2><div class=\"wide\"><table id=\"task-runs\"><tr><th>Started (UTC)</th><th>Run</th><th>Recommended</th>")
                .append("<th>").append(esc(metric)).append("</th><th>$/month</th><th>Status</th><th></th></tr>");
        for (int i = history.size() - 1; i >= 0; i--) {
            HistoryPoint p = history.get(i);
            b.append("<tr><td>").append(time(p.startedAt())).append("</td><td>").append(DashboardPage.runLink(p.runId()))
                    .append("</td><td>").append(p.recommended() == null ? "–" : esc(p.recommended())).append("</td><td class=\"n\">")
                    .append(score(p.score())).append("</td><td class=\"n\">").append(money(p.monthlyCostUsd())).append("</td><td>")
                    .append(esc(p.status())).append("</td><td>").append(i == 0 ? "" : "<a href=\""
                            + DashboardPage.compareHref(history.get(i - 1).runId(), p.runId()) + "\">compare with previous</a>")
                    .append("</td></tr>");
        }
        b.append("</table></div>");

        b.append("<h2>Prompt versions</h2>");
        if (prompts.isEmpty()) {
            b.append("<p class=\"muted\">No candidate of this task used a prompt or template (LLM routes and zero-shot templates"
                    + " have one).</p>");
        } else {
            b.append("<div class=\"wide\"><table id=\"prompts\"><tr><th>Version</th><th>First used</th><th>Last used</th><th>Runs</th>")
                    .append("<th>Candidates</th><th>Latest ").append(esc(metric)).append("</th><th>Best</th><th>Text</th></tr>");
            for (TaskPrompt p : prompts) {
                b.append("<tr id=\"prompt-").append(esc(p.sha256())).append("\"><td><code>").append(shortHash(p.sha256()))
                        .append("</code></td><td>").append(time(p.firstSeen())).append("</td><td>").append(time(p.lastSeen()))
                        .append("</td><td class=\"n\">").append(p.runs()).append("</td><td>")
                        .append(esc(String.join(", ", p.uses().stream().map(TaskPrompt.Use::candidate).distinct().toList())))
                        .append("</td><td class=\"n\">").append(score(p.latestScore())).append("</td><td class=\"n\">")
                        .append(score(p.bestScore())).append("</td><td>").append(p.text() == null
                                ? "<span class=\"muted\">only the hash is stored</span>" : "<pre>" + esc(p.text()) + "</pre>")
                        .append("</td></tr>");
            }
            b.append("</table></div>");
        }
        return DashboardPage.page(task, b.toString());
    }

    /** A line over the runs that have the figure; x is the start time in days, labelled as dates. */
    private static String chart(String title, String yLabel, List<HistoryPoint> history, Function<HistoryPoint, Double> figure) {
        List<double[]> points = new ArrayList<>();
        for (HistoryPoint p : history) {
            Double y = figure.apply(p);
            Double x = days(p.startedAt());
            if (y != null && x != null && !y.isNaN()) points.add(new double[] {x, y});
        }
        if (points.isEmpty()) return "<p class=\"muted\">No run of this task has a " + esc(yLabel) + " yet.</p>";
        double span = points.get(points.size() - 1)[0] - points.get(0)[0];
        return Charts.plot(title, "run started (UTC)", yLabel, List.of(new Charts.Series(yLabel, points)), dates(span));
    }

    private static DoubleFunction<String> dates(double spanDays) {
        String pattern = spanDays < 1.0 / 24 ? "HH:mm:ss" : spanDays < 2 ? "MM-dd HH:mm" : "yyyy-MM-dd";
        DateTimeFormatter format = DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC);
        return days -> format.format(Instant.ofEpochMilli(Math.round(days * SECONDS_PER_DAY * 1000)));
    }

    private static Double days(String iso) {
        try {
            return Instant.parse(iso).toEpochMilli() / 1000.0 / SECONDS_PER_DAY;
        } catch (DateTimeParseException | NullPointerException e) {
            return null;
        }
    }
}
