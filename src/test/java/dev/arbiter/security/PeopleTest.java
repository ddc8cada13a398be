package dev.arbiter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The decoy hash an unknown user name is checked against costs what a person's hash costs. */
class PeopleTest {

    @Test
    void theDecoyHashHasTheParametersAndSizesOfAHashTheEncoderMakesNow() {
        String fresh = People.ENCODER.encode(People.oneTimePassword());
        String[] made = fresh.split("\\$");
        String[] decoy = People.DECOY_HASH.split("\\$");
        // "", "argon2id", "v=19", "m=...,t=...,p=...", salt, hash
        assertThat(decoy).hasSize(made.length);
        assertThat(decoy[1]).isEqualTo(made[1]);
        assertThat(decoy[2]).isEqualTo(made[2]);
        assertThat(decoy[3]).as("memory, iterations, parallelism").isEqualTo(made[3]);
        assertThat(Base64.getDecoder().decode(decoy[4]))
                .hasSameSizeAs(Base64.getDecoder().decode(made[4]));
        assertThat(Base64.getDecoder().decode(decoy[5]))
                .hasSameSizeAs(Base64.getDecoder().decode(made[5]));
    }

    @Test
    void theDecoyHashIsOneTheEncoderReadsAndChecksRatherThanRefusesAsMalformed() {
        // a malformed hash is refused at once (a logged warning, no Argon2 run), which would make an
        // unknown user name quicker to refuse than a wrong password; decoding it is the same step
        assertThat(People.ENCODER.upgradeEncoding(People.DECOY_HASH)).isFalse();
        assertThat(People.ENCODER.matches("not the thrown-away password", People.DECOY_HASH))
                .isFalse();
    }
}
