package dev.modelops.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelops.core.InputError;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.lineage.LineageStores;
import dev.modelops.lineage.query.LineageQueries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageReportTest {
    private static final Pattern RESOURCE = Pattern.compile("<(?:script|link|img)[^>]*(?:src|href)=\"([^\"]*)\"");
    private static final Pattern LOCAL_LINK = Pattern.compile("href=\"([^\"#:]+)(?:#[^\"]*)?\"");

    @TempDir
    Path dir;

    @Test
    void aRunReportIsSelfContainedStaticHtml() throws Exception {
        try (LineageStore store = LineageStores.open("sqlite:" + dir.resolve("lineage.db"), Map.of())) {
            TwoArrestsRuns runs = TwoArrestsRuns.into(store, dir);
            Path out = dir.resolve("report");
            List<Path> files = new LineageReport(new LineageQueries(store)).write(runs.second().info().runId(), out);
            assertThat(files).contains(out.resolve("index.html"), out.resolve("model-arrests-release.html"),
                    out.resolve("model-arrests-release-xgb.html"), out.resolve("assets/modelops.css"),
                    out.resolve("assets/lineage.js"));
            String index = Files.readString(out.resolve("index.html"));
            assertThat(index).contains(runs.second().info().runId()).contains("https://jenkins.example/job/arrests/12/")
                    .contains("data-label=\"arrests@v2\"").contains("id=\"r-");
            for (Path page : List.of(out.resolve("index.html"), out.resolve("model-arrests-release.html"))) {
                String html = Files.readString(page);
                Matcher resources = RESOURCE.matcher(html);
                while (resources.find()) {
                    assertThat(resources.group(1)).as("resource in %s", page).doesNotContain("://").doesNotStartWith("/");
                    assertThat(out.resolve(resources.group(1))).exists();
                }
                Matcher links = LOCAL_LINK.matcher(html);
                while (links.find()) {
                    assertThat(out.resolve(links.group(1))).as("link in %s", page).exists();
                }
                // no inline script code (Jenkins' default CSP would block it): only the JSON data block
                assertThat(html.replaceAll("<script type=\"application/json\"[^>]*>[^<]*</script>", ""))
                        .doesNotContainPattern("<script>").doesNotContain("style=\"");
            }
            assertThat(Files.readString(out.resolve("model-arrests-release.html"))).contains("data-metric=\"accuracy\"")
                    .contains(runs.changedSha());
        }
    }

    @Test
    void anUnknownRunIsAnInputError() {
        try (LineageStore store = LineageStores.open("sqlite:" + dir.resolve("lineage.db"), Map.of())) {
            assertThatThrownBy(() -> new LineageReport(new LineageQueries(store)).write("nope", dir.resolve("out")))
                    .isInstanceOf(InputError.class).hasMessageContaining("no run");
            assertThat(dir.resolve("out")).doesNotExist();
        }
    }
}
