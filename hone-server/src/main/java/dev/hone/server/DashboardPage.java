package dev.hone.server;

import static dev.hone.report.Html.esc;

import dev.hone.report.Html;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The frame every dashboard page shares (the report's style sheet, a few rules of its own, the
 * navigation) and the formatting of its figures. Pages are plain HTML: no scripts, no external
 * assets; every text from the store goes through {@link Html#esc}.
 */
final class DashboardPage {
    /** The report's look, plus what the dashboard adds: diffs, the compare form, side-by-side columns. */
    private static final String STYLE = Html.STYLE + "nav{margin-bottom:1em}nav a{margin-right:1em}a{color:#2563eb}"
            + "pre{background:#f9fafb;border:1px solid #e5e7eb;padding:.6em;overflow-x:auto;font-size:12px;white-space:pre-wrap}"
            + ".add{background:#ecfdf5;color:#065f46}.del{background:#fef2f2;color:#991b1b}.hunk{color:#6b7280}"
            + ".sig{color:#991b1b;font-weight:600}.better{color:#065f46}.worse{color:#991b1b}"
            + ".warn{background:#fffbeb;border-left:4px solid #d97706;padding:.6em 1em}form.inline{display:inline}"
            + "th a{color:inherit;text-decoration:none}th a:hover{text-decoration:underline}";

    private DashboardPage() {
    }

    /** A whole page: {@code title} (plain text, escaped here) and {@code body} (HTML, escaped by its writer). */
    static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + " · Hone</title><style>" + STYLE
                + "</style></head><body><nav><a href=\"/\">Runs</a></nav>" + body
                + "<p class=\"muted\">Hone run history · JSON: <a href=\"/api/runs\">/api/runs</a></p></body></html>";
    }

    /** A query parameter's value, encoded. */
    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String runLink(String id) {
        return "<a href=\"/run?id=" + esc(query(id)) + "\">" + esc(id) + "</a>";
    }

    static String taskLink(String task) {
        return "<a href=\"/task?name=" + esc(query(task)) + "\">" + esc(task) + "</a>";
    }

    static String compareHref(String a, String b) {
        return "/compare?a=" + esc(query(a)) + "&amp;b=" + esc(query(b));
    }

    static String score(Double value) {
        return value == null ? "–" : Html.num(value, 3);
    }

    static String money(Double usd) {
        if (usd == null) return "–";
        return Math.abs(usd) >= 100 ? String.format(Locale.ROOT, "$%,.0f", usd) : String.format(Locale.ROOT, "$%.2f", usd);
    }

    static String signed(Double value, int decimals) {
        return value == null ? "–" : String.format(Locale.ROOT, "%+." + decimals + "f", value);
    }

    /** An ISO time as {@code 2026-12-06 10:35:12} (UTC). */
    static String time(String iso) {
        if (iso == null) return "–";
        String plain = iso.replace('T', ' ').replace("Z", "");
        return esc(plain.length() > 19 ? plain.substring(0, 19) : plain);
    }

    static String shortHash(String sha256) {
        return sha256 == null ? "–" : esc(sha256.length() > 12 ? sha256.substring(0, 12) : sha256);
    }

    /** A unified diff as preformatted lines, additions and removals marked. */
    static String diff(String unified) {
        StringBuilder b = new StringBuilder("<pre class=\"diff\">");
        for (String line : unified.split("\n", -1)) {
            if (line.isEmpty()) continue;
            String style = line.startsWith("@@") ? "hunk" : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : null;
            b.append(style == null ? "<span>" : "<span class=\"" + style + "\">").append(esc(line)).append("</span>\n");
        }
        return b.append("</pre>").toString();
    }
}
