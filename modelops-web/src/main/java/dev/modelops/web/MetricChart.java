package dev.modelops.web;

import java.util.List;
import java.util.Locale;

/**
 * One metric across a model's versions as a small inline SVG line chart: a point per evaluated
 * version (hover shows the value), the y axis scaled to the values seen, versions on the x axis.
 * Inline SVG needs no chart library and no network, and renders in a static report as well.
 */
public final class MetricChart {
    static final int W = 380;
    static final int H = 190;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int BOTTOM = 34;

    private MetricChart() {
    }

    /**
     * A value of one version.
     *
     * @param version the model version
     * @param value the metric's value, or null when that version was not evaluated
     */
    public record Point(int version, Double value) {
    }

    public static String svg(String metric, List<Point> points) {
        List<Point> measured = points.stream().filter(p -> p.value() != null).toList();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg class=\"metric-chart\" data-metric=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s by version\">",
                Html.esc(metric), W, H, W, H, Html.esc(metric)));
        sb.append(String.format(Locale.ROOT, "<text class=\"chart-title\" x=\"%d\" y=\"18\">%s</text>", LEFT,
                Html.esc(metric)));
        if (measured.isEmpty()) {
            sb.append("<text class=\"chart-empty\" x=\"").append(LEFT).append("\" y=\"90\">not measured</text></svg>");
            return sb.toString();
        }
        double min = measured.stream().mapToDouble(Point::value).min().orElse(0);
        double max = measured.stream().mapToDouble(Point::value).max().orElse(1);
        if (max - min < 1e-9) {
            double pad = Math.abs(max) < 1e-9 ? 1 : Math.abs(max) * 0.05;
            min -= pad;
            max += pad;
        } else {
            double pad = (max - min) * 0.1;
            min -= pad;
            max += pad;
        }
        int first = points.get(0).version();
        int last = points.get(points.size() - 1).version();
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        // axes and y ticks
        sb.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LEFT, TOP,
                LEFT, TOP + plotH));
        sb.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LEFT,
                TOP + plotH, LEFT + plotW, TOP + plotH));
        for (int i = 0; i <= 4; i++) {
            double v = min + (max - min) * i / 4;
            double y = TOP + plotH - plotH * i / 4.0;
            sb.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
                    LEFT, y, LEFT + plotW, y));
            sb.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    LEFT - 6, y + 4, Html.esc(tick(v, max - min))));
        }
        StringBuilder line = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        int labelEvery = Math.max(1, points.size() / 8);
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            double x = LEFT + (last == first ? plotW / 2.0 : plotW * (p.version() - first) / (double) (last - first));
            if (i % labelEvery == 0 || i == points.size() - 1) {
                sb.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">v%d</text>",
                        x, TOP + plotH + 18, p.version()));
            }
            if (p.value() == null) {
                continue;
            }
            double y = TOP + plotH - plotH * (p.value() - min) / (max - min);
            line.append(line.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
            dots.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" data-version=\"%d\">"
                    + "<title>v%d: %s</title></circle>", x, y, p.version(), p.version(), Html.esc(Html.num(p.value()))));
        }
        sb.append("<polyline class=\"series\" fill=\"none\" points=\"").append(line).append("\"/>");
        sb.append(dots);
        sb.append("</svg>");
        return sb.toString();
    }

    /** Enough decimals that the five ticks of the axis read differently. */
    private static String tick(double v, double range) {
        int decimals = (int) Math.max(0, Math.min(6, Math.ceil(-Math.log10(range / 4))));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
