package dev.arbiter.stream;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.Http;
import dev.arbiter.console.BrowserJourney;
import dev.arbiter.security.Role;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The live page in Chromium: a reviewer opens {@code /console/live}, which follows the live
 * feed over the session's WebSocket; an application decided through the signed API then
 * appears in the table. A filter is part of the page's address.
 */
class LiveJourneyIT extends BrowserJourney {

    @Autowired
    ApplicationContext context;

    @Test
    void aReviewerOpensTheLivePageAndSeesADecisionMadeThroughTheSignedApiAppear() {
        signIn(newPerson(Role.REVIEWER));
        open("/console/live");
        assertThat(find("h1").getText()).isEqualTo("Live decisions");
        await("#live-feed[data-following='true']");
        assertThat(find("#live-status").getText()).startsWith("Following decisions");

        String applicationId = "live-" + UUID.randomUUID();
        Http.Answer decided = Http.to(context, "originator").post("/v1/decisions", steadyEmployedRenter(applicationId));
        assertThat(decided.status()).as(decided.body()).isEqualTo(201);
        String decisionId = decided.json().path("decisionId").asString();
        String outcome = decided.json().path("outcome").asString();

        var row = await("#decision-" + decisionId);
        assertThat(row.getText()).contains(applicationId).contains(outcome);
        assertThat(find("#decision-" + decisionId + " a").getAttribute("href"))
                .endsWith("/console/decisions/" + decisionId);
        screenshot("live");

        open("/console/live?outcome=" + outcome);
        await("#live-feed[data-following='true']");
        assertThat(new Select(find("#outcome")).getFirstSelectedOption().getText())
                .isEqualTo(outcome);
        assertThat(find("#live-status").getText()).contains("outcome " + outcome);
        String second = "live-" + UUID.randomUUID();
        Http.Answer again = Http.to(context, "originator").post("/v1/decisions", steadyEmployedRenter(second));
        assertThat(again.json().path("outcome").asString()).isEqualTo(outcome);
        assertThat(await("#decision-" + again.json().path("decisionId").asString())
                        .getText())
                .contains(second);
        narrow();
        screenshot("live-390");
    }

    @Test
    void anAnalystCannotOpenTheLivePage() {
        signIn(newPerson(Role.ANALYST));
        open("/console/live");
        assertThat(find("#forbidden").getText()).isEqualTo("Not for your role");
    }
}
