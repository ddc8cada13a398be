package dev.arbiter.console;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.Http;
import dev.arbiter.security.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Who reaches which screen: a signed-out visitor following a link to a decision signs in and
 * lands on that decision; a role that may not open a screen gets a 403 page (HTML, in the
 * layout), not the screen and not the API's problem JSON.
 */
class ConsoleAccessJourneyIT extends BrowserJourney {

    @Autowired
    ApplicationContext context;

    @Test
    void aSignedOutVisitorFollowingALinkSignsInAndLandsOnIt() {
        String decisionId = Http.workflow(context)
                .post("/v1/decisions", steadyEmployedRenter("journey-link-" + UUID.randomUUID()))
                .json()
                .path("decisionId")
                .asString();
        Login auditor = newPerson(Role.AUDITOR);

        open("/console/decisions/" + decisionId);
        assertThat(currentPath()).isEqualTo("/console/sign-in");
        find("#username").sendKeys(auditor.userName());
        find("#password").sendKeys(auditor.password());
        clickAndWait("#sign-in");

        assertThat(currentPath()).isEqualTo("/console/decisions/" + decisionId);
        assertThat(find("#outcome-card").getText()).contains(decisionId);
    }

    @Test
    void anAnalystOpeningTheAuditScreenGetsA403Page() throws Exception {
        signIn(newPerson(Role.ANALYST));
        assertThat(browser.findElements(By.cssSelector("nav a[href='/console/audit']")))
                .isEmpty();
        assertThat(browser.findElements(By.cssSelector("nav a[href='/console/decisions']")))
                .isEmpty();

        open("/console/audit");
        assertThat(find("#forbidden").getText()).isEqualTo("Not for your role");
        assertThat(find("main").getText()).contains("analyst");
        assertThat(browser.findElements(By.id("verify-button"))).isEmpty();
        screenshot("forbidden");

        HttpResponse<String> page = getWithSession("/console/audit");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("Not for your role").doesNotContain("\"code\"");
        HttpResponse<String> replay = getWithSession("/console/decisions");
        assertThat(replay.statusCode()).isEqualTo(403);
    }

    @Test
    void aReviewerMayNotReplayOrOpenTheAdverseActionNotice() throws Exception {
        String decisionId = Http.workflow(context)
                .post("/v1/decisions", steadyEmployedRenter("journey-role-" + UUID.randomUUID()))
                .json()
                .path("decisionId")
                .asString();
        signIn(newPerson(Role.REVIEWER));
        open("/console/decisions/" + decisionId);
        assertThat(browser.findElements(By.id("replay"))).isEmpty();
        assertThat(getWithSession("/console/decisions/" + decisionId + "/adverse-action")
                        .statusCode())
                .isEqualTo(403);
        assertThat(getWithSession("/console/audit").statusCode()).isEqualTo(403);
    }

    @Test
    void personalDataIsMaskedOnADecisionPageAsTheApiMasksItForTheRole() {
        var app = steadyEmployedRenter("journey-pii-" + UUID.randomUUID());
        app.put(
                "pii",
                java.util.Map.of(
                        "name",
                        "Wanda Quist",
                        "nationalId",
                        "NX884213Q",
                        "email",
                        "wq@example.org",
                        "phone",
                        "+4915112345678"));
        String decisionId = Http.workflow(context)
                .post("/v1/decisions", app)
                .json()
                .path("decisionId")
                .asString();

        signIn(newPerson(Role.REVIEWER));
        open("/console/decisions/" + decisionId);
        String masked = find("#personal-data").getText();
        assertThat(masked)
                .contains("masked for your role")
                .contains("W*** Q***")
                .contains("***3Q");
        assertThat(masked).doesNotContain("Wanda").doesNotContain("NX884213Q").doesNotContain("wq@");

        browser.manage().deleteAllCookies();
        signIn(newPerson(Role.AUDITOR));
        open("/console/decisions/" + decisionId);
        String clear = find("#personal-data").getText();
        assertThat(clear).contains("Wanda Quist").contains("NX884213Q").doesNotContain("masked");
    }

    private HttpResponse<String> getWithSession(String path) throws Exception {
        String cookie = browser.manage().getCookieNamed("ARBITER_CONSOLE").getValue();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Cookie", "ARBITER_CONSOLE=" + cookie)
                .GET()
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
