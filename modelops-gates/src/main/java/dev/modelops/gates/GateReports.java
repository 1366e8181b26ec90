package dev.modelops.gates;

import dev.modelops.core.report.JUnitXml;
import java.util.List;
import java.util.ArrayList;

import dev.modelops.core.util.AtomicFiles;
import dev.modelops.core.util.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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
        String prefix = (report.gate().equals("data") ? "datagates." : "gates.") + segment(report.model())
                + (report.env() == null ? "" : "." + segment(report.env()));
        List<JUnitXml.TestCase> cases = new ArrayList<>();
        for (CheckResult c : report.checks()) {
            String detail = "status: " + c.status() + "\nreason: " + c.reason() + "\nvalue: "
                    + (c.value() == null ? "n/a" : Numbers.fixed(c.value())) + "\nthreshold: " + c.threshold();
            JUnitXml.Outcome outcome = c.status() == Verdict.FAIL ? JUnitXml.Outcome.FAILED
                    : c.status() == Verdict.PASS ? JUnitXml.Outcome.PASSED : JUnitXml.Outcome.SKIPPED;
            // INCONCLUSIVE reasons already start with "inconclusive:"
            String message = outcome == JUnitXml.Outcome.SKIPPED && c.status() == Verdict.WARN ? "WARN: " + c.reason()
                    : c.reason();
            cases.add(new JUnitXml.TestCase(prefix + "." + segment(c.section()), c.check(), outcome, message,
                    "GateFailure", detail, detail));
        }
        return JUnitXml.render(prefix, properties(report), cases);
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
