package dev.modelops.drift.report;

import static dev.modelops.core.report.Html.esc;

import dev.modelops.drift.check.ColumnDrift;
import dev.modelops.drift.check.DomainResult;
import dev.modelops.drift.check.DriftReport;
import dev.modelops.drift.check.PerformanceResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a drift report as one self-contained HTML page (inline CSS and SVG, no scripts, no
 * network), to archive beside a Jenkins build: the verdict and its reasons, a table of every
 * column's statistics, the domain classifier and performance checks, and for each drifted column
 * its reference and current histograms overlaid, so a reader sees what moved.
 */
public final class HtmlReport {
    private static final String REF_COLOUR = "#4e79a7";
    private static final String CUR_COLOUR = "#f28e2b";

    private HtmlReport() {
    }

    public static String render(DriftReport r) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Drift: ")
                .append(esc(r.model())).append(" @v").append(r.modelVersion()).append(" vs ").append(esc(r.batch().name()))
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:72em}")
                .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 8px;")
                .append("text-align:right;font-size:0.9em}th{background:#f4f4f4}td.l,th.l{text-align:left}td.l:last-child{min-width:18em}")
                .append(".drift{background:#fde2e1}.skip{color:#888}.badge{display:inline-block;padding:4px 10px;")
                .append("border-radius:4px;color:#fff;font-weight:bold}.yes{background:#c0392b}.no{background:#27ae60}")
                .append("figure{display:inline-block;margin:0 1em 1em 0}figcaption{font-size:0.9em}")
                .append("\n</style></head><body>\n");
        h.append("<h1>Drift report: ").append(esc(r.model())).append(" @v").append(r.modelVersion()).append("</h1>\n");
        h.append("<p><span class=\"badge ").append(r.drift() ? "yes\">DRIFT" : "no\">NO DRIFT").append("</span></p>\n<ul>\n");
        for (String reason : r.reasons()) {
            h.append("<li>").append(esc(reason)).append("</li>\n");
        }
        h.append("</ul>\n<table>\n");
        row(h, "batch", r.batch().name() + " (" + r.batch().rows() + " rows" + (r.batch().labelled() ? ", labelled" : "") + ")");
        row(h, "batch sha256", r.batch().sha256());
        row(h, "reference", r.referenceRows() + " training rows of " + r.model() + "@v" + r.modelVersion()
                + (r.profileId() == null ? "" : ", profile " + r.profileId().substring(0, 12)));
        row(h, "settings", settingsLine(r.settings()));
        h.append("</table>\n");

        if (!r.features().isEmpty()) {
            h.append("<h2>Features</h2>\n");
            if (r.datasetDrift() != null) {
                DriftReport.DatasetDrift d = r.datasetDrift();
                h.append(String.format(Locale.ROOT, "<p>%d of %d features drifted (%.0f%%); the dataset drifts at %.0f%%: %s.</p>%n",
                        d.drifted(), d.judged(), 100 * d.share(), 100 * d.threshold(), d.drift() ? "<b>dataset drift</b>" : "no dataset drift"));
            }
            columnTable(h, r.features());
        }
        if (!r.prediction().isEmpty()) {
            h.append("<h2>Predictions</h2>\n");
            columnTable(h, r.prediction());
        }
        if (r.label() != null) {
            h.append("<h2>Label</h2>\n");
            columnTable(h, List.of(r.label()));
        }
        DomainResult dom = r.domain();
        if (dom != null) {
            h.append("<h2>Domain classifier</h2>\n<p>").append(esc(dom.reason())).append("</p>\n");
            if (dom.skipped() == null) {
                h.append("<table><tr><th class=\"l\">feature</th><th>AUC lost when shuffled</th></tr>\n");
                for (DomainResult.Driver d : dom.drivers()) {
                    h.append("<tr><td class=\"l\">").append(esc(d.feature())).append("</td><td>")
                            .append(String.format(Locale.ROOT, "%.4f", d.importance())).append("</td></tr>\n");
                }
                h.append("</table>\n");
            }
        }
        PerformanceResult perf = r.performance();
        if (perf != null) {
            h.append("<h2>Performance</h2>\n<p>").append(esc(perf.reason())).append("</p>\n");
            if (perf.skipped() == null) {
                h.append("<table><tr><th class=\"l\">metric</th><th>recorded</th><th>current</th><th>change</th>"
                        + "<th>standard error</th></tr>\n");
                for (PerformanceResult.MetricChange m : perf.metrics()) {
                    h.append("<tr").append(m.degraded() ? " class=\"drift\"" : "").append("><td class=\"l\">")
                            .append(esc(m.metric())).append(String.format(Locale.ROOT,
                                    "</td><td>%.4f</td><td>%.4f</td><td>%+.4f</td><td>%.4f</td></tr>%n", m.recorded(), m.current(), m.change(),
                                    m.standardError()));
                }
                h.append("</table>\n");
            }
        }
        List<ColumnDrift> all = new ArrayList<>(r.features());
        all.addAll(r.prediction());
        if (r.label() != null) {
            all.add(r.label());
        }
        List<ColumnDrift> drifted = all.stream().filter(c -> c.drift() && c.histogram() != null).toList();
        h.append("<h2>Drifted columns</h2>\n");
        if (drifted.isEmpty()) {
            h.append("<p>No column drifted.</p>\n");
        }
        for (ColumnDrift c : drifted) {
            h.append(figure(c));
        }
        List<ColumnDrift> others = all.stream().filter(c -> !c.drift() && c.histogram() != null).toList();
        if (!others.isEmpty()) {
            h.append("<details><summary>Histograms of the other columns</summary>\n");
            for (ColumnDrift c : others) {
                h.append(figure(c));
            }
            h.append("</details>\n");
        }
        h.append("<p class=\"skip\">Reference in <span style=\"color:").append(REF_COLOUR)
                .append("\">blue</span>, current in <span style=\"color:").append(CUR_COLOUR)
                .append("\">orange</span>; bars are shares of non-missing values.</p>\n</body></html>\n");
        return h.toString();
    }

    private static void columnTable(StringBuilder h, List<ColumnDrift> columns) {
        h.append("<table><tr><th class=\"l\">column</th><th class=\"l\">type</th><th class=\"l\">test</th>")
                .append("<th>statistic</th><th>threshold</th><th>effect</th><th>p-value</th><th>PSI</th>")
                .append("<th>KS D</th><th>ref mean</th><th>cur mean</th><th>missing (cur)</th><th class=\"l\">verdict</th></tr>\n");
        for (ColumnDrift c : columns) {
            h.append("<tr").append(c.drift() ? " class=\"drift\"" : c.skipped() != null ? " class=\"skip\"" : "").append(">")
                    .append("<td class=\"l\">").append(esc(c.column())).append("</td><td class=\"l\">").append(esc(c.type()))
                    .append("</td><td class=\"l\">").append(esc(c.method() == null ? "-" : c.method())).append("</td>")
                    .append(td(c.statistic())).append(td(c.threshold())).append(td(c.effect())).append(td(c.pValue()))
                    .append(td(c.psi())).append(td(c.ksStatistic())).append(td(c.referenceMean())).append(td(c.currentMean()))
                    .append(String.format(Locale.ROOT, "<td>%.1f%%</td>", 100 * c.currentMissingShare()))
                    .append("<td class=\"l\">").append(c.drift() ? "<b>drift</b>: " : "").append(esc(c.reason()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** An SVG of the reference and current shares overlaid, bin by bin. */
    static String figure(ColumnDrift c) {
        ColumnDrift.Histogram hist = c.histogram();
        int bins = hist.labels().size();
        double max = 0;
        for (int k = 0; k < bins; k++) {
            max = Math.max(max, Math.max(hist.reference().get(k), hist.current().get(k)));
        }
        max = max <= 0 ? 1 : max;
        int width = 560;
        int height = 230;
        int left = 46;
        int bottom = 70;
        int top = 10;
        double plotW = width - left - 10;
        double plotH = height - bottom - top;
        double bw = plotW / bins;
        StringBuilder s = new StringBuilder();
        s.append("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" role=\"img\" aria-label=\"histogram of ").append(esc(c.column())).append("\">\n");
        for (int t = 0; t <= 4; t++) {
            double v = max * t / 4;
            double y = top + plotH - plotH * t / 4;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%.0f%%</text>%n",
                    left, width - 10, y, y, left - 4, y + 3, 100 * v));
        }
        for (int k = 0; k < bins; k++) {
            double x = left + k * bw;
            double rh = plotH * hist.reference().get(k) / max;
            double ch = plotH * hist.current().get(k) / max;
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
                            + "fill-opacity=\"0.55\"><title>reference %.2f%%</title></rect>%n", x + 1, top + plotH - rh,
                    bw - 2, rh, REF_COLOUR, 100 * hist.reference().get(k)));
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
                            + "fill-opacity=\"0.55\"><title>current %.2f%%</title></rect>%n", x + 1, top + plotH - ch,
                    bw - 2, ch, CUR_COLOUR, 100 * hist.current().get(k)));
            double lx = x + bw / 2;
            double ly = top + plotH + 12;
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" text-anchor=\"end\" "
                    + "transform=\"rotate(-35 %.1f %.1f)\">%s</text>%n", lx, ly, lx, ly, esc(shorten(hist.labels().get(k)))));
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#444\"/>%n", left,
                width - 10, top + plotH, top + plotH));
        s.append("</svg><figcaption><b>").append(esc(c.column())).append("</b> (").append(esc(c.role())).append("): ")
                .append(esc(c.reason())).append("</figcaption></figure>\n");
        return s.toString();
    }

    private static String shorten(String label) {
        return label.length() > 18 ? label.substring(0, 17) + "\u2026" : label;
    }

    private static String settingsLine(Map<String, Object> settings) {
        StringBuilder sb = new StringBuilder();
        settings.forEach((k, v) -> {
            if (!(v instanceof Map<?, ?> m && m.isEmpty())) {
                sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v);
            }
        });
        return sb.toString();
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><th class=\"l\">").append(esc(name)).append("</th><td class=\"l\">").append(esc(value)).append("</td></tr>\n");
    }

    private static String td(Double d) {
        if (d == null) {
            return "<td>-</td>";
        }
        double a = Math.abs(d);
        return "<td>" + (a != 0 && (a < 0.001 || a >= 1e6) ? String.format(Locale.ROOT, "%.2e", d)
                : String.format(Locale.ROOT, "%.4f", d)) + "</td>";
    }

}
