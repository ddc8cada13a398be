package dev.arbiter.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.decision.Decision;
import dev.arbiter.decision.Outcome;
import dev.arbiter.decision.Reason;
import dev.arbiter.decision.Terms;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DecisionDiffTest {

    private static final UUID ID = UUID.randomUUID();

    private static Decision decision(Outcome outcome, List<Reason> reasons, Terms terms) {
        return new Decision(
                ID,
                "app-1",
                outcome,
                reasons,
                terms,
                "v",
                "e",
                null,
                List.of(),
                List.of(),
                List.of(),
                Instant.parse("2026-11-26T00:00:00Z"));
    }

    @Test
    void theSameDecisionHasNoDifferencesEvenWhenAmountsDifferInScale() {
        Decision recorded = decision(
                Outcome.APPROVE,
                List.of(),
                new Terms(new BigDecimal("5000.00"), new BigDecimal("0.1090"), "EUR", 24, new BigDecimal("5000")));
        Decision replayed = decision(
                Outcome.APPROVE,
                List.of(),
                new Terms(new BigDecimal("5000"), new BigDecimal("0.109"), "EUR", 24, new BigDecimal("5000.0")));

        assertThat(DecisionDiff.between(recorded, replayed)).isEmpty();
    }

    @Test
    void eachFieldThatDiffersIsNamedWithBothValues() {
        Decision recorded = decision(
                Outcome.APPROVE,
                List.of(),
                new Terms(new BigDecimal("5000"), new BigDecimal("0.1090"), "EUR", 24, new BigDecimal("5000")));
        Decision replayed = decision(Outcome.DENY, List.of(new Reason("R-DTI", "debt")), null);

        assertThat(DecisionDiff.between(recorded, replayed))
                .extracting(DecisionDiff.Difference::field)
                .containsExactly("outcome", "reasons", "terms");
        assertThat(DecisionDiff.between(recorded, replayed).get(0).replayed()).isEqualTo(Outcome.DENY);
    }
}
