package dev.arbiter.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.Http;
import dev.arbiter.Keys;
import dev.arbiter.console.BrowserJourney;
import dev.arbiter.console.ConsoleSessions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The admin screens in Chromium: an admin rotates a client's key (the new secret shown once;
 * the signed API then refuses the old key and accepts the new one), an admin creates a
 * reviewer who signs in with the one-time password and must change it, an analyst cannot open
 * the admin pages, a signed-out visitor is sent to sign in.
 */
class AdminJourneyIT extends BrowserJourney {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clients clients;

    @Test
    void anAdminRotatesAClientsKeyAndTheSignedApiRefusesTheOldOne() {
        Login admin = newPerson(Role.ADMIN);
        signIn(admin);
        open("/console/admin/clients");
        assertThat(find("h1").getText()).isEqualTo("API clients and keys");

        String name = "Point of sale " + UUID.randomUUID().toString().substring(0, 6);
        find("#client-name").sendKeys(name);
        clickAndWait("#create-client");
        assertThat(find("#admin-notice").getText()).contains("created");
        String clientId = browser.findElements(By.cssSelector("section.client")).stream()
                .filter(s -> s.getText().contains(name))
                .findFirst()
                .orElseThrow()
                .getAttribute("id");

        new Select(find("#issue-role-" + clientId)).selectByValue("auditor");
        clickAndWait("#" + clientId + " button.issue");
        assertThat(find("#shown-once").getText()).contains("shown once");
        String oldKeyId = find("#key-id").getText();
        String oldSecret = find("#secret").getText();
        assertThat(oldSecret).matches("[0-9a-f]{64}");
        Http api = new Http(port, Keys.Key.of(oldKeyId, oldSecret));
        assertThat(api.get("/v1/decisions").status()).isEqualTo(200);

        open("/console/admin/clients");
        assertThat(browser.getPageSource()).as("the secret is not shown again").doesNotContain(oldSecret);
        clickAndWait("#key-" + oldKeyId + " button.rotate");
        assertThat(find("h1").getText()).isEqualTo("Key " + oldKeyId + " is rotated");
        assertThat(find("#shown-once").getText()).contains("shown once");
        assertThat(find("#copy-secret").getText()).isEqualTo("Copy");
        String newKeyId = find("#key-id").getText();
        String newSecret = find("#secret").getText();
        assertThat(newKeyId).isNotEqualTo(oldKeyId);
        assertThat(newSecret).matches("[0-9a-f]{64}").isNotEqualTo(oldSecret);
        screenshot("admin-key-secret");

        Http.Answer old = api.get("/v1/decisions");
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.code()).isEqualTo("KEY_REVOKED");
        assertThat(api.as(Keys.Key.of(newKeyId, newSecret)).get("/v1/decisions").status())
                .isEqualTo(200);

        open("/console/admin/clients");
        assertThat(find("#key-" + oldKeyId).getText()).contains("revoked");
        assertThat(find("#key-" + newKeyId).getText()).contains("active").contains("auditor");
        assertThat(browser.getPageSource()).doesNotContain(newSecret);
        browser.executeScript("document.getElementById(arguments[0]).scrollIntoView()", clientId);
        screenshot("admin-clients");

        new Select(find("#link-" + clientId)).selectByValue(admin.userName());
        clickAndWait("#" + clientId + " button.link");
        assertThat(find("#admin-notice").getText()).contains("acts for " + admin.userName());
        assertThat(find("#" + clientId).getText()).contains("acts for " + admin.userName());
        assertThat(clients.client(clientId).orElseThrow().person()).isEqualTo(admin.userName());

        String actor = "person:" + admin.userName();
        assertThat(jdbc.sql("select action from admin_action where actor = ? and subject = ? order by id")
                        .params(actor, oldKeyId)
                        .query(String.class)
                        .list())
                .containsExactly("key issued", "key rotated");
        assertThat(jdbc.sql("select action from admin_action where actor = ? and subject = ? order by id")
                        .params(actor, clientId)
                        .query(String.class)
                        .list())
                .containsExactly("client created", "client linked");
        assertThat(jdbc.sql("select count(*) from admin_action where actor = ? and subject = ?")
                        .params(actor, newKeyId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void anAdminCreatesAReviewerWhoSignsInWithTheOneTimePasswordAndMustChangeIt() {
        Login admin = newPerson(Role.ADMIN);
        signIn(admin);
        open("/console/admin/people");
        String reviewer = "reviewer-" + UUID.randomUUID().toString().substring(0, 8);
        find("#user-name").sendKeys(reviewer);
        find("#display-name").sendKeys("Rita <script>alert(1)</script> Review");
        new Select(find("#new-role")).selectByValue("reviewer");
        clickAndWait("#create-person");

        assertThat(find("h1").getText()).isEqualTo(reviewer + " is created");
        assertThat(find("#shown-once").getText())
                .contains("shown once")
                .contains("Rita <script>alert(1)</script> Review");
        String oneTime = find("#secret").getText();
        assertThat(oneTime).hasSize(20);
        screenshot("admin-person-created");

        open("/console/admin/people");
        assertThat(browser.getPageSource()).doesNotContain(oneTime);
        assertThat(find("#person-" + reviewer).getText()).contains("must change password");
        assertThat(find("#admin-actions").getText()).contains("person created").contains(reviewer);
        screenshot("admin-people");
        narrow();
        browser.navigate().refresh();
        screenshot("admin-people-390");

        clickAndWait("#sign-out");
        signIn(reviewer, oneTime);
        assertThat(currentPath()).isEqualTo("/console/password");
        assertThat(find("#password-required").getText()).contains("choose your own");
        open("/console/live");
        assertThat(currentPath()).as("nothing before the password is changed").isEqualTo("/console/password");
        String chosen = "a reviewer's own passphrase";
        find("#current").sendKeys(oneTime);
        find("#new-password").sendKeys(chosen);
        find("#repeated").sendKeys(chosen);
        clickAndWait("#change-password");
        assertThat(currentPath()).isEqualTo("/console");
        assertThat(find(".who .badge").getText()).isEqualTo("reviewer");
        assertThat(people.find(reviewer).orElseThrow().createdBy()).isEqualTo("person:" + admin.userName());
    }

    @Test
    void anAdminDisablesAPersonWhoseOpenSessionThenEnds() throws Exception {
        Login analyst = newPerson(Role.ANALYST);
        String cookie = sessionOf(analyst);
        assertThat(get("/console", cookie).statusCode()).isEqualTo(200);

        Login admin = newPerson(Role.ADMIN);
        signIn(admin);
        open("/console/admin/people");
        clickAndWait("#person-" + analyst.userName() + " button.disable");
        assertThat(find("#admin-notice").getText()).contains("is disabled");
        assertThat(find("#person-" + analyst.userName()).getText()).contains("disabled");

        var after = get("/console", cookie);
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).contains("/console/sign-in");
        assertThat(people.signIn(analyst.userName(), analyst.password())).isInstanceOf(People.Refused.class);
    }

    @Test
    void anAnalystCannotOpenTheAdminPages() throws Exception {
        Login analyst = newPerson(Role.ANALYST);
        signIn(analyst);
        assertThat(browser.findElements(By.cssSelector(".nav a")).stream()
                        .map(a -> a.getText())
                        .toList())
                .doesNotContain("People", "API clients");
        open("/console/admin/people");
        assertThat(find("#forbidden").getText()).isEqualTo("Not for your role");
        assertThat(find("main").getText()).contains("analyst");
        screenshot("forbidden");
        open("/console/admin/clients");
        assertThat(find("#forbidden").getText()).isEqualTo("Not for your role");

        String cookie = "ARBITER_CONSOLE="
                + browser.manage().getCookieNamed("ARBITER_CONSOLE").getValue();
        var page = get("/console/admin/people", cookie);
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(get("/console/admin/clients", cookie).statusCode()).isEqualTo(403);
    }

    @Test
    void aSignedOutVisitorToAdminIsSentToSignIn() {
        open("/console/admin");
        assertThat(currentPath()).isEqualTo("/console/sign-in");
        open("/console/admin/clients");
        assertThat(currentPath()).isEqualTo("/console/sign-in");
    }

    // --- a second session, over plain HTTP

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base() + path))
                        .header("Cookie", cookie)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in over HTTP (the form, with its CSRF token) and returns the session cookie. */
    private String sessionOf(Login login) throws Exception {
        return ConsoleSessions.signIn(base(), login.userName(), login.password());
    }
}
