package dev.arbiter.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.security.SecurityProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A signed-out visitor, and the first admin's first sign-in with the one-time password from the file. */
class FirstAdminJourneyIT extends BrowserJourney {

    @Autowired
    SecurityProperties security;

    @Test
    void aSignedOutVisitorIsSentToSignIn() {
        open("/console");
        assertThat(currentPath()).isEqualTo("/console/sign-in");

        open("/console/password");
        assertThat(currentPath()).isEqualTo("/console/sign-in");
        assertThat(find("h1").getText()).isEqualTo("Sign in");
        screenshot("sign-in");
    }

    @Test
    void theFirstAdminSignsInWithTheOneTimePasswordChangesItAndSeesHome() throws Exception {
        Path file = security.keysDir().resolve("console-admin.password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        String oneTime = Files.readString(file).trim();

        signIn("admin", oneTime);
        assertThat(currentPath()).isEqualTo("/console/password");
        assertThat(find("#password-required").getText()).contains("choose your own");

        open("/console");
        assertThat(currentPath())
                .as("nothing but the password page until it is changed")
                .isEqualTo("/console/password");

        find("#current").sendKeys(oneTime);
        find("#new-password").sendKeys("admin");
        find("#repeated").sendKeys("admin");
        clickAndWait("#change-password");
        String problems = find("#password-problems").getText();
        assertThat(problems).contains("it needs at least 12").contains("must not be the user name");
        screenshot("change-password");

        String chosen = "correct horse battery staple";
        find("#current").sendKeys(oneTime);
        find("#new-password").sendKeys(chosen);
        find("#repeated").sendKeys(chosen);
        clickAndWait("#change-password");

        assertThat(currentPath()).isEqualTo("/console");
        assertThat(find("h1").getText()).isEqualTo("Home");
        assertThat(find("#active-ruleset").getText()).contains("Active ruleset");
        assertThat(find("#decisions-today").getText())
                .contains("APPROVE")
                .contains("DENY")
                .contains("REFER");
        assertThat(find(".who .badge").getText()).isEqualTo("admin");
        assertThat(browser.executeScript("return typeof htmx === 'object' && htmx.config.allowEval === false"))
                .as("htmx loaded from the WebJar under the page's policy, with eval off")
                .isEqualTo(true);
        screenshot("home");
        narrow();
        browser.navigate().refresh();
        screenshot("home-390");

        clickAndWait("#sign-out");
        assertThat(currentPath()).isEqualTo("/console/sign-in");
        signIn("admin", oneTime);
        assertThat(currentPath()).as("the one-time password is spent").isEqualTo("/console/sign-in");
        signIn("admin", chosen);
        assertThat(currentPath()).isEqualTo("/console");
    }
}
