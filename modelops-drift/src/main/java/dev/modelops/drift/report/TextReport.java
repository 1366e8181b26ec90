package dev.modelops.drift.report;

import dev.modelops.drift.check.ColumnComparator;
import dev.modelops.drift.check.ColumnDrift;
import dev.modelops.drift.check.DomainResult;
import dev.modelops.drift.check.DriftReport;
import dev.modelops.drift.check.PerformanceResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The drift table a terminal or a Jenkins console shows: one line per column, then the other checks. */
public final class TextReport {
    private TextReport() {
    }

    public static String render(DriftReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "batch %s (%d rows%s) against %s@v%d (%d training rows): %s%n",
                r.batch().name(), r.batch().rows(), r.batch().labelled() ? ", labelled" : "", r.model(), r.modelVersion(),
                r.referenceRows(), r.drift() ? "DRIFT" : "no drift"));
        List<ColumnDrift> columns = new ArrayList<>(r.features());
        columns.addAll(r.prediction());
        if (r.label() != null) {
            columns.add(r.label());
        }
        if (!columns.isEmpty()) {
            int w = Math.max(6, columns.stream().mapToInt(c -> c.column().length()).max().orElse(6));
            String format = "  %-" + w + "s  %-10s  %-11s  %-13s  %9s  %9s  %9s  %9s  %7s  %s%n";
            sb.append(String.format(Locale.ROOT, format, "COLUMN", "ROLE", "TYPE", "TEST", "STATISTIC", "THRESHOLD",
                    "EFFECT", "P-VALUE", "PSI", "DRIFT"));
            for (ColumnDrift c : columns) {
                sb.append(String.format(Locale.ROOT, format, c.column(), c.role(), c.type(),
                        c.method() == null ? "-" : c.method(), num(c.statistic()), num(c.threshold()), num(c.effect()),
                        c.pValue() == null ? "-" : ColumnComparator.p(c.pValue()), num(c.psi()), c.skipped() != null ? "skipped: " + c.skipped()
                                : c.drift() ? "DRIFT" : "no"));
            }
        }
        if (r.datasetDrift() != null) {
            DriftReport.DatasetDrift d = r.datasetDrift();
            sb.append(String.format(Locale.ROOT, "  dataset: %d of %d features drifted (%.0f%%; dataset drift at %.0f%%): %s%n",
                    d.drifted(), d.judged(), 100 * d.share(), 100 * d.threshold(), d.drift() ? "DRIFT" : "no"));
        }
        DomainResult dom = r.domain();
        if (dom != null) {
            sb.append("  domain classifier: ").append(dom.reason()).append('\n');
        }
        PerformanceResult perf = r.performance();
        if (perf != null) {
            sb.append("  performance: ").append(perf.reason()).append('\n');
        }
        return sb.toString();
    }

    static String num(Double d) {
        if (d == null) {
            return "-";
        }
        double a = Math.abs(d);
        return a != 0 && (a < 0.001 || a >= 1e5) ? String.format(Locale.ROOT, "%.2e", d)
                : String.format(Locale.ROOT, "%.4f", d);
    }
}
