package dev.arbiter.console;

import dev.arbiter.ArbiterIT;
import dev.arbiter.security.People;
import dev.arbiter.security.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The base of every console journey: Arbiter as {@link ArbiterIT} runs it (the whole
 * application on a random loopback port, shared with the other ITs) and one headless Debian
 * Chromium per test class, driven through Selenium's ChromeDriver. Each test starts signed out
 * with a 1,280 px wide window. Helpers: {@link #open}, {@link #signIn}, {@link #clickAndWait}, {@link #newPerson},
 * {@link #narrow()} (390 px), {@link #screenshot} (to {@code docs/console/<name>.png}).
 *
 * <p>Without {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} the tests fail, saying
 * how to install them; they never skip.
 */
@ArbiterIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserJourney {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final int WIDE = 1280;
    public static final int NARROW = 390;
    /** Where screenshots go; README and docs/console.md show them. */
    public static final Path SCREENSHOTS = Path.of("docs/console");

    /** A person the test created, with the password they sign in with. */
    public record Login(String userName, String password, Role role) {}

    @LocalServerPort
    protected int port;

    @Autowired
    protected People people;

    protected ChromeDriver browser;
    private Path profile;

    @BeforeAll
    void startBrowser() throws IOException {
        profile = Files.createTempDirectory("arbiter-chromium-");
        browser = headlessChromium(profile);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    /**
     * Debian's Chromium, headless, through its chromedriver on a free loopback port, with its
     * profile in {@code profile} and nothing that reaches the network on its own; fails naming
     * the packages to install when either binary is missing. Also for the console's load
     * measurement ({@code bench.ConsoleLoad}).
     */
    public static ChromeDriver headlessChromium(Path profile) {
        for (Path binary : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(
                        binary + " is missing: the console's journeys run in Debian's Chromium. "
                                + "Install it with: apt-get install -y chromium chromium-driver");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--disable-crash-reporter",
                "--disable-breakpad",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    @BeforeEach
    void signedOutAndWide() {
        browser.manage().window().setSize(new Dimension(WIDE, 900));
        open("/console/sign-in");
        browser.manage().deleteAllCookies();
    }

    /** Arbiter's address on the loopback interface. */
    protected String base() {
        return "http://127.0.0.1:" + port;
    }

    protected void open(String path) {
        browser.get(base() + path);
    }

    /** The path of the page the browser shows, without the query. */
    protected String currentPath() {
        return java.net.URI.create(browser.getCurrentUrl()).getPath();
    }

    protected WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    /** Waits (up to 10 s) until an element is on the page: for htmx updates, which arrive after the page. */
    protected WebElement await(String css) {
        return new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    /**
     * Clicks what submits a form or follows a link, and waits (up to 10 s) until the browser has
     * left the page: a click can return before the next page replaced this one.
     */
    protected void clickAndWait(String css) {
        WebElement page = find("html");
        find(css).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> left(page));
    }

    /**
     * Whether the browser has left the page this element belongs to. Chromium's driver reports
     * a node of a document being replaced either as stale or, while the swap is under way, as
     * "does not belong to the document": both mean the page is gone.
     */
    private static boolean left(WebElement page) {
        try {
            page.isEnabled();
            return false;
        } catch (StaleElementReferenceException gone) {
            return true;
        } catch (WebDriverException swapping) {
            if (String.valueOf(swapping.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw swapping;
        }
    }

    /** Fills the sign-in form and submits it; the browser is on whatever page Arbiter answers with. */
    protected void signIn(String userName, String password) {
        open("/console/sign-in");
        find("#username").sendKeys(userName);
        find("#password").sendKeys(password);
        clickAndWait("#sign-in");
    }

    protected void signIn(Login login) {
        signIn(login.userName(), login.password());
    }

    /** A new person in this role, created in process, whose password need not be changed. */
    protected Login newPerson(Role role) {
        String name = role.wire() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        people.create(name, "Test " + role.wire(), role, password, false, "test");
        return new Login(name, password, role);
    }

    /** A 390 px wide window (a phone); {@link #signedOutAndWide()} widens it again for the next test. */
    protected void narrow() {
        browser.manage().window().setSize(new Dimension(NARROW, 844));
    }

    /** Saves what the browser shows as {@code docs/console/<name>.png} and returns the file. */
    protected Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
