package dev.modelops.gates;

import dev.modelops.core.util.AtomicFiles;
import dev.modelops.core.util.Json;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a gate report in the three forms people and tools read: JSON (for scripts and other
 * steps), JUnit XML (so Jenkins's {@code junit} step lists every check as a test and trends it
 * across builds) and a self-contained HTML page (charts inline as SVG, no external files).
 * Each file is written atomically.
 */
public final class GateReports {
    public static final String JSON = "gate-report.json";
    public static final String JUNIT = "gate-junit.xml";
    public static final String HTML = "gate-report.html";

    private GateReports() {
    }

    /** Writes all three reports into {@code dir}. */
    public static void write(GateReport report, Path dir) {
        Json.write(dir.resolve(JSON), report);
        AtomicFiles.write(dir.resolve(JUNIT), junit(report));
        AtomicFiles.write(dir.resolve(HTML), HtmlReport.render(report));
    }

    /**
     * The report as a JUnit XML test suite in the Surefire report format: one testcase per check
     * (classname {@code gates.<model>[.<env>].<section>}, name the check), a FAIL as
     * {@code <failure>}, a WARN or INCONCLUSIVE as {@code <skipped>} with the reason (Jenkins shows
     * and counts skipped tests without failing the build), the reason always in {@code system-out}.
     */
    public static String junit(GateReport report) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            String prefix = (report.gate().equals("data") ? "datagates." : "gates.") + segment(report.model())
                    + (report.env() == null ? "" : "." + segment(report.env()));
            x.writeAttribute("name", prefix);
            x.writeAttribute("tests", String.valueOf(report.checks().size()));
            x.writeAttribute("failures", String.valueOf(report.count(Verdict.FAIL)));
            x.writeAttribute("errors", "0");
            x.writeAttribute("skipped", String.valueOf(report.count(Verdict.WARN) + report.count(Verdict.INCONCLUSIVE)));
            x.writeAttribute("time", "0");
            x.writeCharacters("\n  ");
            x.writeStartElement("properties");
            for (Map.Entry<String, String> p : properties(report).entrySet()) {
                x.writeCharacters("\n    ");
                x.writeEmptyElement("property");
                x.writeAttribute("name", p.getKey());
                x.writeAttribute("value", p.getValue());
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            for (CheckResult c : report.checks()) {
                x.writeCharacters("\n  ");
                x.writeStartElement("testcase");
                x.writeAttribute("name", c.check());
                x.writeAttribute("classname", prefix + "." + segment(c.section()));
                x.writeAttribute("time", "0");
                String detail = "status: " + c.status() + "\nreason: " + c.reason() + "\nvalue: "
                        + (c.value() == null ? "n/a" : Numbers.fixed(c.value())) + "\nthreshold: " + c.threshold();
                if (c.status() == Verdict.FAIL) {
                    x.writeCharacters("\n    ");
                    x.writeStartElement("failure");
                    x.writeAttribute("message", c.reason());
                    x.writeAttribute("type", "GateFailure");
                    x.writeCharacters(detail);
                    x.writeEndElement();
                } else if (c.status() != Verdict.PASS) {
                    x.writeCharacters("\n    ");
                    x.writeStartElement("skipped");
                    // INCONCLUSIVE reasons already start with "inconclusive:"
                    x.writeAttribute("message", (c.status() == Verdict.WARN ? "WARN: " : "") + c.reason());
                    x.writeEndElement();
                }
                x.writeCharacters("\n    ");
                x.writeStartElement("system-out");
                x.writeCharacters(detail);
                x.writeEndElement();
                x.writeCharacters("\n  ");
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /** The report as plain text for a terminal: the summary, then one line per check. */
    public static String text(GateReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.summary()).append('\n');
        int section = Math.max(7, r.checks().stream().mapToInt(c -> c.section().length()).max().orElse(7));
        int check = Math.min(48, Math.max(5, r.checks().stream().mapToInt(c -> c.check().length()).max().orElse(5)));
        String format = "  %-12s  %-" + section + "s  %-" + check + "s  %10s  %s%n";
        sb.append(String.format(java.util.Locale.ROOT, format, "STATUS", "SECTION", "CHECK", "VALUE", "REASON"));
        for (CheckResult c : r.checks()) {
            sb.append(String.format(java.util.Locale.ROOT, format, c.status(), c.section(), c.check(),
                    c.value() == null ? "n/a" : Numbers.fixed(c.value()), c.reason()));
        }
        for (FairnessReport f : r.fairness()) {
            sb.append(String.format(java.util.Locale.ROOT, "%n  fairness by %s (privileged %s, favourable %s):%n", f.attribute(),
                    String.join(", ", f.privileged()), f.favorable()));
            for (GroupStats g : f.groups()) {
                sb.append(String.format(java.util.Locale.ROOT, "    %-12s %-12s %6d rows  selection rate %s  disparate impact %s%n",
                        g.group(), g.role(), g.size(), g.selectionRate() == null ? "n/a" : Numbers.fixed(g.selectionRate()),
                        g.disparateImpact() == null ? "n/a" : Numbers.fixed(g.disparateImpact())));
            }
        }
        return sb.toString();
    }

    private static Map<String, String> properties(GateReport r) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("gate", r.gate());
        p.put("status", r.status().name());
        put(p, "model", r.model());
        put(p, "modelVersion", r.modelVersion());
        put(p, "modelVersionId", r.modelVersionId());
        put(p, "env", r.env());
        put(p, "dataset", r.dataset());
        put(p, "datasetId", r.datasetId());
        put(p, "datasetSha256", r.datasetSha256());
        put(p, "champion", r.champion());
        put(p, "runId", r.runId());
        put(p, "verdictId", r.verdictId());
        return p;
    }

    private static void put(Map<String, String> p, String key, String value) {
        if (value != null) {
            p.put(key, value);
        }
    }

    /** A classname segment: dots would split Jenkins's package/class grouping, so they become '_'. */
    private static String segment(String s) {
        return s.replace('.', '_').replace(' ', '_');
    }
}
