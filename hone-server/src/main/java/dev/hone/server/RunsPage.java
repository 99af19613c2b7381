package dev.hone.server;

import static dev.hone.report.Html.esc;
import static dev.hone.server.DashboardPage.query;
import static dev.hone.server.DashboardPage.score;
import static dev.hone.server.DashboardPage.time;

import dev.hone.store.RunRow;
import dev.hone.store.RunSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * {@code GET /}: the runs table (task, kind, started, model, recommended, accuracy, status), filtered
 * by task and sorted by any column from the query ({@code ?task=…&sort=accuracy&order=asc}); a check
 * box per run and one button open the compare view of the two checked runs. No script: the filter
 * and the compare form are plain GET forms.
 */
final class RunsPage {
    /** Sortable columns by key: heading and the value sorted on (strings and numbers; nulls sort last either way). */
    private record Column(String key, String heading, Function<RunSummary, Comparable<?>> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("task", "Task", s -> s.run().task()),
            new Column("kind", "Kind", s -> s.run().kind()),
            new Column("started", "Started (UTC)", s -> s.run().startedAt()),
            new Column("model", "Model", s -> s.run().model()),
            new Column("recommended", "Recommended", s -> s.run().recommended()),
            new Column("accuracy", "Accuracy", RunSummary::recommendedScore),
            new Column("status", "Status", s -> s.run().status()));
    static final String DEFAULT_SORT = "started";

    private RunsPage() {
    }

    /**
     * @param task  the task filter, or null for all
     * @param sort  a column key; an unknown one sorts by start
     * @param order {@code asc} or {@code desc} (anything else: the column's natural order, newest or best first)
     */
    static String render(List<RunSummary> runs, List<String> tasks, String task, String sort, String order, int limit) {
        Column column = COLUMNS.stream().filter(c -> c.key().equals(sort)).findFirst()
                .orElse(COLUMNS.stream().filter(c -> c.key().equals(DEFAULT_SORT)).findFirst().orElseThrow());
        boolean ascending = "asc".equals(order) || (!"desc".equals(order) && !descendingFirst(column.key()));
        List<RunSummary> sorted = sorted(runs, column, ascending);

        StringBuilder b = new StringBuilder("<h1>Runs</h1><p class=\"muted\">").append(runs.size()).append(runs.size() == limit
                ? " most recent runs shown (raise ?limit= for more)" : " runs").append(task == null ? "" : " of task " + esc(task))
                .append(". Check two runs and press Compare; a task's name opens its history and prompt versions.</p>");
        b.append("<form method=\"get\" action=\"/\"><label>Task <select name=\"task\"><option value=\"\">all tasks</option>");
        for (String t : tasks) {
            b.append("<option value=\"").append(esc(t)).append('"').append(t.equals(task) ? " selected" : "").append('>')
                    .append(esc(t)).append("</option>");
        }
        b.append("</select></label> <input type=\"hidden\" name=\"sort\" value=\"").append(esc(column.key()))
                .append("\"><input type=\"hidden\" name=\"order\" value=\"").append(ascending ? "asc" : "desc")
                .append("\"><button type=\"submit\">Filter</button></form>");
        if (runs.isEmpty()) {
            return DashboardPage.page("Runs", b.append("<p>No runs").append(task == null ? "" : " of this task")
                    .append(" in the store yet: <code>hone run CONFIG</code> records one, <code>hone runs import DIR</code> adds an"
                            + " existing run folder.</p>").toString());
        }
        b.append("<form id=\"compare\" method=\"get\" action=\"/compare\"><div class=\"wide\"><table id=\"runs\"><tr><th>Compare</th>")
                .append("<th>Run</th>");
        for (Column c : COLUMNS) {
            boolean current = c == column;
            String next = current ? (ascending ? "desc" : "asc") : descendingFirst(c.key()) ? "desc" : "asc";
            b.append("<th><a href=\"/?").append(task == null ? "" : "task=" + esc(query(task)) + "&amp;").append("sort=")
                    .append(c.key()).append("&amp;order=").append(next).append("\">").append(c.heading())
                    .append(current ? (ascending ? " ▲" : " ▼") : "").append("</a></th>");
        }
        b.append("</tr>");
        for (RunSummary s : sorted) {
            RunRow r = s.run();
            b.append("<tr data-run=\"").append(esc(r.id())).append("\"><td><input type=\"checkbox\" name=\"run\" value=\"")
                    .append(esc(r.id())).append("\" aria-label=\"compare run ").append(esc(r.id())).append("\"></td><td>")
                    .append(DashboardPage.runLink(r.id())).append("</td><td>").append(DashboardPage.taskLink(r.task()))
                    .append("</td><td>").append(esc(r.kind())).append("</td><td>").append(time(r.startedAt())).append("</td><td>")
                    .append(esc(r.model())).append("</td><td>").append(r.recommended() == null ? "–" : esc(r.recommended()))
                    .append("</td><td class=\"n\">").append(score(s.recommendedScore()))
                    .append(r.primaryMetric() == null || "accuracy".equals(r.primaryMetric()) ? ""
                            : " <span class=\"muted\">" + esc(r.primaryMetric()) + "</span>")
                    .append("</td><td>").append(esc(r.status())).append("</td></tr>");
        }
        b.append("</table></div><p><button type=\"submit\">Compare the two checked runs</button> <span class=\"muted\">(the older"
                + " one is A, the baseline)</span></p></form>");
        return DashboardPage.page("Runs", b.toString());
    }

    /** Times and scores read best newest or highest first; names alphabetically. */
    private static boolean descendingFirst(String key) {
        return key.equals("started") || key.equals("accuracy");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<RunSummary> sorted(List<RunSummary> runs, Column column, boolean ascending) {
        Comparator<Comparable> natural = Comparator.naturalOrder();
        Comparator<Comparable> direction = ascending ? natural : natural.reversed();
        Comparator<RunSummary> byValue = Comparator.comparing(s -> (Comparable) column.value().apply(s),
                Comparator.nullsLast(direction));
        List<RunSummary> sorted = new ArrayList<>(runs);
        // Ties keep the store's order (newest first), so equal tasks list their runs by time.
        sorted.sort(byValue);
        return sorted;
    }
}
