package dev.hone.server;

import static dev.hone.report.Html.esc;
import static dev.hone.server.DashboardPage.money;
import static dev.hone.server.DashboardPage.score;
import static dev.hone.server.DashboardPage.shortHash;
import static dev.hone.server.DashboardPage.signed;
import static dev.hone.server.DashboardPage.time;

import dev.hone.store.Prediction;
import dev.hone.store.RecordedRun;
import dev.hone.store.RunComparison;
import dev.hone.store.StoredCandidate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code GET /compare?a=…&b=…}: two runs side by side, as {@link RunComparison} measures them:
 * candidates matched by name with score and cost deltas (B minus A), an exact McNemar p-value and
 * its significance when the runs share a test set, the examples each candidate now answers
 * differently, and the config and prompt diffs.
 */
final class ComparePage {
    /** At most this many changed examples are listed. */
    static final int EXAMPLES = 25;

    private ComparePage() {
    }

    static String render(RecordedRun a, RecordedRun b, RunComparison c) {
        StringBuilder h = new StringBuilder("<h1>Compare runs</h1><p class=\"muted\">A ").append(esc(c.a())).append(" → B ")
                .append(esc(c.b())).append(" · <a href=\"").append(DashboardPage.compareHref(c.b(), c.a())).append("\">swap</a></p>");
        h.append("<div class=\"wide\"><table id=\"sides\"><tr><th></th><th>A (baseline)</th><th>B</th></tr>");
        side(h, "run", a, b, r -> DashboardPage.runLink(r.run().id()));
        side(h, "task", a, b, r -> DashboardPage.taskLink(r.run().task()));
        side(h, "started (UTC)", a, b, r -> time(r.run().startedAt()));
        side(h, "model", a, b, r -> esc(r.run().model()));
        side(h, "status", a, b, r -> esc(r.run().status()));
        side(h, "recommended", a, b, r -> r.run().recommended() == null ? "–" : esc(r.run().recommended()));
        side(h, "recommended " + (c.metric() == null ? "score" : c.metric()), a, b, r -> {
            StoredCandidate chosen = r.run().recommended() == null ? null : r.candidate(r.run().recommended());
            return chosen == null ? "–" : score(chosen.score());
        });
        side(h, "test set", a, b, r -> r.run().testSha256() == null ? "–" : "<code>" + shortHash(r.run().testSha256()) + "</code> · "
                + (r.run().testExamples() == null ? "?" : r.run().testExamples()) + " examples");
        side(h, "seed", a, b, r -> r.run().seed() == null ? "–" : String.valueOf(r.run().seed()));
        h.append("</table></div>");
        h.append("<p id=\"paired\">").append(c.sameTestSet()
                ? "Same test set: the p-values pair the two runs' predictions example by example (exact McNemar test, two-sided)."
                : "Different test sets: deltas only, no p-values (nothing pairs up example by example).").append("</p>");
        c.regression().ifPresent(d -> h.append("<p class=\"warn\" id=\"regression\">Regression: B's recommended candidate <strong>")
                .append(esc(d.name())).append("</strong> is significantly worse than A's (").append(signed(d.delta(), 3))
                .append(", p = ").append(p(d.pValue())).append(" &lt; ").append(RunComparison.SIGNIFICANCE)
                .append("); <code>hone compare --fail-on-regression</code> exits 3.</p>"));

        h.append("<h2>Candidates</h2><div class=\"wide\"><table id=\"deltas\"><tr><th>Candidate</th><th>")
                .append(esc(c.metric() == null ? "score" : c.metric())).append(" A</th><th>B</th><th>Δ (B − A)</th><th>p-value</th>")
                .append("<th>Significance</th><th>Only A right</th><th>Only B right</th><th>$/month A</th><th>$/month B</th>")
                .append("<th>Δ $/month</th></tr>");
        for (RunComparison.CandidateDelta d : c.candidates()) {
            String direction = d.delta() == null || d.delta() == 0 ? "" : d.delta() > 0 ? "better" : "worse";
            h.append("<tr").append(d.name().equals(c.recommendedB()) ? " class=\"top\"" : "").append(" data-candidate=\"")
                    .append(esc(d.name())).append("\"><td>").append(esc(d.name())).append("</td><td class=\"n\">").append(score(d.scoreA()))
                    .append("</td><td class=\"n\">").append(score(d.scoreB())).append("</td><td class=\"n delta ").append(direction)
                    .append("\">").append(signed(d.delta(), 3)).append("</td><td class=\"n p-value\">").append(p(d.pValue()))
                    .append("</td><td>").append(d.pValue() == null ? "<span class=\"muted\">not tested</span>" : d.significant()
                            ? "<span class=\"sig\">significant (p &lt; " + RunComparison.SIGNIFICANCE + ")</span>" : "not significant")
                    .append("</td><td class=\"n\">").append(d.onlyARight() == null ? "–" : d.onlyARight())
                    .append("</td><td class=\"n\">").append(d.onlyBRight() == null ? "–" : d.onlyBRight())
                    .append("</td><td class=\"n\">").append(money(d.monthlyCostA())).append("</td><td class=\"n\">")
                    .append(money(d.monthlyCostB())).append("</td><td class=\"n\">")
                    .append(d.monthlyCostDelta() == null ? "–" : (d.monthlyCostDelta() >= 0 ? "+" : "−")
                            + money(Math.abs(d.monthlyCostDelta())))
                    .append("</td></tr>");
        }
        h.append("</table></div>");
        if (!c.onlyInA().isEmpty()) h.append("<p>Only in A: ").append(esc(String.join(", ", c.onlyInA()))).append("</p>");
        if (!c.onlyInB().isEmpty()) h.append("<p>Only in B: ").append(esc(String.join(", ", c.onlyInB()))).append("</p>");
        if (c.sameTestSet()) changedExamples(h, a, b, c);

        h.append("<h2>Config (A → B)</h2>").append(c.configDiff().isEmpty() ? "<p id=\"config-diff\">The same.</p>"
                : DashboardPage.diff(c.configDiff()).replaceFirst("<pre class=\"diff\">", "<pre class=\"diff\" id=\"config-diff\">"));
        for (RunComparison.PromptChange p : c.promptChanges()) {
            h.append("<h3>Prompt of ").append(esc(p.candidate())).append(": <code>").append(shortHash(p.sha256A()))
                    .append("</code> → <code>").append(shortHash(p.sha256B())).append("</code></h3>")
                    .append(p.diff().isEmpty() ? "<p class=\"muted\">A text is unknown (only its hash is stored).</p>" : DashboardPage.diff(p.diff()));
        }
        return DashboardPage.page("Compare " + c.a() + " and " + c.b(), h.toString());
    }

    /**
     * Per matched candidate, recommended first, the test examples it answers differently in the two runs (at most
     * {@value #EXAMPLES} each); candidates that answer alike are named in one line.
     */
    private static void changedExamples(StringBuilder h, RecordedRun a, RecordedRun b, RunComparison c) {
        List<String> names = c.candidates().stream().map(RunComparison.CandidateDelta::name)
                .sorted(Comparator.comparing((String n) -> !n.equals(c.recommendedB()))).toList();
        List<String> alike = new ArrayList<>();
        StringBuilder tables = new StringBuilder();
        for (String name : names) {
            List<Prediction> pa = a.candidate(name).predictions();
            List<Prediction> pb = b.candidate(name).predictions();
            if (pa.isEmpty() || pa.size() != pb.size()) continue;
            StringBuilder rows = new StringBuilder();
            int changed = 0;
            for (int i = 0; i < pa.size(); i++) {
                Prediction x = pa.get(i);
                Prediction y = pb.get(i);
                if (x.predicted() != null && x.predicted().equals(y.predicted())) continue;
                if (++changed > EXAMPLES) continue;
                rows.append("<tr><td class=\"n\">").append(x.index()).append("</td><td>").append(esc(x.gold())).append("</td><td>")
                        .append(esc(x.predicted())).append(mark(x.correct())).append("</td><td>").append(esc(y.predicted()))
                        .append(mark(y.correct())).append("</td></tr>");
            }
            if (changed == 0) {
                alike.add(name);
                continue;
            }
            tables.append("<h3>").append(esc(name)).append(": ").append(changed).append(" of ").append(pa.size())
                    .append(" test examples").append(changed > EXAMPLES ? ", the first " + EXAMPLES + " shown" : "")
                    .append("</h3><div class=\"wide\"><table class=\"changed\" data-candidate=\"").append(esc(name))
                    .append("\"><tr><th>#</th><th>Gold</th><th>A</th><th>B</th></tr>").append(rows).append("</table></div>");
        }
        if (alike.isEmpty() && tables.isEmpty()) return;
        h.append("<h2 id=\"changed\">Examples answered differently</h2>").append(tables);
        if (!alike.isEmpty()) {
            h.append("<p>The same answer on every test example in both runs: ").append(esc(String.join(", ", alike))).append(".</p>");
        }
    }

    private static String mark(Boolean correct) {
        return correct == null ? "" : correct ? " <span class=\"better\">✓</span>" : " <span class=\"worse\">✗</span>";
    }

    private static String p(Double value) {
        if (value == null) return "–";
        return value < 1e-4 ? String.format(Locale.ROOT, "%.1e", value) : String.format(Locale.ROOT, "%.4f", value);
    }

    private static void side(StringBuilder h, String name, RecordedRun a, RecordedRun b, Function<RecordedRun, String> cell) {
        h.append("<tr><th>").append(esc(name)).append("</th><td>").append(cell.apply(a)).append("</td><td>").append(cell.apply(b))
                .append("</td></tr>");
    }
}
