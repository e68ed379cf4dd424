package io.l2risk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The newcomer's path end to end: {@code run} with nothing configured (embedded broker and registry,
 * the L1 simulator with its scripted incidents, the engine, the HTTP server), and the status page in
 * a real headless Chromium (Debian {@code chromium} + {@code chromium-driver}, installed by
 * {@code .ci/run}). The simulator's first incident — Base's sequencer stall, modelled on the
 * 2023-09-05 outage — must show up on the page as a non-OK LIVENESS cell and an open
 * BATCH_LIVENESS alert with its summary; the page is saved as {@code target/e2e/status-page-alert.png}
 * (the alert open) and {@code target/e2e/status-page.png} (with the timeline).
 */
class StatusPageE2EIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path ARTIFACTS = Path.of("target", "e2e");

    private ChromeDriver browser;
    private InProcessRun run;

    @BeforeEach
    void requireChromium() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("the status page test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): apt-get install chromium chromium-driver (.ci/run does this)");
        }
        // Selenium warns that it has no DevTools bindings for this Chromium version; WebDriver needs none.
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (run != null) {
            assertThat(run.stop()).isZero();
        }
    }

    @Test
    void shouldShowTheSimulatedSequencerStallOnTheStatusPage(@TempDir Path dir) throws Exception {
        long startNanos = System.nanoTime();
        run = InProcessRun.start(Map.of(), Duration.ofSeconds(120), "--data-dir", dir.resolve("data").toString(),
                "--http-port", "0", "--partitions", "2");
        assertThat(run.output()).contains("L1 simulator : 9 rollups, 8 scripted incidents, seed 1, 60x");

        browser = startBrowser();
        browser.get(run.statusPage());
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "true".equals(browser.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        // Rows appear as the engine meets each rollup in the simulator's warm-up.
        await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#risk-grid tr[data-rollup]")))
                .extracting(row -> row.getDomAttribute("data-rollup"))
                .containsExactlyInAnyOrder("arbitrum-one", "arbitrum-nova", "op-mainnet", "base", "zksync-era", "scroll",
                        "linea", "starknet", "polygon-zkevm"));

        // The page updates itself: no reload from here on. The stall lasts about 40 s of wall-clock
        // time at 60x, so the page is read in one go while the alert is open.
        AtomicReference<Map<String, String>> seen = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500))
                // Not there yet, or re-rendered between two look-ups.
                .ignoreExceptionsMatching(e -> e instanceof NoSuchElementException
                        || e instanceof StaleElementReferenceException)
                .until(() -> {
                    WebElement alert = browser.findElement(
                            By.cssSelector("#open-alerts tr[data-rollup='base'][data-indicator='BATCH_LIVENESS']"));
                    WebElement liveness = browser.findElement(
                            By.cssSelector("#risk-grid tr[data-rollup='base'] td[data-category='LIVENESS']"));
                    seen.set(Map.of("category", alert.getDomAttribute("data-category"),
                            "severity", alert.getDomAttribute("data-severity"),
                            "summary", alert.findElement(By.cssSelector("[data-field=summary]")).getText(),
                            "livenessLevel", liveness.getDomAttribute("data-level"),
                            "livenessText", liveness.getText(),
                            "connection", browser.findElement(By.id("connection")).getDomAttribute("data-state")));
                    return true;
                });
        long firstAlertSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
        Files.createDirectories(ARTIFACTS);
        Files.write(ARTIFACTS.resolve("status-page-alert.png"), browser.getScreenshotAs(OutputType.BYTES));

        assertThat(seen.get()).containsEntry("category", "LIVENESS").containsEntry("connection", "live");
        assertThat(seen.get().get("severity")).isIn("WARNING", "CRITICAL");
        assertThat(seen.get().get("summary")).startsWith("No batch posted for ");
        assertThat(seen.get().get("livenessLevel")).isIn("WARNING", "CRITICAL");
        assertThat(seen.get().get("livenessText")).isEqualTo(seen.get().get("livenessLevel"));
        // The timeline draws the alert on base's lane.
        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElements(
                By.cssSelector("#timeline figure.lane[data-rollup='base'] rect[data-indicator='BATCH_LIVENESS']")).isEmpty());

        Path screenshot = ARTIFACTS.resolve("status-page.png");
        Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
        Files.writeString(ARTIFACTS.resolve("first-alert.txt"), "First alert on the page " + firstAlertSeconds
                + " s after run was started (broker, registry and engine start-up included).\n");
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    private static ChromeDriver startBrowser() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,2400"));
        return new ChromeDriver(service, options);
    }
}
