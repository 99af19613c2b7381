package dev.hone.report;

import java.util.Locale;

/**
 * HTML text escaping, number formatting and the style sheet of Hone's pages: the report, and the
 * dashboard ({@code hone ui}) that shows runs in the same look.
 */
public final class Html {
    /** The report's style sheet, inlined in every page (no external assets). */
    public static final String STYLE = "body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2em auto;"
            + "padding:0 1em;color:#1f2937}h1{margin-bottom:0}h2{border-bottom:1px solid #e5e7eb;padding-bottom:.2em;"
            + "margin-top:2em}table{border-collapse:collapse;width:100%;font-size:13px}.wide{overflow-x:auto}th,td{padding:4px 8px;"
            + "border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top}td.n{text-align:right;"
            + "font-variant-numeric:tabular-nums}.rec{background:#ecfdf5;border-left:4px solid #059669;padding:1em}"
            + ".none{background:#fef2f2;border-left-color:#dc2626}.muted{color:#6b7280}.axis{font-size:11px;"
            + "fill:#374151}tr.top{background:#f0fdf4;font-weight:600}.chart{max-width:100%;height:auto}";

    private Html() {
    }

    /** Escapes text for element content and quoted attribute values. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    public static String num(double v, int decimals) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A figure the file may lack, as NaN when it does (shown as –). */
    static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }

    /** A figure the file may lack, as 0 when it does (how the report has always shown an unmeasured latency). */
    static double orZero(Double v) {
        return v == null ? 0 : v;
    }

    /** Unescaped text that may be absent, as the empty string. */
    static String text(String s) {
        return s == null ? "" : s;
    }
}
