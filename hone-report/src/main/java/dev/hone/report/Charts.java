package dev.hone.report;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/** Small inline SVG charts: scatter and line plots with labelled axes (the report's, and the dashboard's history). */
public final class Charts {
    // Twelve distinct hues: a run with more candidates than colours would draw two lines alike.
    static final String[] COLOURS = {"#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2", "#db2777",
        "#65a30d", "#78350f", "#1f2937", "#ea580c", "#4f46e5"};
    private static final int W = 560;
    private static final int H = 300;
    private static final int PAD = 50;

    private Charts() {
    }

    /** A named series of points, each {x, y}. */
    public record Series(String name, List<double[]> points) {
    }

    /** Line chart (or scatter when {@code lines} is false) with optional point markers named in a legend. */
    static String plot(String title, String xLabel, String yLabel, List<Series> series, boolean lines, boolean logX) {
        return plot(title, xLabel, yLabel, series, lines, logX, null);
    }

    /**
     * Line chart whose x ticks are written by {@code xTick} (a date for a time axis, say); the x values themselves are plotted
     * on a linear scale.
     */
    public static String plot(String title, String xLabel, String yLabel, List<Series> series, DoubleFunction<String> xTick) {
        return plot(title, xLabel, yLabel, series, true, false, xTick);
    }

    private static String plot(String title, String xLabel, String yLabel, List<Series> series, boolean lines, boolean logX,
                               DoubleFunction<String> xTick) {
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Series s : series) {
            for (double[] p : s.points()) {
                double x = logX ? Math.log10(Math.max(p[0], 1)) : p[0];
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        if (minX == Double.MAX_VALUE) {
            return "<p class=\"muted\">No data for " + Html.esc(title) + ".</p>";
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        if (maxY - minY <= 1e-9) {
            // A flat line (one run, or the same score twice) gets a band around its value, so its ticks differ.
            double band = Math.max(Math.abs(maxY) * 0.05, 0.01);
            minY -= band;
            maxY += band;
        }
        double spanY = maxY - minY;
        minY -= spanY * 0.05;
        maxY += spanY * 0.05;
        // Enough decimals that the five ticks read differently: two for a score, none past 10 (as before), more for a narrow band.
        int decimalsY = maxY > 10 ? 0 : Math.max(2, Math.min(4, (int) Math.ceil(-Math.log10((maxY - minY) / 4))));
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 %d %d\" width=\"%d\" "
                + "height=\"%d\"><title>%s</title>", W + 140, H, W + 140, H, Html.esc(title)));
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>",
                PAD, H - PAD, W, H - PAD));
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"20\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>",
                PAD, PAD, H - PAD));
        for (int t = 0; t <= 4; t++) {
            double fx = minX + (maxX - minX) * t / 4;
            double fy = minY + (maxY - minY) * t / 4;
            String xt = xTick != null ? xTick.apply(fx)
                    : logX ? String.format(Locale.ROOT, "%,.0f", Math.pow(10, fx)) : Html.num(fx, fx > 10 ? 0 : 2);
            b.append(text(PAD + (W - PAD - 20) * t / 4.0, H - PAD + 16, xt, "middle"));
            b.append(text(PAD - 6, y(fy, minY, maxY) + 4, Html.num(fy, decimalsY), "end"));
        }
        b.append(text((PAD + W) / 2.0, H - 8, xLabel, "middle"));
        b.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" "
                + "text-anchor=\"middle\" class=\"axis\">%s</text>", H / 2, H / 2, Html.esc(yLabel)));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder path = new StringBuilder();
            for (double[] p : s.points()) {
                double px = PAD + ((logX ? Math.log10(Math.max(p[0], 1)) : p[0]) - minX) / (maxX - minX) * (W - PAD - 20);
                double py = y(p[1], minY, maxY);
                path.append(path.isEmpty() ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f ", px, py));
                if (!lines || s.points().size() <= 12) {
                    b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\">"
                            + "<title>%s</title></circle>", px, py, colour, Html.esc(s.name())));
                }
            }
            if (lines) {
                b.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(colour)
                        .append("\" stroke-width=\"2\"/>");
            }
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>",
                    W + 12, 24 + i * 18, colour));
            b.append(text(W + 26, 33 + i * 18, s.name(), "start"));
        }
        return b.append("</svg>").toString();
    }

    private static double y(double v, double minY, double maxY) {
        return (H - PAD) - (v - minY) / (maxY - minY) * (H - PAD - 20);
    }

    private static String text(double x, double y, String s, String anchor) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"axis\">%s</text>",
                x, y, anchor, Html.esc(s));
    }
}
