package dev.arbiter.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * The console's screens timed against a running Arbiter holding a million stored decisions
 * (scripts/console-load.sh starts Arbiter, decides a few hundred real applications through the
 * signed API and then runs this).
 *
 * <p>It multiplies the real decisions in SQL as the schema owner: every copy gets a new id and
 * application id, a decision time spread over the last year, and its source's outcome, reasons,
 * rules, scores and monitoring fields (so outcomes, reasons and fairness groups stay mixed as the
 * real engine made them). Copies get no chain link and no sealed personal data: their record
 * hashes cannot be forged in SQL, so the whole-chain verification covers the real decisions only.
 * Then ANALYZE, one person per role needed (auditor, reviewer, analyst), signed in over HTTP with
 * the form and its CSRF token, and each screen fetched: warm-up, then samples, timed from sending
 * the request to the last byte of the page. Prints median and p90 per screen beside the load
 * average. Then, where Debian's Chromium and its driver are installed, the same screens in the
 * browser at 390 and 1,920 px: the Navigation Timing entry's responseEnd and loadEventEnd.
 *
 * <pre>ConsoleLoad base-url jdbc-url owner-password target-decisions samples</pre>
 */
public final class ConsoleLoad {

    private static final String PASSWORD = "console-load-password-1";

    private ConsoleLoad() {}

    public static void main(String[] args) throws Exception {
        String base = args[0].replaceAll("/+$", "");
        String jdbcUrl = args[1];
        String ownerPassword = args[2];
        long target = Long.parseLong(args[3]);
        int samples = Integer.parseInt(args[4]);
        try (Connection db = DriverManager.getConnection(jdbcUrl, "arbiter_owner", ownerPassword)) {
            seed(db, target);
            people(db);
            reviews(db);
            measure(base, db, samples);
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void run(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }

    /** Copies the real decisions until {@code target} are stored, spread over the year before now. */
    static void seed(Connection db, long target) throws Exception {
        long real = count(db, "select count(*) from decision");
        if (real >= target) {
            System.out.printf("%d decisions already stored%n", real);
            return;
        }
        long started = System.nanoTime();
        run(db, "create temporary table source as select row_number() over (order by id) as k, id from decision");
        long copies = target - real;
        long batch = 50_000;
        for (long from = 1; from <= copies; from += batch) {
            long to = Math.min(copies, from + batch - 1);
            // copy n comes from source row n mod real; copies are stored oldest first over the
            // 365 days before the real decisions, as decisions arrive (rows in the heap follow
            // decision time, which range scans over a period depend on), a few seconds of jitter
            run(db, """
                    create temporary table copy_map as
                    select g as n, s.id as source_id, gen_random_uuid() as id,
                           now() - interval '365 days' * (1 - g::float8 / %d) - random() * interval '10 seconds'
                             as decided_at
                      from generate_series(%d, %d) g join source s on s.k = 1 + (g %% %d)
                    """.formatted(copies, from, to, real));
            run(db, """
                    insert into decision (id, application_id, request_fingerprint, outcome, ruleset_version, product,
                        data_region, thin_file, decided_at, application, features, scores, fired_rules, reasons, terms,
                        guardrails, client_id, retain_until, record_layout, ensemble_version)
                    select c.id, d.application_id || '-c' || c.n, d.request_fingerprint, d.outcome, d.ruleset_version,
                           -- the German credit applications are all personal loans: a third of
                           -- the copies become the other products, so a product filter selects
                           case abs(hashtext(c.id::text)) % 12 when 0 then 'MORTGAGE' when 1 then 'MICRO_LOAN'
                               when 2 then 'CREDIT_CARD' when 3 then 'CREDIT_CARD' else d.product end,
                           d.data_region, d.thin_file, c.decided_at, d.application, d.features, d.scores,
                           d.fired_rules, d.reasons, d.terms, d.guardrails, d.client_id,
                           d.retain_until + (c.decided_at - d.decided_at), d.record_layout, d.ensemble_version
                      from copy_map c join decision d on d.id = c.source_id
                    """);
            run(db, """
                    insert into decision_monitoring (decision_id, fields)
                    select c.id, m.fields from copy_map c join decision_monitoring m on m.decision_id = c.source_id
                    """);
            run(db, "drop table copy_map");
            System.out.printf("  %d of %d copies (%.0f s)%n", to, copies, (System.nanoTime() - started) / 1e9);
        }
        run(db, "analyze");
        System.out.printf(
                "seeded %d decisions (%d real, %d copies) in %.0f s%n",
                count(db, "select count(*) from decision"), real, copies, (System.nanoTime() - started) / 1e9);
    }

    /**
     * What a working queue looks like: REFER decisions older than three days reviewed (half
     * approved, half denied with the decision's own reasons), and one denial in two hundred with
     * a human-review request, reviewed when older than three days. Runs once per data directory.
     */
    static void reviews(Connection db) throws Exception {
        if (count(db, "select count(*) from decision_event where body ->> 'note' = 'seeded by console-load'") > 0) {
            return;
        }
        long started = System.nanoTime();
        run(db, """
                insert into decision_event (id, decision_id, kind, body, recorded_at)
                select gen_random_uuid(), d.id, 'HUMAN_REVIEW_REQUEST',
                       jsonb_build_object('requestedBy', 'applicant', 'recordedBy', 'person:load-reviewer',
                                          'statement', 'seeded by console-load'),
                       d.decided_at + interval '1 hour'
                  from decision d
                 where d.outcome = 'DENY' and abs(hashtext(d.id::text)) % 200 = 0
                """);
        run(db, """
                insert into decision_event (id, decision_id, kind, body, recorded_at)
                select gen_random_uuid(), d.id, 'REVIEW',
                       jsonb_build_object('reviewer', 'load-reviewer', 'recordedBy', 'person:load-reviewer',
                                          'outcome', case when d.outcome = 'REFER' and hashtext(d.id::text) % 2 = 0
                                                          then 'APPROVE' else 'DENY' end,
                                          'reasons', case when d.outcome = 'REFER' and hashtext(d.id::text) % 2 = 0
                                                          then '[]'::jsonb else d.reasons end,
                                          'note', 'seeded by console-load'),
                       d.decided_at + interval '2 days'
                  from decision d
                 where d.decided_at < now() - interval '3 days'
                   and (d.outcome = 'REFER'
                        or exists (select 1 from decision_event r
                                    where r.decision_id = d.id and r.kind = 'HUMAN_REVIEW_REQUEST'))
                """);
        // what autovacuum does to these insert-only tables in a while: statistics, and the
        // visibility map that lets a period be read from the decision-time index alone
        run(db, "vacuum analyze decision");
        run(db, "vacuum analyze decision_event");
        run(db, "vacuum analyze review_queue");
        run(db, "vacuum analyze review_outcome");
        System.out.printf(
                "seeded %d review requests and %d reviews in %.0f s%n",
                count(db, "select count(*) from decision_event where kind = 'HUMAN_REVIEW_REQUEST'"),
                count(db, "select count(*) from decision_event where kind = 'REVIEW'"),
                (System.nanoTime() - started) / 1e9);
    }

    /** One person per role the screens need, password already their own. */
    static void people(Connection db) throws Exception {
        String hash = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(PASSWORD);
        for (String role : List.of("AUDITOR", "REVIEWER", "ANALYST")) {
            try (var s = db.prepareStatement("""
                    insert into person (user_name, display_name, role, password_hash, must_change_password,
                        created_at, created_by)
                    values (?, ?, ?, ?, false, now(), 'console-load') on conflict (user_name) do nothing
                    """)) {
                s.setString(1, "load-" + role.toLowerCase());
                s.setString(2, "Load " + role.toLowerCase());
                s.setString(3, role);
                s.setString(4, hash);
                s.executeUpdate();
            }
        }
    }

    /** A signed-in browser session: a cookie jar and the page's CSRF token. */
    record Session(HttpClient client, String base, String user) {

        static Session signIn(String base, String user) throws Exception {
            HttpClient client = HttpClient.newBuilder()
                    .cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            Session session = new Session(client, base, user);
            String page = session.get("/console/sign-in").body();
            Matcher csrf =
                    Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(page);
            if (!csrf.find()) {
                throw new IllegalStateException("no CSRF field on the sign-in page");
            }
            String form = "username=" + enc(user) + "&password=" + enc(PASSWORD) + "&_csrf=" + enc(csrf.group(1));
            HttpResponse<String> signedIn = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/console/sign-in"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String location = signedIn.headers().firstValue("Location").orElse("");
            if (signedIn.statusCode() != 302 || location.contains("error")) {
                throw new IllegalStateException(
                        "sign-in as " + user + " refused: " + signedIn.statusCode() + " " + location);
            }
            return session;
        }

        HttpResponse<String> get(String path) throws Exception {
            return client.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(Duration.ofMinutes(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    record Screen(String name, Session session, String path) {}

    static void measure(String base, Connection db, int samples) throws Exception {
        Session auditor = Session.signIn(base, "load-auditor");
        Session reviewer = Session.signIn(base, "load-reviewer");
        Session analyst = Session.signIn(base, "load-analyst");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String monthFrom =
                today.minusDays(90).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
        String monthTo =
                today.minusDays(60).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
        String firstPage = auditor.get("/console/decisions").body();
        Matcher next = Pattern.compile("href=\"(/console/decisions\\?[^\"]*cursor=[^\"]+)\"")
                .matcher(firstPage);
        String nextPath = next.find() ? next.group(1).replace("&amp;", "&") : null;
        String realDecision;
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(
                        "select d.id from decision d join chain_link c on c.subject_id = d.id order by d.decided_at desc limit 1")) {
            rs.next();
            realDecision = rs.getString(1);
        }
        String copiedDecision;
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(
                        "select d.id from decision d where d.application_id like '%-c%' order by d.decided_at limit 1")) {
            copiedDecision = rs.next() ? rs.getString(1) : realDecision;
        }
        List<Screen> screens = new ArrayList<>();
        screens.add(new Screen("Home", auditor, "/console"));
        screens.add(new Screen("Decisions, no filter", auditor, "/console/decisions"));
        screens.add(new Screen(
                "Decisions, DENY + R-DTI (none)", auditor, "/console/decisions?outcome=DENY&reasonCode=R-DTI"));
        screens.add(new Screen(
                "Decisions, DENY + R-PAYMENT-TO-INCOME",
                auditor,
                "/console/decisions?outcome=DENY&reasonCode=R-PAYMENT-TO-INCOME"));
        screens.add(new Screen(
                "Decisions, a 30-day period",
                auditor,
                "/console/decisions?from=" + enc(monthFrom) + "&to=" + enc(monthTo)));
        screens.add(new Screen("Decisions, product MORTGAGE", auditor, "/console/decisions?product=MORTGAGE"));
        if (nextPath != null) {
            screens.add(new Screen("Decisions, next page (keyset)", auditor, nextPath));
        }
        screens.add(new Screen("Decision page (real)", auditor, "/console/decisions/" + realDecision));
        screens.add(new Screen("Decision page (copy, a year old)", auditor, "/console/decisions/" + copiedDecision));
        screens.add(new Screen("Reviews queue", reviewer, "/console/reviews"));
        screens.add(new Screen("Audit (no verify)", auditor, "/console/audit"));
        screens.add(new Screen("Rules versions", analyst, "/console/rules"));
        screens.add(new Screen(
                "Fairness, a month",
                auditor,
                "/console/fairness?from=" + today.minusDays(29) + "&to=" + today + "&groupBy=thinFile"));
        screens.add(new Screen(
                "Fairness, the year",
                auditor,
                "/console/fairness?from=" + today.minusDays(364) + "&to=" + today + "&groupBy=thinFile"));

        System.out.printf(
                "%n%d decisions stored; load average before: %s%n",
                count(db, "select count(*) from decision"), loadAverage());
        System.out.printf("%-36s %6s %9s %9s %9s %8s%n", "screen", "status", "median", "p90", "max", "KB");
        for (Screen screen : screens) {
            time(screen, 5, samples);
        }
        time(new Screen("Audit, verify the whole chain", auditor, "/console/audit?verify=1"), 1, 3);
        System.out.printf("load average after: %s%n", loadAverage());
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            browse(base, screens, Math.max(3, samples / 3));
        } else {
            System.out.printf("no %s or %s: browser navigation timing skipped%n", CHROMIUM, CHROMEDRIVER);
        }
    }

    static final Path CHROMIUM = dev.arbiter.console.BrowserJourney.CHROMIUM;
    static final Path CHROMEDRIVER = dev.arbiter.console.BrowserJourney.CHROMEDRIVER;

    /**
     * The same screens in headless Chromium, 390 and 1,920 px wide: each page navigated to, then
     * its Navigation Timing entry read ({@code performance.getEntriesByType('navigation')[0]}):
     * {@code responseEnd} (the last byte of the page received) and {@code loadEventEnd} (its
     * styles, scripts and images loaded and the load event handled), both in ms from the start of
     * the navigation. Signed in through the form as each screen's person. 2 warm-up navigations,
     * then {@code samples}; medians.
     */
    static void browse(String base, List<Screen> screens, int samples) throws Exception {
        Path profile = Files.createTempDirectory("console-load-chromium-");
        ChromeDriver browser = dev.arbiter.console.BrowserJourney.headlessChromium(profile);
        try {
            browser.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(2));
            System.out.printf(
                    "%nChromium navigation timing (median of %d, ms from navigation start); load average before: %s%n",
                    samples, loadAverage());
            System.out.printf(
                    "%-36s %14s %14s %14s %14s%n", "screen", "390 response", "390 load", "1920 response", "1920 load");
            String signedInAs = null;
            for (Screen screen : screens) {
                String user = screen.session().user();
                if (!user.equals(signedInAs)) {
                    browser.manage().deleteAllCookies();
                    browser.get(base + "/console/sign-in");
                    browser.findElement(By.id("username")).sendKeys(user);
                    browser.findElement(By.id("password")).sendKeys(PASSWORD);
                    WebElement page = browser.findElement(By.tagName("html"));
                    browser.findElement(By.id("sign-in")).click();
                    new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> gone(page));
                    signedInAs = user;
                }
                double[] narrow = navigate(browser, base + screen.path(), 390, samples);
                double[] wide = navigate(browser, base + screen.path(), 1920, samples);
                System.out.printf(
                        "%-36s %12.0fms %12.0fms %12.0fms %12.0fms%n",
                        screen.name(), narrow[0], narrow[1], wide[0], wide[1]);
            }
            System.out.printf("load average after: %s%n", loadAverage());
        } finally {
            browser.quit();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Medians of responseEnd and loadEventEnd over {@code samples} navigations to {@code url}, after 2 warm-ups. */
    static double[] navigate(ChromeDriver browser, String url, int width, int samples) {
        browser.manage().window().setSize(new Dimension(width, 900));
        double[] response = new double[samples];
        double[] load = new double[samples];
        for (int i = -2; i < samples; i++) {
            browser.get(url);
            double[] entry = new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
                Object value = browser.executeScript("const n = performance.getEntriesByType('navigation')[0];"
                        + " return n && n.loadEventEnd > 0 ? [n.responseEnd, n.loadEventEnd] : null;");
                if (value instanceof List<?> list) {
                    return new double[] {((Number) list.get(0)).doubleValue(), ((Number) list.get(1)).doubleValue()};
                }
                return null;
            });
            if (!browser.getCurrentUrl().startsWith(url.substring(0, url.indexOf("/console")))
                    || browser.getCurrentUrl().contains("/sign-in")) {
                throw new IllegalStateException("sent away from " + url + " to " + browser.getCurrentUrl());
            }
            if (i >= 0) {
                response[i] = entry[0];
                load[i] = entry[1];
            }
        }
        Arrays.sort(response);
        Arrays.sort(load);
        return new double[] {response[samples / 2], load[samples / 2]};
    }

    private static boolean gone(WebElement page) {
        try {
            page.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    static void time(Screen screen, int warmup, int samples) throws Exception {
        int status = 0;
        int size = 0;
        for (int i = 0; i < warmup; i++) {
            screen.session().get(screen.path());
        }
        double[] ms = new double[samples];
        for (int i = 0; i < samples; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> response = screen.session().get(screen.path());
            ms[i] = (System.nanoTime() - t0) / 1e6;
            status = response.statusCode();
            size = response.body().length();
        }
        Arrays.sort(ms);
        System.out.printf(
                "%-36s %6d %7.1fms %7.1fms %7.1fms %8.1f%n",
                screen.name(),
                status,
                ms[samples / 2],
                ms[(int) Math.ceil(samples * 0.9) - 1],
                ms[samples - 1],
                size / 1024.0);
    }

    static String loadAverage() {
        try {
            return String.join(
                    " ",
                    Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (Exception e) {
            return "?";
        }
    }
}
