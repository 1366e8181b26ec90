package dev.modelops.drift.report;

import dev.modelops.drift.check.ColumnDrift;
import dev.modelops.drift.check.DomainResult;
import dev.modelops.drift.check.DriftReport;
import dev.modelops.drift.check.PerformanceResult;
import dev.modelops.core.report.JUnitXml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a drift report as JUnit XML, the format Jenkins's {@code junit} step reads and trends:
 * one test case per feature (a drift gate: failed when the feature drifted, skipped when it could
 * not be judged), plus the dataset-drift share, each model output, the label, the domain
 * classifier and the performance check. Test names are stable across builds, so Jenkins shows a
 * feature's drift history.
 */
public final class JUnitReport {
    private JUnitReport() {
    }

    private record Case(String classname, String name, boolean failed, String skipped, String message, String detail) {
    }

    /**
     * @param report the report
     * @param qualifier added to class names when one build holds several batches (the batch name), or null
     */
    public static String render(DriftReport report, String qualifier) {
        String base = "drift." + report.model() + (qualifier == null ? "" : "." + qualifier);
        List<Case> cases = new ArrayList<>();
        for (ColumnDrift c : report.features()) {
            cases.add(column(base + ".features", c));
        }
        if (report.datasetDrift() != null) {
            DriftReport.DatasetDrift d = report.datasetDrift();
            String msg = String.format(java.util.Locale.ROOT, "%d of %d features drifted (share %.2f, threshold %.2f)",
                    d.drifted(), d.judged(), d.share(), d.threshold());
            cases.add(new Case(base, "dataset drift", d.drift(), null, msg, String.join(", ", d.driftedFeatures())));
        }
        for (ColumnDrift c : report.prediction()) {
            cases.add(column(base + ".prediction", c));
        }
        if (report.label() != null) {
            // label drift is reported, not gated: a shift in the label alone does not trigger retraining
            ColumnDrift l = report.label();
            cases.add(new Case(base + ".label", l.column(), false, l.skipped(), l.reason(), null));
        }
        DomainResult dom = report.domain();
        if (dom != null) {
            cases.add(new Case(base, "domain classifier", dom.drift(), dom.skipped(), dom.reason(), null));
        }
        PerformanceResult perf = report.performance();
        if (perf != null) {
            cases.add(new Case(base, "performance", perf.drift(), perf.skipped(), perf.reason(), null));
        }
        List<JUnitXml.TestCase> xml = new ArrayList<>();
        for (Case c : cases) {
            JUnitXml.Outcome outcome = c.failed() ? JUnitXml.Outcome.FAILED
                    : c.skipped() != null ? JUnitXml.Outcome.SKIPPED : JUnitXml.Outcome.PASSED;
            String message = outcome == JUnitXml.Outcome.FAILED ? (c.message() == null ? "drift" : c.message())
                    : outcome == JUnitXml.Outcome.SKIPPED ? c.skipped() : null;
            xml.add(new JUnitXml.TestCase(c.classname(), c.name(), outcome, message, "drift", c.detail(),
                    outcome == JUnitXml.Outcome.PASSED ? c.message() : null));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("model", report.model() + "@v" + report.modelVersion());
        properties.put("batch", report.batch().name());
        properties.put("batch.sha256", report.batch().sha256());
        properties.put("drift", String.valueOf(report.drift()));
        return JUnitXml.render(base, properties, xml);
    }

    private static Case column(String classname, ColumnDrift c) {
        String detail = c.skipped() != null ? null : String.format(java.util.Locale.ROOT,
                "method %s, statistic %s, threshold %s; PSI %s; reference %d values, current %d values",
                c.method(), num(c.statistic()), num(c.threshold()), num(c.psi()), c.referenceCount(), c.currentCount());
        return new Case(classname, c.column(), c.drift(), c.skipped(), c.reason(), detail);
    }

    private static String num(Double d) {
        return d == null ? "-" : String.format(java.util.Locale.ROOT, "%.6g", d);
    }

}
