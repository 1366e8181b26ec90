package dev.modelops.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelops.core.lineage.Entity;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.lineage.LineageStores;
import dev.modelops.lineage.query.LineageQueries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The lineage graph in a real headless Chromium: after two runs of the arrests example on changed
 * data, the graph page of the second model shows the dataset and the model as nodes; clicking the
 * model selects it and offers its timeline, which opens with metric charts. The same walk works
 * in the static report. Screenshots are kept in target/screenshots.
 */
class LineageBrowserTest {
    @TempDir
    Path dir;

    @Test
    void theLineageGraphLeadsFromTheModelNodeToItsTimeline() throws Exception {
        try (LineageStore store = LineageStores.open("sqlite:" + dir.resolve("lineage.db"), Map.of())) {
            TwoArrestsRuns runs = TwoArrestsRuns.into(store, dir);
            Entity v2 = new LineageQueries(store).resolveModel("arrests-release@v2");
            try (LineageServer server = new LineageServer(store, "sqlite:test", null).start("127.0.0.1", 0)) {
                WebDriver driver = Chromium.start(Files.createDirectories(dir.resolve("profile")));
                try {
                    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
                    driver.get("http://127.0.0.1:" + server.port() + "/");
                    driver.findElement(By.cssSelector("tr[data-model='arrests-release'] a.graph-link")).click();
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lineage-graph")));

                    WebElement dataset = driver.findElement(By.cssSelector(".node[data-kind='DATASET'][data-label='arrests@v2']"));
                    assertThat(dataset.isDisplayed()).isTrue();
                    assertThat(dataset.getAttribute("data-id")).isNotBlank();
                    List<WebElement> models = driver.findElements(By.cssSelector(".node[data-kind='MODEL']"));
                    assertThat(models).extracting(m -> m.getAttribute("data-label")).contains("arrests-release@v2");
                    assertThat(driver.findElements(By.cssSelector(".node[data-kind='TASK_RUN']"))).isNotEmpty();
                    assertThat(driver.findElements(By.cssSelector("path.link"))).hasSizeGreaterThan(3);
                    Chromium.screenshot(driver, "lineage-graph");

                    // clicking the dataset shows its details (with the changed CSV's hash) ...
                    dataset.click();
                    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("details-title"), "DATASET arrests@v2"));
                    assertThat(driver.findElement(By.id("details-detail")).getText()).contains(runs.changedSha());

                    // ... and clicking the model offers its timeline
                    WebElement model = driver.findElement(By.cssSelector(".node[data-kind='MODEL'][data-id='" + v2.id() + "']"));
                    model.click();
                    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("details-title"),
                            "MODEL arrests-release@v2"));
                    assertThat(model.getAttribute("class")).contains("selected");
                    Chromium.screenshot(driver, "lineage-graph-model-selected");
                    WebElement open = driver.findElement(By.id("details-open"));
                    assertThat(open.getText()).isEqualTo("Open model timeline");
                    open.click();

                    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("model-title"), "arrests-release"));
                    assertThat(driver.getCurrentUrl()).endsWith("/models/arrests-release#v2");
                    assertThat(driver.findElements(By.cssSelector("svg.metric-chart"))).hasSizeGreaterThanOrEqualTo(2);
                    assertThat(driver.findElements(By.cssSelector("svg.metric-chart[data-metric='accuracy'] circle.point")))
                            .hasSize(2);
                    WebElement version2 = driver.findElement(By.id("v2"));
                    assertThat(version2.getText()).contains("data changed since v1").contains(runs.changedSha())
                            .contains("https://jenkins.example/job/arrests/12/");
                    Chromium.screenshot(driver, "model-timeline");
                } finally {
                    driver.quit();
                }
            }
        }
    }

    @Test
    void theStaticRunReportWorksOffline() throws Exception {
        try (LineageStore store = LineageStores.open("sqlite:" + dir.resolve("lineage.db"), Map.of())) {
            TwoArrestsRuns runs = TwoArrestsRuns.into(store, dir);
            Path out = dir.resolve("report");
            new LineageReport(new LineageQueries(store)).write(runs.second().info().runId(), out);
            WebDriver driver = Chromium.start(Files.createDirectories(dir.resolve("profile")));
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
                driver.get(out.resolve("index.html").toUri().toString());
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lineage-graph")));
                assertThat(driver.findElement(By.id("run-title")).getText()).contains(runs.second().info().runId());
                assertThat(driver.findElements(By.cssSelector(".node[data-kind='DATASET']"))).hasSize(1);
                Chromium.screenshot(driver, "report-run");
                driver.findElement(By.cssSelector(".node[data-kind='MODEL'][data-label='arrests-release@v2']")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("details-title"), "arrests-release@v2"));
                driver.findElement(By.id("details-open")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("model-title"), "arrests-release"));
                assertThat(driver.getCurrentUrl()).contains("model-arrests-release.html");
                assertThat(driver.findElements(By.cssSelector("svg.metric-chart"))).isNotEmpty();
                Chromium.screenshot(driver, "report-model-timeline");
            } finally {
                driver.quit();
            }
        }
    }
}
