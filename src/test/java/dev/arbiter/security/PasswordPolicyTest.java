package dev.arbiter.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void aPasswordNeedsTwelveCharactersAndMustNotBeTheUserName() {
        assertThat(People.passwordProblems("alice", "short"))
                .singleElement()
                .asString()
                .contains("5 characters")
                .contains("at least 12");
        assertThat(People.passwordProblems("alice.smith.1", "Alice.Smith.1"))
                .singleElement()
                .asString()
                .contains("must not be the user name");
        assertThat(People.passwordProblems("alice", null)).hasSize(1);
        assertThat(People.passwordProblems("alice", "twelve chars")).isEmpty();
    }

    @Test
    void oneTimePasswordsAreLongAndDiffer() {
        String a = People.oneTimePassword();
        assertThat(a).hasSize(20).matches("[A-Za-z2-9]+");
        assertThat(People.oneTimePassword()).isNotEqualTo(a);
        assertThat(People.passwordProblems("admin", a)).isEmpty();
    }

    @Test
    void aConsolePersonAndTheirLinkedClientAreTheSameActor() {
        Caller console = Caller.person("alice", Role.APPROVER);
        Caller client = new Caller("c-0123", "k-1", Role.ANALYST, "alice");
        Caller unlinked = new Caller("c-0123", "k-1", Role.ANALYST);
        assertThat(console.actor()).isEqualTo(client.actor()).isEqualTo("person:alice");
        assertThat(unlinked.actor()).isEqualTo("c-0123");
    }
}
