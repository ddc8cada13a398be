package dev.arbiter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuthenticationThrottleTest {

    @Test
    void aKeyIdIsRefusedOnceItsFailuresAreSpentAndOtherKeysAreNot() {
        var throttle = new AuthenticationThrottle(3, 1000, Duration.ofMinutes(1));

        for (int i = 0; i < 3; i++) {
            assertThat(throttle.refused("k-attacked", "10.0.0.1")).isEmpty();
            throttle.failed("k-attacked", "10.0.0.1");
        }

        assertThat(throttle.refused("k-attacked", "10.0.0.1")).isPresent();
        assertThat(throttle.refused("k-attacked", "10.0.0.1").getAsLong()).isBetween(1L, 60L);
        assertThat(throttle.refused("k-attacked", "10.0.0.2"))
                .as("the key id is throttled from any address")
                .isPresent();
        assertThat(throttle.refused("k-good", "10.0.0.1")).isEmpty();
    }

    @Test
    void anAddressTryingManyKeyIdsIsRefusedWhateverKeyIdItNamesNext() {
        var throttle = new AuthenticationThrottle(1000, 5, Duration.ofMinutes(1));

        for (int i = 0; i < 5; i++) {
            throttle.failed("k-" + UUID.randomUUID(), "10.0.0.9");
        }

        assertThat(throttle.refused("k-" + UUID.randomUUID(), "10.0.0.9")).isPresent();
        assertThat(throttle.refused(null, "10.0.0.9")).isPresent();
        assertThat(throttle.refused("k-" + UUID.randomUUID(), "10.0.0.10")).isEmpty();
    }

    @Test
    void theBudgetRefillsWhenTheWindowEnds() throws InterruptedException {
        var throttle = new AuthenticationThrottle(2, 1000, Duration.ofMillis(300));
        throttle.failed("k-1", "10.0.0.1");
        throttle.failed("k-1", "10.0.0.1");
        assertThat(throttle.refused("k-1", "10.0.0.1")).isPresent();

        Thread.sleep(700);

        assertThat(throttle.refused("k-1", "10.0.0.1")).isEmpty();
    }

    @Test
    void unknownKeyIdsAndAddressesNeverTriedCostNoMemory() {
        var throttle = new AuthenticationThrottle(2, 2, Duration.ofMinutes(1));

        for (int i = 0; i < 10_000; i++) {
            assertThat(throttle.refused("k-" + i, "10.1." + (i / 256) + "." + (i % 256)))
                    .isEmpty();
        }

        assertThat(throttle.tracked()).isZero();
    }
}
