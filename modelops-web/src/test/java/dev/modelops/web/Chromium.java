package dev.modelops.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver; no browser or
 * driver is downloaded (Selenium Manager is not used). CI installs {@code chromium} and
 * {@code chromium-driver}; a machine without them skips browser tests with this message.
 */
final class Chromium {
    static final String BROWSER = "/usr/bin/chromium";
    static final String DRIVER = "/usr/bin/chromedriver";

    private Chromium() {
    }

    static WebDriver start(Path profile) {
        boolean present = new File(BROWSER).canExecute() && new File(DRIVER).canExecute();
        String missing = "browser tests need Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver";
        // on a developer's machine the test steps aside; in CI (which installs them) it must run
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.assertTrue(present, missing);
        }
        Assumptions.assumeTrue(present, missing);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--user-data-dir=" + profile, "--window-size=1500,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Keeps a screenshot as a test artifact under target/screenshots. */
    static Path screenshot(WebDriver driver, String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Path file = dir.resolve(name + ".png");
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }
}
