package dev.arbiter.fairness;

import static dev.arbiter.ApplicationFixture.applicant;
import static dev.arbiter.ApplicationFixture.creditFile;
import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.Http;
import dev.arbiter.console.BrowserJourney;
import dev.arbiter.security.Role;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * An analyst searches for fairer alternatives in the browser, over the decisions of {@link
 * AlternativesIT}'s worked example (tagged by a monitoring field so only they are compared):
 * the minimum monthly income at 800 (the base), 700, 640 and 600. As worked out there, the base,
 * 800, 700 and 600 are on the frontier of expected loss against AIR; 640 is not (700 is both
 * cheaper and fairer); with a tolerance between what 700 and 640 add to the base's cost, 700 alone is no worse and fairer.
 */
class AlternativesJourneyIT extends BrowserJourney {

    @Autowired
    ApplicationContext context;

    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    private String seed(String cohort, int income, String outcome) {
        Map<String, Object> app = steadyEmployedRenter("altj-" + UUID.randomUUID());
        applicant(app).put("monthlyIncome", income);
        app.put("requestedAmount", 600);
        app.put("termMonths", 12);
        creditFile(app).put("monthlyDebtPayments", 0);
        app.put("monitoring", Map.of("altRun", cohort));
        JsonNode decision =
                Http.to(context, "originator").post("/v1/decisions", app).json();
        assertThat(decision.path("outcome").asString()).as(decision.toString()).isEqualTo(outcome);
        return decision.path("rulesetVersion").asString();
    }

    @Test
    void anAnalystRunsASmallGridAndSeesTheFrontierMarked() {
        String g = "G-" + tag;
        String r = "R-" + tag;
        String version = seed(g, 1000, "APPROVE");
        seed(g, 600, "DENY");
        seed(g, 700, "DENY");
        seed(g, 760, "DENY");
        for (int i = 0; i < 4; i++) {
            seed(r, 3800, "APPROVE");
        }
        seed(r, 640, "DENY");

        // a tolerance half-way between what 700 and what 640 add to the base's expected loss, from
        // the API's own answer: only 700 is then no worse and fairer (as in AlternativesIT)
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("rulesetVersion", version);
        body.put(
                "grid",
                List.of(Map.of("pointer", "/eligibility/minMonthlyIncome", "values", List.of(800, 700, 640, 600))));
        body.put("from", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
        body.put("to", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
        body.put("groupBy", "monitoring.altRun");
        body.put("reference", r);
        body.put("group", g);
        body.put("tolerance", Map.of("metric", "EXPECTED_LOSS", "maxIncrease", 0));
        JsonNode api = Http.to(context, "analyst")
                .post("/v1/reports/fairness/alternatives", body)
                .json();
        double increase700 = api.path("variants").get(2).path("lossIncrease").asDouble();
        double increase640 = api.path("variants").get(3).path("lossIncrease").asDouble();
        assertThat(increase640).as(api.toString()).isGreaterThan(increase700);
        String tolerance = String.format(java.util.Locale.ROOT, "%.4f", (increase700 + increase640) / 2);

        signIn(newPerson(Role.ANALYST));
        clickAndWait("a[href='/console/fairness']");
        clickAndWait("#alternatives-link");
        assertThat(currentPath()).isEqualTo("/console/fairness/alternatives");
        assertThat(new Select(find("#a-version")).getFirstSelectedOption().getAttribute("value"))
                .as("the active version is chosen by default")
                .isEqualTo(version);

        find("#a-group-by").clear();
        find("#a-group-by").sendKeys("monitoring.altRun");
        find("#a-reference").sendKeys(r);
        find("#a-group").sendKeys(g);
        find("#a-pointer-1").sendKeys("/eligibility/minMonthlyIncome");
        find("#a-values-1").sendKeys("800, 700, 640, 600");
        assertThat(browser.findElements(By.cssSelector("input[name='pointer']")))
                .hasSize(3);
        clickAndWait("#add-row");
        assertThat(browser.findElements(By.cssSelector("input[name='pointer']")))
                .as("one more grid row, without a script")
                .hasSize(4);
        assertThat(find("#a-values-1").getAttribute("value")).isEqualTo("800, 700, 640, 600");
        assertThat(find("#a-group").getAttribute("value")).isEqualTo(g);
        find("#a-tolerance").clear();
        find("#a-tolerance").sendKeys(tolerance);
        clickAndWait("#run-search");

        assertThat(browser.findElements(By.id("refusal"))).isEmpty();
        assertThat(browser.getCurrentUrl()).as("a shareable URL").contains("groupBy=monitoring.altRun");
        assertThat(row(0).getText())
                .contains("base (no change)")
                .contains("0.31")
                .contains("frontier");
        assertThat(row(2).getText())
                .contains("/eligibility/minMonthlyIncome = 700")
                .contains("0.94");
        for (int frontier : new int[] {0, 1, 2, 4}) {
            assertThat(row(frontier).findElements(By.cssSelector(".badge.frontier")))
                    .as("variant " + frontier + " on the frontier")
                    .hasSize(1);
        }
        assertThat(row(3).findElements(By.cssSelector(".badge.frontier")))
                .as("640 is dominated by 700")
                .isEmpty();
        assertThat(row(2).getText()).contains("no worse and fairer");
        for (int other : new int[] {0, 1, 3, 4}) {
            assertThat(row(other).getText()).as("variant " + other).doesNotContain("no worse and fairer");
        }
        assertThat(browser.findElements(By.cssSelector("#alternatives-chart g.point.fairer")))
                .as("the ring on 700 alone")
                .hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#alternatives-chart g.limit line")))
                .as("the tolerance's limit drawn")
                .hasSize(1);

        List<WebElement> frontierPoints = browser.findElements(By.cssSelector("#alternatives-chart g.point.frontier"));
        assertThat(frontierPoints).hasSize(4);
        assertThat(browser.findElements(By.cssSelector("#alternatives-chart g.point.base rect")))
                .as("the base drawn apart")
                .hasSize(1);
        assertThat(find("#alternatives-chart g.point[data-variant='3']").getAttribute("class"))
                .doesNotContain("frontier");
        assertThat(find("#alternatives-chart path.frontier-line").getAttribute("d"))
                .startsWith("M");
        browser.executeScript("document.getElementById('alternatives-chart').scrollIntoView();");
        screenshot("fairness-alternatives");
        browser.executeScript("document.getElementById('alternatives-table').scrollIntoView();");
        screenshot("fairness-alternatives-table");
        narrow();
        browser.executeScript("document.getElementById('alternatives-form').scrollIntoView();");
        screenshot("fairness-alternatives-form-narrow");

        // a refused form says which field and what would do
        open("/console/fairness/alternatives?run=1&groupBy=thinFile&reference=false&group=true"
                + "&pointer=eligibility&values=a,b&metric=EXPECTED_LOSS&maxIncrease=1");
        assertThat(find("#refusal").getText()).contains("Grid row 1").contains("JSON Pointer");
    }

    private WebElement row(int variant) {
        return find("#alternatives-table tr[data-variant='" + variant + "']");
    }
}
