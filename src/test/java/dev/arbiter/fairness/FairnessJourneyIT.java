package dev.arbiter.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ApplicationFixture;
import dev.arbiter.Http;
import dev.arbiter.console.BrowserJourney;
import dev.arbiter.security.Role;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** An auditor runs the fairness report in the browser and reads its table, chart and flags. */
class FairnessJourneyIT extends BrowserJourney {

    @Autowired
    ApplicationContext context;

    @Test
    void anAuditorRunsTheReportAndSeesTheTableAndTheChart() {
        Http originator = Http.to(context, "originator");
        // at least the report's minimum group size (30) on each side, so the flag is a verdict, not TOO_FEW
        for (int i = 0; i < 30; i++) {
            assertThat(originator
                            .post("/v1/decisions", ApplicationFixture.steadyEmployedRenter("fair-" + UUID.randomUUID()))
                            .status())
                    .isEqualTo(201);
        }
        for (int i = 0; i < 30; i++) {
            var minor = ApplicationFixture.minor("fair-" + UUID.randomUUID());
            @SuppressWarnings("unchecked")
            var monitoring = (java.util.Map<String, Object>) minor.get("monitoring");
            monitoring.put("sex", "male");
            assertThat(originator.post("/v1/decisions", minor).status()).isEqualTo(201);
        }

        signIn(newPerson(Role.AUDITOR));
        clickAndWait("a[href='/console/fairness']");
        find("#f-group").clear();
        find("#f-group").sendKeys("monitoring.sex");
        find("#f-ref").sendKeys("female");
        clickAndWait("#run-report");

        assertThat(currentPath()).isEqualTo("/console/fairness");
        assertThat(browser.getCurrentUrl()).as("a shareable URL").contains("groupBy=monitoring.sex");
        WebElement reference = find("#fairness-table tr[data-group='female']");
        assertThat(reference.getText()).contains("REFERENCE");
        List<WebElement> bars = browser.findElements(By.cssSelector("#fairness-chart svg g.bar rect"));
        assertThat(bars).isNotEmpty();
        assertThat(bars.get(0).getAttribute("width")).isNotEqualTo("0.0");
        assertThat(browser.findElements(By.cssSelector("#fairness-chart .four-fifths line")))
                .as("the 0.8 line")
                .hasSize(1);
        assertThat(find("#flag-explanations").getText())
                .contains("female is the reference")
                .contains("Group male is approved at")
                .contains("below the four-fifths line");
        assertThat(find("#fairness-table tr[data-group='male']").getText()).contains("FAIL");
        assertThat(find("#repayment-table").getText()).contains("female");
        screenshot("fairness");
        browser.executeScript("document.getElementById('fairness-table').scrollIntoView();");
        screenshot("fairness-table");

        // a refused form says which field and what would do
        open("/console/fairness?groupBy=colour&from=2026-01-01&to=2026-01-31");
        assertThat(find("#refusal").getText()).contains("Group by").contains("thinFile, ageBand or monitoring.");
    }
}
