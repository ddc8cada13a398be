package dev.arbiter.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ApplicationFixture;
import dev.arbiter.Http;
import dev.arbiter.console.BrowserJourney;
import dev.arbiter.security.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * An analyst changes one threshold in the browser, meets a compile error at its line, runs the
 * cases and a backtest; a second person approves and activates; the next decision is made under
 * the new version. An instance of its own ({@link AuthoringIT}'s), as it activates a version.
 */
@TestPropertySource(properties = "arbiter.rulesets.sync-interval=3s")
class RulesJourneyIT extends BrowserJourney {

    @Autowired
    ApplicationContext context;

    @Autowired
    RulesetAuthoring authoring;

    @Test
    void anAnalystLowersAThresholdAndASecondPersonActivatesIt() {
        Http originator = Http.to(context, "originator");
        // last week's decisions: renters with two delinquencies (approved under "maxDelinquencies": 2)
        List<String> delinquent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> app = ApplicationFixture.steadyEmployedRenter("journey-" + UUID.randomUUID());
            ApplicationFixture.creditFile(app).put("delinquencies", 2);
            Http.Answer answer = originator.post("/v1/decisions", app);
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            assertThat(answer.json().path("outcome").asString()).isEqualTo("APPROVE");
            delinquent.add(answer.json().path("decisionId").asString());
        }
        String before = authoring.list().stream()
                .filter(v -> v.status() == RulesetStatus.ACTIVE)
                .findFirst()
                .orElseThrow()
                .version();
        Login analyst = newPerson(Role.ANALYST);
        Login approver = newPerson(Role.APPROVER);

        // the analyst finds the active version and starts a draft from it
        signIn(analyst);
        clickAndWait("a[href='/console/rules']");
        assertThat(find("#versions").getText()).contains(before.substring(0, 16));
        screenshot("rules-versions");
        clickAndWait("#versions tr[data-version='" + before + "'] a");
        assertThat(find("#status").getText()).isEqualTo("ACTIVE");
        clickAndWait("#start-draft");
        await("html[data-editor='codemirror']");
        assertThat(browser.findElements(By.cssSelector(".CodeMirror .cm-number")))
                .as("parameters.json is highlighted as JSON")
                .isNotEmpty();
        String parameters = editorText();
        assertThat(parameters).contains("\"maxDelinquencies\": 2");
        setEditorText(parameters.replace("\"maxDelinquencies\": 2", "\"maxDelinquencies\": 1"));
        clickAndWait("#save");
        assertThat(find("#saved").getText()).contains("new draft");
        String draft = find("#base-version").getText();
        assertThat(draft).isNotEqualTo(before);
        screenshot("rules-edit");

        // a typo in a DRL file: the error is listed and marked at its line, nothing is stored
        clickAndWait(".file-list a[href*='file=credit-file.drl']");
        await("html[data-editor='codemirror']");
        assertThat(browser.findElements(By.cssSelector(".CodeMirror .cm-keyword")))
                .as("DRL is highlighted")
                .isNotEmpty();
        String drl = editorText();
        String typo = drl.replace("creditFile.delinquencies >", "creditFile.delinquencis >");
        int typoLine = lineOf(typo, "delinquencis");
        int versionsBefore = authoring.list().size();
        setEditorText(typo);
        clickAndWait("#save");
        assertThat(find("#refusal").getText()).contains("does not compile");
        List<WebElement> errors =
                browser.findElements(By.cssSelector("#compile-errors li[data-file='credit-file.drl']"));
        assertThat(errors).isNotEmpty();
        List<String> errorLines =
                errors.stream().map(e -> e.getAttribute("data-line")).toList();
        assertThat(errorLines).as(find("#compile-errors").getText()).contains(String.valueOf(typoLine));
        await(".CodeMirror .cm-error-line");
        assertThat(browser.findElements(By.cssSelector(".CodeMirror .cm-error-line .CodeMirror-linenumber")).stream()
                        .map(WebElement::getText)
                        .toList())
                .as("the editor marks the line of the error")
                .contains(String.valueOf(typoLine));
        assertThat(editorText()).as("the text typed is kept").contains("delinquencis");
        assertThat(authoring.list()).hasSize(versionsBefore);
        screenshot("rules-compile-error");
        setEditorText(drl);
        clickAndWait("#save");
        assertThat(find("#saved").getText()).contains(draft);
        assertThat(find("#base-version").getText()).isEqualTo(draft);

        // the cases, then a backtest of the last seven days
        open("/console/rules/versions/" + draft);
        assertThat(find("#status").getText()).isEqualTo("DRAFT");
        assertThat(browser.findElements(By.cssSelector("#approve")))
                .as("an analyst approves nothing")
                .isEmpty();
        clickAndWait("#run-cases");
        assertThat(find("#cases-summary").getText()).startsWith("All").endsWith("cases pass.");
        screenshot("rules-cases");
        open("/console/rules/versions/" + draft);
        clickAndWait("#run-backtest");
        assertThat(find("#backtest-summary").getText()).contains("would change");
        List<String> changed = browser.findElements(By.cssSelector("#changes a.decision-link")).stream()
                .map(a -> a.getAttribute("href"))
                .toList();
        assertThat(changed)
                .as("each changed decision links to its page")
                .containsAll(delinquent.stream()
                        .map(id -> base() + "/console/decisions/" + id)
                        .toList());
        WebElement approveToDeny = find("#matrix tbody tr:nth-child(1) td:nth-of-type(2)");
        assertThat(Long.parseLong(approveToDeny.getText())).isGreaterThanOrEqualTo(delinquent.size());
        assertThat(find("#rate-overall .delta").getText()).startsWith("-");
        assertThat(find("#rates").getText()).contains("thick-file");
        screenshot("rules-backtest");
        open("/console/rules/versions/" + draft);
        clickAndWait("#diff-parent");
        assertThat(find(".diff-changed .r").getText()).contains("\"maxDelinquencies\": 1");
        assertThat(find(".diff-changed .l").getText()).contains("\"maxDelinquencies\": 2");
        screenshot("rules-diff");

        // approving and activating are not the analyst's
        open("/console/rules/versions/" + draft + "/activate");
        assertThat(browser.findElements(By.cssSelector("#confirm-activate"))).isEmpty();
        assertThat(find("#forbidden").getText()).isEqualTo("Not for your role");
        assertThat(find("main").getText()).contains("analyst");
        screenshot("rules-forbidden");
        open("/console/rules/versions/" + draft);
        clickAndWait("#sign-out");

        // a second person approves and activates, after a confirmation naming what changes
        signIn(approver);
        open("/console/rules/versions/" + draft);
        clickAndWait("#approve");
        assertThat(find("#status").getText()).isEqualTo("APPROVED");
        assertThat(find("#done").getText()).contains("person:" + approver.userName());
        clickAndWait("#activate");
        assertThat(find("#confirmation").getText()).contains(before).contains(draft);
        assertThat(find("#what-changes").getText()).contains("parameters.json");
        assertThat(find("#what-changes").getText()).doesNotContain("credit-file.drl");
        screenshot("rules-activate");
        clickAndWait("#confirm-activate");
        assertThat(find("#status").getText()).isEqualTo("ACTIVE");
        screenshot("rules-version");
        open("/console/rules");
        assertThat(find("#activations tbody tr").getText())
                .contains("person:" + approver.userName())
                .contains(draft.substring(0, 12));

        // the next application is decided under the new version
        Map<String, Object> next = ApplicationFixture.steadyEmployedRenter("journey-next-" + UUID.randomUUID());
        ApplicationFixture.creditFile(next).put("delinquencies", 2);
        Http.Answer decided = originator.post("/v1/decisions", next);
        assertThat(decided.status()).isEqualTo(201);
        assertThat(decided.json().path("rulesetVersion").asString()).isEqualTo(draft);
        assertThat(decided.json().path("outcome").asString()).isEqualTo("DENY");
        Http auditor = Http.to(context, "auditor");
        String id = decided.json().path("decisionId").asString();
        assertThat(auditor.get("/v1/decisions/" + id)
                        .json()
                        .path("rulesetVersion")
                        .asString())
                .isEqualTo(draft);

        // the approver runs the former version as a shadow challenger, reads it and stops it
        open("/console/rules/versions/" + before);
        assertThat(find("#status").getText()).isEqualTo("RETIRED");
        clickAndWait("#shadow");
        assertThat(find("#challenger").getText()).contains(before);
        Map<String, Object> shadowed = ApplicationFixture.steadyEmployedRenter("journey-shadow-" + UUID.randomUUID());
        ApplicationFixture.creditFile(shadowed).put("delinquencies", 2);
        assertThat(originator.post("/v1/decisions", shadowed).status()).isEqualTo(201);
        // the challenger decides after the decision's commit, off the request thread
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .untilAsserted(() -> {
                    open("/console/rules/shadow");
                    assertThat(find("#agreement").getText()).contains("agreed on");
                });
        assertThat(find("#comparisons tr.changed").getText()).contains("DENY").contains("APPROVE");
        screenshot("rules-shadow");
        clickAndWait("#stop-shadow");
        assertThat(find("#challenger").getText()).contains("No challenger runs");

        // others keep deciding under the shipped rules in this instance's later tests
        authoring.activate(before, "journey-cleanup");
    }

    @Test
    void ruleCoverageMarksTheRulesThatNeverFired() {
        Http.to(context, "originator")
                .post("/v1/decisions", ApplicationFixture.minor("journey-cov-" + UUID.randomUUID()));
        signIn(newPerson(Role.AUDITOR));
        clickAndWait("a[href='/console/rules']");
        clickAndWait("a[href='/console/rules/coverage']");
        assertThat(find("#coverage-summary").getText()).contains("never fired");
        assertThat(browser.findElements(By.cssSelector("#coverage tr.never"))).isNotEmpty();
        assertThat(find("#coverage").getText()).contains("KO-01");
        screenshot("rules-coverage");
    }

    @Test
    void anAnalystUploadsADecisionTableAndDownloadsItAgain() throws Exception {
        String active = authoring.list().stream()
                .filter(v -> v.status() == RulesetStatus.ACTIVE)
                .findFirst()
                .orElseThrow()
                .version();
        java.nio.file.Path table = java.nio.file.Path.of(
                        "src/test/resources/decision-tables/refer-business-purpose.csv")
                .toAbsolutePath();
        signIn(newPerson(Role.ANALYST));
        open("/console/rules/versions/" + active + "/edit");
        find("#table").sendKeys(table.toString());
        find("#table-path").sendKeys("tables/purpose.csv");
        clickAndWait("#upload-table");
        assertThat(find("#saved").getText()).contains("Saved tables/purpose.csv as the new draft");
        String draft = find("#base-version").getText();
        open("/console/rules/versions/" + draft);
        assertThat(find("#files").getText()).contains("tables/purpose.csv").contains("decision table");
        narrow();
        screenshot("rules-version-390");
        String downloaded = (String) browser.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch('/console/rules/versions/" + draft + "/download?path=tables/purpose.csv')"
                + ".then(r => r.text()).then(done);");
        assertThat(downloaded).isEqualTo(java.nio.file.Files.readString(table));
    }

    @Test
    void whatAnAnalystWroteIsShownAsText() {
        String active = authoring.list().stream()
                .filter(v -> v.status() == RulesetStatus.ACTIVE)
                .findFirst()
                .orElseThrow()
                .version();
        Ruleset files = authoring.files(active);
        String hostile = "// <script>document.title='owned'</script><img src=x>\n";
        String version = authoring
                .upload(
                        files.with(
                                "risk.drl",
                                (new String(files.content("risk.drl"), java.nio.charset.StandardCharsets.UTF_8)
                                                + hostile)
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        active,
                        "<b>author</b>")
                .version()
                .version();
        signIn(newPerson(Role.AUDITOR));
        open("/console/rules/versions/" + version + "?file=risk.drl");

        assertThat(find("#file-text").getText()).contains("<script>document.title='owned'</script><img src=x>");
        assertThat(find("#file-text").findElements(By.cssSelector("script, img")))
                .isEmpty();
        assertThat(browser.getTitle()).isNotEqualTo("owned");
        assertThat(find("main").getText()).contains("<b>author</b>");
        open("/console/rules/diff?a=" + active + "&b=" + version);
        assertThat(find("main").getText()).contains("<script>document.title");
        assertThat(find("main").findElements(By.cssSelector("pre script, pre img")))
                .isEmpty();
    }

    private String editorText() {
        return (String) browser.executeScript("return document.querySelector('.CodeMirror').CodeMirror.getValue();");
    }

    private void setEditorText(String text) {
        browser.executeScript("document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0]);", text);
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in the text");
    }
}
