package dev.modelops.drift.report;

import dev.modelops.drift.check.ColumnDrift;
import dev.modelops.drift.check.DomainResult;
import dev.modelops.drift.check.DriftReport;
import dev.modelops.drift.check.PerformanceResult;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

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
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuite");
            w.writeAttribute("name", base);
            w.writeAttribute("tests", String.valueOf(cases.size()));
            w.writeAttribute("failures", String.valueOf(cases.stream().filter(Case::failed).count()));
            w.writeAttribute("errors", "0");
            w.writeAttribute("skipped", String.valueOf(cases.stream().filter(c -> c.skipped() != null).count()));
            w.writeAttribute("time", "0");
            w.writeCharacters("\n  ");
            w.writeStartElement("properties");
            property(w, "model", report.model() + "@v" + report.modelVersion());
            property(w, "batch", report.batch().name());
            property(w, "batch.sha256", report.batch().sha256());
            property(w, "drift", String.valueOf(report.drift()));
            w.writeCharacters("\n  ");
            w.writeEndElement();
            for (Case c : cases) {
                w.writeCharacters("\n  ");
                w.writeStartElement("testcase");
                w.writeAttribute("classname", c.classname());
                w.writeAttribute("name", c.name());
                w.writeAttribute("time", "0");
                if (c.failed()) {
                    w.writeStartElement("failure");
                    w.writeAttribute("type", "drift");
                    w.writeAttribute("message", c.message() == null ? "drift" : c.message());
                    w.writeCharacters(c.detail() == null || c.detail().isEmpty() ? c.message() : c.detail());
                    w.writeEndElement();
                } else if (c.skipped() != null) {
                    w.writeStartElement("skipped");
                    w.writeAttribute("message", c.skipped());
                    w.writeEndElement();
                } else if (c.message() != null) {
                    w.writeStartElement("system-out");
                    w.writeCharacters(c.message());
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
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

    private static void property(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeCharacters("\n    ");
        w.writeEmptyElement("property");
        w.writeAttribute("name", name);
        w.writeAttribute("value", value == null ? "" : value);
    }
}
