package org.relucert.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The explorer page in a real browser: Debian's Chromium, headless, driven by Selenium through Debian's
 * chromedriver (skipped when either is missing; .ci/run installs them). One browser session for all tests.
 * Screenshots of the main views go to target/serve-screenshots/.
 */
class ExplorerPageInChromiumTest {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "serve-screenshots");

    private static ServerFixture fx;
    private static ChromeDriver driver;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        fx = new ServerFixture();
        profile = Files.createTempDirectory("relucert-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,2000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (fx != null) {
            fx.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static WebDriverWait await() {
        return new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(100));
    }

    private static void open(String query) {
        driver.get(fx.server.url() + query);
        await().until(d -> !d.findElements(By.cssSelector("#table1 td.cell")).isEmpty());
    }

    /** The element's text, read in one script call (the page re-renders its tables while we read). */
    private static String text(String id) {
        Object t = ((JavascriptExecutor) driver).executeScript(
                "const e = document.getElementById(arguments[0]); return e ? e.textContent.trim() : '';", id);
        return t == null ? "" : t.toString();
    }

    private static void type(String id, String value) {
        WebElement e = driver.findElement(By.id(id));
        e.clear();
        e.sendKeys(value);
    }

    private static void onlyDomains(String... domains) {
        for (WebElement c : driver.findElements(By.cssSelector("#domains input"))) {
            boolean want = List.of(domains).contains(c.getAttribute("value"));
            if (c.isSelected() != want) {
                c.click();
            }
        }
    }

    private static void shoot(String id, String name) throws Exception {
        File f = driver.findElement(By.id(id)).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void maxOfTwoInputsShowsTriangle15AndMulti1OnTheUnitSquare() throws Exception {
        open("");
        type("function", "max(x1, x2)");
        await().until(d -> text("net-info").startsWith("max(x1, x2)"));
        onlyDomains("triangle", "multi:1");
        type("box", "0:1,0:1");
        await().until(d -> text("upper-triangle").equals("1.5") && text("upper-multi:1").equals("1"));
        assertEquals("1.5", text("upper-triangle"));
        assertEquals("1", text("upper-multi:1"));
        assertTrue(driver.getCurrentUrl().contains("box=0%3A1%2C0%3A1"), driver.getCurrentUrl());
        shoot("panel-bounds", "bounds-bivariate");
        shoot("panel-net", "network");
    }

    @Test
    void draggingABoxHandleChangesTheBounds() throws Exception {
        open("?src=example&ex=f3_dp0&X=-2%3A3&box=-1%3A2&d=deeppoly0%2Cibp");
        await().until(d -> !text("upper-ibp").isEmpty());
        String before = text("upper-ibp");
        String boxBefore = driver.findElement(By.id("box")).getAttribute("value");
        @SuppressWarnings("unchecked")
        List<List<Number>> h = (List<List<Number>>) ((JavascriptExecutor) driver).executeScript("return relucert.handlePixels();");
        WebElement chart = driver.findElement(By.id("bounds-chart"));
        int dx = (int) Math.round(h.get(1).get(0).doubleValue() - chart.getSize().getWidth() / 2.0);
        int dy = (int) Math.round(h.get(1).get(1).doubleValue() - chart.getSize().getHeight() / 2.0);
        new Actions(driver).moveToElement(chart, dx, dy).clickAndHold().moveByOffset(-40, 0).moveByOffset(-60, 0)
                .release().perform();
        await().until(d -> !d.findElement(By.id("box")).getAttribute("value").equals(boxBefore));
        await().until(d -> !text("upper-ibp").isEmpty() && !text("upper-ibp").equals(before));
        String boxAfter = driver.findElement(By.id("box")).getAttribute("value");
        assertTrue(boxAfter.startsWith("-1:"), boxAfter);
        assertNotEquals(before, text("upper-ibp"));
        shoot("panel-bounds", "bounds-univariate");
    }

    @Test
    void aTableOneCellLoadsItsExampleAndConstruction() throws Exception {
        open("");
        driver.findElement(By.id("t1-R-deeppoly0-C-CPWL")).click();
        await().until(d -> text("net-info").contains("DP-0"));
        assertEquals("cpwl: -2:2, 0:0, 1:1, 3:7", driver.findElement(By.id("function")).getAttribute("value"));
        assertEquals("deeppoly0", driver.findElement(By.id("target")).getAttribute("value"));
        assertTrue(text("table1-info").contains("construction"), text("table1-info"));
        await().until(d -> !text("upper-deeppoly0").isEmpty());
        shoot("panel-table1", "table1");
        driver.findElement(By.id("gapmap-run")).click();
        await().until(d -> text("gapmap-status").startsWith("max gap"));
        assertTrue(text("gapmap-status").contains("exact on 100.0%"), text("gapmap-status"));
        shoot("panel-gapmap", "gapmap");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("precision-domain"))).selectByValue("deeppoly1");
        driver.findElement(By.id("precision-run")).click();
        await().until(d -> !text("precision-verdict").isEmpty() || !text("precision-error").isEmpty());
        assertTrue(text("precision-verdict").startsWith("IMPRECISE: deeppoly1 has gap"), text("precision-verdict"));
        shoot("panel-precision", "precision");
        File page = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(page.toPath(), SHOTS.resolve("explorer.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aBadFunctionShowsItsMessageNextToTheField() throws Exception {
        open("");
        type("function", "max(x1,");
        await().until(d -> !text("function-error").isEmpty());
        assertTrue(text("function-error").startsWith("function 'max(x1,': at position 8"), text("function-error"));
        shoot("panel-net", "bad-function");
    }
}
