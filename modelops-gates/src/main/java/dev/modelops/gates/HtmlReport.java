package dev.modelops.gates;

import static dev.modelops.core.report.Html.esc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The gate report as one self-contained HTML page (inline CSS and SVG, no scripts, no external
 * files, so Jenkins can archive and serve it as is): the verdict, every check with its value,
 * threshold and reason, a chart per numeric check (the value against its acceptable band), and
 * the fairness breakdown per protected attribute as a table and a bar chart of selection rates.
 * The markup is well-formed XML, which the tests use to check it.
 */
final class HtmlReport {
    private static final int WIDTH = 560;
    private static final int BAR_HEIGHT = 18;

    private HtmlReport() {
    }

    static String render(GateReport r) {
        StringBuilder h = new StringBuilder(16_384);
        String subject = r.subject();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
                .append(esc("Gate " + r.status() + ": " + subject)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}")
                .append("th{background:#f3f3f3}.PASS{color:#1a7f37;font-weight:bold}.WARN,.INCONCLUSIVE{color:#9a6700;font-weight:bold}")
                .append(".FAIL{color:#cf222e;font-weight:bold}.badge{font-size:1.4em;padding:2px 10px;border-radius:4px;color:#fff}")
                .append(".bPASS{background:#1a7f37}.bWARN{background:#9a6700}.bFAIL{background:#cf222e}td.num{text-align:right;font-variant-numeric:tabular-nums}")
                .append("figure{margin:1em 0}figcaption{font-size:.9em;color:#555}\n</style>\n</head>\n<body>\n");
        h.append("<h1>Quality gate <span class=\"badge b").append(r.status().effective()).append("\">")
                .append(r.status()).append("</span></h1>\n");
        h.append("<p>").append(esc(r.summary())).append("</p>\n<table>\n");
        row(h, "gate", r.gate());
        row(h, "model version", r.modelVersion());
        row(h, "environment", r.env());
        row(h, "champion", r.champion());
        row(h, "dataset", r.dataset() + (r.datasetSha256() == null ? "" : " (sha256 " + r.datasetSha256() + ")"));
        row(h, "metrics", r.metricsSource());
        row(h, "run", r.runId());
        row(h, "lineage verdict", r.verdictId());
        h.append("</table>\n");

        h.append("<h2>Checks</h2>\n<table>\n<tr><th>status</th><th>section</th><th>check</th><th>value</th><th>threshold</th><th>reason</th></tr>\n");
        for (CheckResult c : r.checks()) {
            h.append("<tr><td class=\"").append(c.status()).append("\">").append(c.status()).append("</td><td>")
                    .append(esc(c.section())).append("</td><td>").append(esc(c.check())).append("</td><td class=\"num\">")
                    .append(c.value() == null ? "n/a" : Numbers.fixed(c.value())).append("</td><td>").append(esc(c.threshold()))
                    .append("</td><td>").append(esc(c.reason())).append("</td></tr>\n");
        }
        h.append("</table>\n");

        List<CheckResult> charted = r.checks().stream().filter(c -> c.value() != null && (c.low() != null || c.high() != null)).toList();
        if (!charted.isEmpty()) {
            h.append("<h2>Values against thresholds</h2>\n");
            for (CheckResult c : charted) {
                h.append("<figure>\n").append(thresholdChart(c)).append("<figcaption>").append(esc(c.qualifiedName()))
                        .append(": ").append(Numbers.fixed(c.value())).append(", acceptable ").append(esc(c.threshold()))
                        .append("</figcaption>\n</figure>\n");
            }
        }
        if (!r.championMetrics().isEmpty() && r.champion() != null) {
            h.append("<h2>Candidate and champion</h2>\n<table>\n<tr><th>metric</th><th>").append(esc(String.valueOf(r.modelVersion())))
                    .append("</th><th>champion ").append(esc(r.champion())).append("</th></tr>\n");
            for (String m : r.championMetrics().keySet()) {
                h.append("<tr><td>").append(esc(m)).append("</td><td class=\"num\">").append(num(r.metrics().get(m)))
                        .append("</td><td class=\"num\">").append(num(r.championMetrics().get(m))).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        for (FairnessReport f : r.fairness()) {
            fairness(h, f);
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void fairness(StringBuilder h, FairnessReport f) {
        h.append("<h2>Fairness by ").append(esc(f.attribute())).append("</h2>\n<p>Privileged: ")
                .append(esc(String.join(", ", f.privileged()))).append("; favourable outcome: ").append(esc(f.favorable()))
                .append("; groups smaller than ").append(f.minGroupSize()).append(" rows are inconclusive")
                .append(f.missingAttribute() > 0 ? "; " + f.missingAttribute() + " rows have no " + esc(f.attribute()) + " and are excluded" : "")
                .append(". Each group's disparate impact and parity difference are against the privileged pool.</p>\n");
        h.append("<table>\n<tr><th>group</th><th>role</th><th>rows</th><th>predicted favourable</th><th>actual positives</th>")
                .append("<th>selection rate</th><th>TPR</th><th>FPR</th><th>disparate impact</th><th>statistical parity diff.</th>")
                .append("<th>equal opportunity diff.</th><th>average odds diff.</th></tr>\n");
        List<GroupStats> rows = new ArrayList<>(f.groups());
        rows.add(f.unprivilegedPool());
        rows.add(f.privilegedPool());
        for (GroupStats g : rows) {
            boolean pool = g == f.unprivilegedPool() || g == f.privilegedPool();
            h.append("<tr><td>").append(pool ? "<em>" + esc("all " + g.group()) + "</em>" : esc(g.group())).append("</td><td>")
                    .append(esc(g.role())).append("</td><td class=\"num\">").append(g.size()).append("</td><td class=\"num\">")
                    .append(g.predictedFavorable()).append("</td><td class=\"num\">").append(g.actualPositives())
                    .append("</td><td class=\"num\">").append(num(g.selectionRate())).append("</td><td class=\"num\">")
                    .append(num(g.truePositiveRate())).append("</td><td class=\"num\">").append(num(g.falsePositiveRate()))
                    .append("</td><td class=\"num\">").append(num(g.disparateImpact())).append("</td><td class=\"num\">")
                    .append(num(g.statisticalParityDifference())).append("</td><td class=\"num\">")
                    .append(num(g.equalOpportunityDifference())).append("</td><td class=\"num\">")
                    .append(num(g.averageOddsDifference())).append("</td></tr>\n");
        }
        h.append("</table>\n<table>\n<tr><th>metric (unprivileged vs privileged)</th><th>value</th><th>note</th></tr>\n");
        f.metrics().forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td class=\"num\">").append(num(v))
                .append("</td><td>").append(esc(f.inconclusive().getOrDefault(k, ""))).append("</td></tr>\n"));
        h.append("</table>\n<figure>\n").append(selectionChart(f)).append("<figcaption>Selection rate (share predicted ")
                .append(esc(f.favorable())).append(") per ").append(esc(f.attribute()))
                .append("; the dashed line is 0.8 × the privileged rate (the four-fifths rule)</figcaption>\n</figure>\n");
    }

    /** A horizontal bar of the value on an axis, the acceptable band shaded and the bounds marked. */
    private static String thresholdChart(CheckResult c) {
        double v = c.value();
        double lo = Math.min(0, Math.min(v, c.low() == null ? v : c.low()));
        double hi = Math.max(v, c.high() == null ? (c.low() == null ? v : c.low()) : c.high());
        if (lo >= 0 && hi <= 1 && v >= 0) {
            hi = 1;
        }
        double span = hi - lo;
        if (span <= 0) {
            span = Math.max(1, Math.abs(hi));
        }
        lo -= span * 0.05;
        hi += span * 0.05;
        int left = 10;
        int plot = WIDTH - 2 * left;
        double from = lo;
        double to = hi;
        java.util.function.DoubleUnaryOperator x = d -> left + (d - from) / (to - from) * plot;
        StringBuilder s = new StringBuilder();
        int height = 50;
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"").append(esc(c.qualifiedName())).append("\">\n");
        double bandFrom = c.low() == null ? lo : c.low();
        double bandTo = c.high() == null ? hi : c.high();
        s.append(rect(x.applyAsDouble(bandFrom), 4, x.applyAsDouble(bandTo) - x.applyAsDouble(bandFrom), 26, "#1a7f37", 0.15));
        String colour = switch (c.status()) {
            case PASS -> "#1a7f37";
            case FAIL -> "#cf222e";
            default -> "#9a6700";
        };
        double zero = x.applyAsDouble(Math.max(lo, Math.min(0, hi)));
        double xv = x.applyAsDouble(v);
        s.append(rect(Math.min(zero, xv), 10, Math.abs(xv - zero), 14, colour, 1));
        for (Double b : new Double[] {c.low(), c.high()}) {
            if (b != null) {
                s.append("<line x1=\"").append(f(x.applyAsDouble(b))).append("\" y1=\"2\" x2=\"").append(f(x.applyAsDouble(b)))
                        .append("\" y2=\"32\" stroke=\"#222\" stroke-width=\"2\"/>\n");
                s.append(text(x.applyAsDouble(b), 44, Numbers.fixed(b), "middle"));
            }
        }
        s.append(text(Math.min(Math.max(xv, zero) + 4, WIDTH - 60), 22, Numbers.fixed(v), "start"));
        s.append("</svg>\n");
        return s.toString();
    }

    /** Vertical bars of each group's selection rate with the four-fifths line. */
    private static String selectionChart(FairnessReport f) {
        List<GroupStats> groups = f.groups();
        int bars = Math.max(1, groups.size());
        int height = 40 + bars * (BAR_HEIGHT + 10);
        int labelWidth = 140;
        int plot = WIDTH - labelWidth - 140;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"selection rate by ").append(esc(f.attribute())).append("\">\n");
        int y = 10;
        for (GroupStats g : groups) {
            double rate = g.selectionRate() == null ? 0 : g.selectionRate();
            String colour = "privileged".equals(g.role()) ? "#0969da" : "excluded".equals(g.role()) ? "#999" : "#8250df";
            s.append(text(labelWidth - 6, y + 13, g.group() + " (" + g.size() + ")", "end"));
            s.append(rect(labelWidth, y, rate * plot, BAR_HEIGHT, colour, 1));
            s.append(text(labelWidth + rate * plot + 4, y + 13, g.selectionRate() == null ? "n/a" : Numbers.fixed(rate)
                    + (g.disparateImpact() == null || "privileged".equals(g.role()) ? "" : "  DI " + Numbers.fixed(g.disparateImpact())),
                    "start"));
            y += BAR_HEIGHT + 10;
        }
        Double priv = f.privilegedPool().selectionRate();
        if (priv != null) {
            double xl = labelWidth + 0.8 * priv * plot;
            s.append("<line x1=\"").append(f(xl)).append("\" y1=\"4\" x2=\"").append(f(xl)).append("\" y2=\"").append(y)
                    .append("\" stroke=\"#cf222e\" stroke-dasharray=\"4 3\"/>\n");
            s.append(text(xl, y + 14, "0.8 × " + Numbers.fixed(priv), "middle"));
        }
        s.append("<line x1=\"").append(labelWidth).append("\" y1=\"4\" x2=\"").append(labelWidth).append("\" y2=\"").append(y)
                .append("\" stroke=\"#222\"/>\n");
        s.append("</svg>\n");
        return s.toString();
    }

    private static String rect(double x, double y, double w, double h, String fill, double opacity) {
        return "<rect x=\"" + f(x) + "\" y=\"" + f(y) + "\" width=\"" + f(Math.max(0, w)) + "\" height=\"" + f(h) + "\" fill=\""
                + fill + "\"" + (opacity < 1 ? " fill-opacity=\"" + f(opacity) + "\"" : "") + "/>\n";
    }

    private static String text(double x, double y, String content, String anchor) {
        return "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" font-size=\"12\" text-anchor=\"" + anchor + "\">" + esc(content)
                + "</text>\n";
    }

    private static String f(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    private static String num(Double v) {
        return v == null ? "n/a" : Numbers.fixed(v);
    }

    private static void row(StringBuilder h, String key, String value) {
        if (value != null) {
            h.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
        }
    }

}
