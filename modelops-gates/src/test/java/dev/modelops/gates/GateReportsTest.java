package dev.modelops.gates;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class GateReportsTest {
    @TempDir
    Path dir;

    static GateReport sample() {
        List<CheckResult> checks = List.of(
                new CheckResult("metrics", "accuracy >= 0.80", Verdict.PASS, 0.8426, ">= 0.8", 0.8, null, "accuracy 0.8426 meets >= 0.8"),
                new CheckResult("metrics", "auc >= 0.75", Verdict.FAIL, 0.7172, ">= 0.75", 0.75, null,
                        "auc 0.7172 violates >= 0.75 by 0.0328 <& \"quoted\">"),
                new CheckResult("fairness", "colour: disparate_impact in [0.8, 1.25]", Verdict.WARN, 0.79, "in [0.8, 1.25]", 0.8,
                        1.25, "disparate_impact 0.7900 violates in [0.8, 1.25] [level warn]"),
                new CheckResult("fairness", "colour: equal_opportunity_difference within 0.1", Verdict.INCONCLUSIVE, null,
                        "within ±0.1", -0.1, 0.1, "inconclusive: too few for a true positive rate"));
        FairnessReport f = Fairness.compute("colour", List.of("White"), "Yes", 1,
                new String[] {"White", "White", "Black", "Black", "Black"}, new String[] {"Yes", "No", "Yes", "No", "Yes"},
                new String[] {"Yes", "Yes", "Yes", "No", "No"});
        return new GateReport("model", "arrests.release", "id1", "arrests.release@v2", "staging", "arrests", "d1", "abc", null,
                Verdict.FAIL, checks, Map.of("accuracy", 0.8426, "auc", 0.7172, "bad", Double.NaN), "computed", Map.of(),
                List.of(f), "run1", "verdict1");
    }

    @Test
    void junitXmlReadsAsTestResultsWithMavenSurefiresOwnParser() throws Exception {
        GateReports.write(sample(), dir);
        TestSuiteXmlParser parser = new TestSuiteXmlParser(new NullConsoleLogger());
        List<ReportTestSuite> suites = parser.parse(dir.resolve(GateReports.JUNIT).toString());
        assertThat(parser.isValid()).isTrue();
        // Surefire groups test cases by class: one "suite" per gate section
        assertThat(suites).extracting(ReportTestSuite::getFullClassName)
                .containsExactly("gates.arrests_release.staging.metrics", "gates.arrests_release.staging.fairness");
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfTests).sum()).isEqualTo(4);
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfFailures).sum()).isEqualTo(1);
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfSkipped).sum()).isEqualTo(2);
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfErrors).sum()).isZero();
        List<ReportTestCase> cases = suites.stream().flatMap(s -> s.getTestCases().stream()).toList();
        assertThat(cases).extracting(ReportTestCase::getName).containsExactly("accuracy >= 0.80", "auc >= 0.75",
                "colour: disparate_impact in [0.8, 1.25]", "colour: equal_opportunity_difference within 0.1");
        ReportTestCase failed = cases.get(1);
        assertThat(failed.hasFailure()).isTrue();
        assertThat(failed.getFailureMessage()).isEqualTo("auc 0.7172 violates >= 0.75 by 0.0328 <& \"quoted\">");
        assertThat(failed.getFailureType()).isEqualTo("GateFailure");
        // dots in the model name must not break Jenkins's package.class grouping
        assertThat(failed.getFullClassName()).isEqualTo("gates.arrests_release.staging.metrics");
        assertThat(cases.get(0).isSuccessful()).isTrue();
        assertThat(cases.get(2).hasSkipped()).isTrue();
        assertThat(cases.get(3).hasSkipped()).isTrue();
    }

    @Test
    void junitXmlHasWhatTheSurefireReportSchemaRequires() throws Exception {
        GateReports.write(sample(), dir);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve(GateReports.JUNIT).toFile());
        Element suite = doc.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        for (String a : List.of("name", "tests", "errors", "skipped", "failures")) {
            assertThat(suite.hasAttribute(a)).as("testsuite@" + a).isTrue();
        }
        assertThat(suite.getAttribute("time")).matches("(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\\.[0-9]{0,3})?");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(4);
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            assertThat(c.hasAttribute("name") && c.hasAttribute("classname") && c.hasAttribute("time")).isTrue();
            // children in the schema's order: failure, skipped, then system-out
            NodeList children = c.getChildNodes();
            String order = "";
            for (int k = 0; k < children.getLength(); k++) {
                if (children.item(k) instanceof Element e) {
                    order += e.getTagName() + " ";
                }
            }
            assertThat(order.trim()).isIn("system-out", "failure system-out", "skipped system-out");
        }
        Element failure = (Element) suite.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("GateFailure");
        assertThat(doc.getElementsByTagName("properties").getLength()).isEqualTo(1);
    }

    @Test
    void htmlIsSelfContainedWithAChartPerNumericCheckAndTheFairnessBreakdown() throws Exception {
        GateReports.write(sample(), dir);
        String html = Files.readString(dir.resolve(GateReports.HTML));
        // well-formed markup (parsed as XML) and nothing loaded from elsewhere
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve(GateReports.HTML).toFile());
        assertThat(html).doesNotContain("src=").doesNotContain("<script").doesNotContain("<link");
        // three checks have a value and bounds; plus the fairness bar chart
        assertThat(doc.getElementsByTagName("svg").getLength()).isEqualTo(3 + 1);
        assertThat(html).contains("Fairness by colour").contains("<td>Black</td>").contains("<td>White</td>")
                .contains("&lt;&amp; &quot;quoted&quot;&gt;");
        // Black: 1 of 3 selected; White: 2 of 2 selected: DI 1/3
        assertThat(html).contains("0.3333");
        GateReport read = dev.modelops.core.util.Json.read(dir.resolve(GateReports.JSON), GateReport.class);
        assertThat(read.checks()).hasSize(4);
        assertThat(read.metrics()).containsEntry("bad", null);
        assertThat(read.fairness().get(0).groups()).extracting(GroupStats::size).containsExactly(3, 2);
    }
}
