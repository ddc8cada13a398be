package dev.arbiter.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.security.Role;
import org.junit.jupiter.api.Test;

/** Five wrong passwords lock a person; the right one is then refused too, and nothing tells who exists. */
class LockoutJourneyIT extends BrowserJourney {

    @Test
    void fiveWrongPasswordsLockTheAccountAndTheRightOneIsRefusedUntilUnlocked() {
        Login person = newPerson(Role.ANALYST);

        for (int i = 1; i <= 5; i++) {
            signIn(person.userName(), "wrong password " + i);
            assertThat(currentPath()).isEqualTo("/console/sign-in");
            assertThat(find("#sign-in-refused").getText()).contains("Sign-in refused");
        }
        String refusedWhenLocked;
        signIn(person);
        assertThat(currentPath()).as("locked: the right password is refused").isEqualTo("/console/sign-in");
        refusedWhenLocked = find("#sign-in-refused").getText();
        assertThat(refusedWhenLocked).contains("locked for 15 minutes");
        screenshot("sign-in-refused");
        assertThat(people.find(person.userName()).orElseThrow().lockedUntil()).isNotNull();

        signIn("nobody-" + person.userName(), "whatever password");
        assertThat(find("#sign-in-refused").getText())
                .as("an unknown user name gets the very same answer")
                .isEqualTo(refusedWhenLocked);

        people.unlock(person.userName());
        signIn(person);
        assertThat(currentPath()).isEqualTo("/console");
    }
}
