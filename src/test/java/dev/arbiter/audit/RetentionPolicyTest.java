package dev.arbiter.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.Period;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    private final RetentionPolicy policy =
            new RetentionPolicy(Map.of("US", Period.ofMonths(25), "EU", Period.ofYears(5)), Period.ofYears(7));

    @Test
    void aUsRecordIsKeptTwentyFiveCalendarMonths() {
        assertThat(policy.retainUntil("US", Instant.parse("2026-01-31T10:00:00Z")))
                .isEqualTo(Instant.parse("2028-02-29T10:00:00Z"));
    }

    @Test
    void anEuRecordIsKeptFiveYearsAndRegionsAreMatchedWithoutRegardToCase() {
        assertThat(policy.retainUntil("eu", Instant.parse("2026-11-26T00:00:00Z")))
                .isEqualTo(Instant.parse("2031-11-26T00:00:00Z"));
    }

    @Test
    void aRegionWithoutItsOwnRuleGetsTheFallback() {
        assertThat(policy.period("BR")).isEqualTo(Period.ofYears(7));
    }
}
