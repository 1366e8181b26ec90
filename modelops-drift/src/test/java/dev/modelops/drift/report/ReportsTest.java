package dev.modelops.drift.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelops.drift.check.ColumnDrift;
import dev.modelops.drift.check.DomainResult;
import dev.modelops.drift.check.DriftReport;
import dev.modelops.drift.check.DriftSettings;
import dev.modelops.drift.check.PerformanceResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportsTest {
    private static ColumnDrift column(String name, boolean drift, String skipped) {
        return new ColumnDrift(name, "feature", "categorical", skipped == null ? "jensenshannon" : null,
                skipped == null ? 0.2 : null, skipped == null ? 0.1 : null, "jensenshannon", 0.2, 0.1, "chisquare", 0.001,
                0.05, 0.15, null, null, null, null, 0.2, 0.001, null, 1000, 500, 0, 0.02, null, null, true, drift, skipped,
                drift ? "Jensen-Shannon 0.2 >= 0.1 and chi-square p 0.001 < 0.05" : "Jensen-Shannon 0.01 < 0.1",
                skipped == null ? new ColumnDrift.Histogram(List.of("a<b", "c&d"), null, List.of(0.7, 0.3), List.of(0.4, 0.6))
                        : null);
    }

    private static DriftReport report() {
        return new DriftReport("m", 2, "model-id", "profile-id-0123456789", new DriftReport.Batch("b.csv", "/x/b.csv",
                "sha", 500, true), 1000, DriftSettings.defaults().describe(),
                List.of(column("colour", true, null), column("age", false, null), column("notes", false, "every current value is missing")),
                new DriftReport.DatasetDrift(1, 2, 0.5, 0.5, true, List.of("colour")), List.of(column("prediction", false, null)),
                false, null, DomainResult.skipped(0.7, "the training data changed"),
                new PerformanceResult(500, "METRICS m@v2", 0.05, List.of(new PerformanceResult.MetricChange("accuracy", 0.9,
                        0.8, -0.1, 0.01, true)), true, null, "accuracy fell"), true,
                List.of("dataset drift: 1 of 2 features drifted", "performance drift: accuracy fell"));
    }

    @Test
    void junitHasADriftGatePerFeatureThatJenkinsCanRead() throws Exception {
        String xml = JUnitReport.render(report(), null);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element suite = doc.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        NodeList cases = suite.getElementsByTagName("testcase");
        // 3 features, dataset drift, 1 prediction, domain classifier, performance
        assertThat(cases.getLength()).isEqualTo(7);
        assertThat(suite.getAttribute("tests")).isEqualTo("7");
        assertThat(suite.getAttribute("failures")).isEqualTo("3");
        assertThat(suite.getAttribute("skipped")).isEqualTo("2");
        Element colour = (Element) cases.item(0);
        assertThat(colour.getAttribute("classname")).isEqualTo("drift.m.features");
        assertThat(colour.getAttribute("name")).isEqualTo("colour");
        assertThat(colour.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(((Element) colour.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .contains(">= 0.1");
        Element notes = (Element) cases.item(2);
        assertThat(((Element) notes.getElementsByTagName("skipped").item(0)).getAttribute("message"))
                .isEqualTo("every current value is missing");
        assertThat(JUnitReport.render(report(), "2001")).contains("classname=\"drift.m.2001.features\"");
    }

    @Test
    void htmlIsSelfContainedWithAnOverlaidHistogramPerDriftedColumn() {
        String html = HtmlReport.render(report());
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script").doesNotContain("http://www.w3.org/1999")
                .doesNotContain("src=\"http");
        int drifted = html.indexOf("<h2>Drifted columns</h2>");
        int others = html.indexOf("<details>");
        assertThat(html.substring(drifted, others)).contains("<svg").contains("colour").doesNotContain(">age<");
        assertThat(html.substring(others)).contains("<b>age</b>");
        // labels are escaped, shares rendered as bars of both colours
        assertThat(html).contains("a&lt;b").contains("c&amp;d").doesNotContain("a<b");
        assertThat(html).contains("fill=\"#4e79a7\"").contains("fill=\"#f28e2b\"");
        assertThat(html).contains("DRIFT").contains("performance drift: accuracy fell");
    }

    @Test
    void theTextTableListsEveryColumnWithItsVerdict() {
        String text = TextReport.render(report());
        assertThat(text).contains("batch b.csv (500 rows, labelled) against m@v2 (1000 training rows): DRIFT");
        assertThat(text).containsPattern("colour +feature +categorical +jensenshannon +0\\.2000 +0\\.1000 .* DRIFT");
        assertThat(text).contains("skipped: every current value is missing");
        assertThat(text).contains("dataset: 1 of 2 features drifted (50%; dataset drift at 50%): DRIFT");
    }
}
