package dev.arbiter.review;

import static dev.arbiter.AuditFixtures.overdrawnWithLittleSavings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.Http;
import dev.arbiter.console.BrowserJourney;
import dev.arbiter.security.Role;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A reviewer's journey: a REFER decided through the signed API waits in the queue with its age,
 * the reviewer approves it with a note, and the decision page then shows the final outcome; the
 * note, which holds a script tag, is shown as text and runs nothing.
 */
class ReviewsJourneyIT extends BrowserJourney {

    private static final String HOSTILE_NOTE = "<script>alert(1)</script> payslips checked";

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    private String referred(String applicationId) {
        JsonNode decision = Http.workflow(context)
                .post("/v1/decisions", overdrawnWithLittleSavings(applicationId))
                .json();
        assertThat(decision.path("outcome").asString()).isEqualTo("REFER");
        return decision.path("decisionId").asString();
    }

    @Test
    void aReviewerClearsAReferAndTheDecisionShowsTheFinalOutcome() {
        String applicationId = "journey-refer-" + UUID.randomUUID();
        String decisionId = referred(applicationId);
        var reviewer = newPerson(Role.REVIEWER);
        signIn(reviewer);

        find("nav a[href='/console/reviews']").click();
        await("#open-queue");
        var row = find("#open-queue tr[data-decision='" + decisionId + "']");
        assertThat(row.getText()).contains(applicationId).contains("REFER").contains("referred by the rules");
        assertThat(row.findElement(By.cssSelector(".age")).getText()).matches("\\d+ (min|h \\d+ min|d \\d+ h)");
        screenshot("reviews");

        row.findElement(By.cssSelector("a.review-link")).click();
        await("#review-form");
        assertThat(currentPath()).isEqualTo("/console/reviews/" + decisionId);
        // the reason codes come from the active ruleset's table, each with its consumer wording
        assertThat(find("label:has(#reason-R-DTI)").getText()).contains("Excessive obligations in relation to income");
        find("#outcome-approve").click();
        find("#note").sendKeys(HOSTILE_NOTE);
        screenshot("review-form");
        clickAndWait("#submit-review");

        assertThat(currentPath()).isEqualTo("/console/decisions/" + decisionId);
        assertThat(find("#outcome").getText()).isEqualTo("REFER");
        assertThat(find("#final-outcome").getText()).isEqualTo("APPROVE");
        assertThat(find("#reviews").getText()).contains("person:" + reviewer.userName());
        noScriptRan();
        new Actions(browser).scrollToElement(find("#reviews")).perform();
        screenshot("decision-reviewed");

        // recorded under the person signed in, as the API's reviews are under their client
        String recordedBy = jdbc.sql(
                        "select body ->> 'recordedBy' from decision_event where decision_id = ?::uuid and kind = 'REVIEW'")
                .param(decisionId)
                .query(String.class)
                .single();
        assertThat(recordedBy).isEqualTo("person:" + reviewer.userName());

        // the history of the review, and the queue no longer holds it
        open("/console/reviews/" + decisionId);
        assertThat(find("#history").getText()).contains("reviewed to APPROVE");
        assertThat(browser.findElements(By.id("review-form"))).isEmpty();
        noScriptRan();
        open("/console/reviews");
        assertThat(browser.findElements(By.cssSelector("#open-queue tr[data-decision='" + decisionId + "']")))
                .isEmpty();
    }

    /** The note reads as the reviewer typed it, and no script element or alert came of it. */
    private void noScriptRan() {
        assertThat(find(".note").getText()).isEqualTo(HOSTILE_NOTE);
        assertThat(browser.findElements(By.cssSelector("main script"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(HOSTILE_NOTE);
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void aDenialWithoutReasonsIsRefusedOnTheFormSayingWhy() {
        String decisionId = referred("journey-refer-" + UUID.randomUUID());
        signIn(newPerson(Role.REVIEWER));
        open("/console/reviews/" + decisionId);
        find("#outcome-deny").click();
        clickAndWait("#submit-review");
        assertThat(find("#review-errors").getText()).contains("a denial needs its principal reasons");
        assertThat(find("#outcome-deny").isSelected()).isTrue();
        open("/console/decisions/" + decisionId);
        assertThat(find("#final-outcome").getText()).isEqualTo("REFER");
    }
}
