package dev.hone.report;

import java.util.Locale;

/** HTML text escaping and number formatting for the report. */
final class Html {
    private Html() {
    }

    /** Escapes text for element content and quoted attribute values. */
    static String esc(String s) {
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

    static String num(double v, int decimals) {
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
