package dev.arbiter.recording;

import static dev.arbiter.ApplicationFixture.creditFile;
import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.Http;
import dev.arbiter.console.BrowserJourney;
import dev.arbiter.security.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * An auditor's journey through the decision screens: a denial for debt to income decided
 * through the signed API, found by searching denials with reason R-DTI, opened, replayed
 * (identical), its adverse-action notice opened to print, the search exported as CSV, and the
 * chain verified.
 */
class DecisionsJourneyIT extends BrowserJourney {

    @Autowired
    ApplicationContext context;

    /** An applicant whose existing debts take most of their income: denied for debt to income (R-DTI). */
    private JsonNode deniedForDebtToIncome(String applicationId) {
        Map<String, Object> app = steadyEmployedRenter(applicationId);
        creditFile(app).put("monthlyDebtPayments", 2400);
        JsonNode decision = Http.workflow(context).post("/v1/decisions", app).json();
        assertThat(decision.path("outcome").asString()).isEqualTo("DENY");
        assertThat(decision.path("reasons")
                        .valueStream()
                        .map(r -> r.path("code").asString()))
                .contains("R-DTI");
        return decision;
    }

    @Test
    void anAuditorFindsADenialForDebtToIncomeReplaysItPrintsItsNoticeAndVerifiesTheChain() throws Exception {
        String applicationId = "journey-dti-" + UUID.randomUUID();
        String decisionId =
                deniedForDebtToIncome(applicationId).path("decisionId").asString();
        signIn(newPerson(Role.AUDITOR));

        find("nav a[href='/console/decisions']").click();
        assertThat(currentPath()).isEqualTo("/console/decisions");
        new Select(find("#outcome")).selectByValue("DENY");
        find("#reasonCode").sendKeys("R-DTI");
        clickAndWait("#search-button");
        // the filters are in the URL: the search is a link to share
        assertThat(browser.getCurrentUrl()).contains("outcome=DENY").contains("reasonCode=R-DTI");
        assertThat(new Select(find("#outcome")).getFirstSelectedOption().getText())
                .isEqualTo("DENY");
        var row = find("#results").findElement(By.xpath(".//tr[td[normalize-space()='" + applicationId + "']]"));
        assertThat(row.getText()).contains("DENY").contains("R-DTI").contains("AF-01");
        screenshot("decisions");

        // the same filters as CSV, from the export link, with the session's cookie
        HttpResponse<String> csv = getWithSession(find("#export").getAttribute("href"));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("decisionId,applicationId,").contains(decisionId + "," + applicationId);
        assertThat(csv.body().lines().skip(1))
                .allSatisfy(line -> assertThat(line).contains(",DENY,"));

        row.findElement(By.cssSelector("a.decision-link")).click();
        await("#outcome-card");
        assertThat(currentPath()).isEqualTo("/console/decisions/" + decisionId);
        assertThat(find("#outcome").getText()).isEqualTo("DENY");
        assertThat(find("#final-outcome").getText()).isEqualTo("DENY");
        assertThat(find("#reasons").getText())
                .contains("R-DTI")
                .contains("Excessive obligations in relation to income");
        assertThat(find("#requested").getText()).startsWith("4000 EUR over 24 months");
        assertThat(find("#fired-rules").getText()).contains("AF-01").contains("DENY");
        assertThat(find("#models").getText()).contains("PRIMARY");
        assertThat(find("#ruleset-link").getAttribute("href")).contains("/console/rules/versions/");
        screenshot("decision");

        find("#replay").click();
        assertThat(await("#replay-identical").getText()).startsWith("Identical.");
        screenshot("decision-replayed");

        clickAndWait("#adverse-action");
        assertThat(currentPath()).isEqualTo("/console/decisions/" + decisionId + "/adverse-action");
        assertThat(find("h1").getText()).isEqualTo("Notice of action taken");
        assertThat(find("#action-taken").getText()).isEqualTo("DENIED");
        assertThat(find("#principal-reasons").getText()).contains("(R-DTI)");
        assertThat(find("#print").getAttribute("data-print")).isNotNull();
        screenshot("adverse-action-notice");

        find("nav a[href='/console/audit']").click();
        await("#verify-button");
        clickAndWait("#verify-button");
        assertThat(find("#chain-intact").getText()).startsWith("Intact.");
        assertThat(find("#public-key").getText()).contains("BEGIN PUBLIC KEY");
        screenshot("audit");
    }

    @Test
    void theAuditScreenShowsThePurgeOfADecisionPastItsRetention() {
        String decisionId = deniedForDebtToIncome("journey-purge-" + UUID.randomUUID())
                .path("decisionId")
                .asString();
        // as if its retention period had ended: the purge then removes its application
        dev.arbiter.OwnerJdbc.of(context)
                .sql("update decision set retain_until = now() - interval '1 day' where id = ?::uuid")
                .param(decisionId)
                .update();
        int purged = context.getBean(dev.arbiter.audit.JdbcPurge.class).purgeDue();
        assertThat(purged).isGreaterThanOrEqualTo(1);

        signIn(newPerson(Role.AUDITOR));
        open("/console/audit");
        String retention = find("#retention").getText();
        assertThat(retention).doesNotContain("Last personal data removed never");
        assertThat(retention).contains(purged + " purged").doesNotContain("none since this node started");
        // the decision stays, its application is gone: the page says so instead of the requested terms
        open("/console/decisions/" + decisionId);
        assertThat(find("#terms").getText()).contains("removed with the application");
    }

    @Test
    void anInvalidFilterIsNamedWithWhatWouldBeValid() {
        signIn(newPerson(Role.REVIEWER));
        open("/console/decisions?rulesetVersion=abc&reasonCode=r-dti");
        String alert = find("[role=alert]").getText();
        assertThat(alert).contains("rulesetVersion").contains("64 lower-case hex digits");
        assertThat(alert).contains("reasonCode").contains("a reason code such as R-DTI");
    }

    @Test
    void theNextPageLinkContinuesWhereThePageEnded() {
        String older = "journey-page-" + UUID.randomUUID();
        String newer = "journey-page-" + UUID.randomUUID();
        deniedForDebtToIncome(older);
        deniedForDebtToIncome(newer);
        signIn(newPerson(Role.AUDITOR));
        open("/console/decisions?outcome=DENY&reasonCode=R-DTI&limit=1");
        assertThat(find("#results tbody").getText()).contains(newer).doesNotContain(older);
        assertThat(browser.findElements(By.id("first-page"))).isEmpty();

        clickAndWait("#next-page");
        assertThat(browser.getCurrentUrl())
                .contains("cursor=")
                .contains("reasonCode=R-DTI")
                .contains("limit=1");
        assertThat(find("#results tbody").getText()).contains(older).doesNotContain(newer);
        clickAndWait("#first-page");
        assertThat(browser.getCurrentUrl()).doesNotContain("cursor=");
        assertThat(find("#results tbody").getText()).contains(newer);
    }

    @Test
    void aPhoneSizedSearchStillShowsTheFiltersAndResults() {
        deniedForDebtToIncome("journey-dti-narrow-" + UUID.randomUUID());
        signIn(newPerson(Role.AUDITOR));
        narrow();
        open("/console/decisions?outcome=DENY&reasonCode=R-DTI&limit=100");
        assertThat(find("#results").isDisplayed()).isTrue();
        screenshot("decisions-390");
    }

    private HttpResponse<String> getWithSession(String url) throws Exception {
        String cookie = browser.manage().getCookieNamed("ARBITER_CONSOLE").getValue();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Cookie", "ARBITER_CONSOLE=" + cookie)
                .GET()
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
