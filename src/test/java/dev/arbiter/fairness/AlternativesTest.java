package dev.arbiter.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbiter.fairness.Alternatives.Counts;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The frontier and the marks against a set worked out by hand. Expected loss per decision is
 * the loss sum over 20 decisions (10 in each group); parity = min(AIR, 1/AIR).
 *
 * <pre>
 * #  chosen  reference  AIR   parity  loss sum  EL    EL - base  frontier  fairer within 5
 * 0  2/10    8/10       0.25  0.25    100       5.0   0          yes       (base)
 * 1  4/10    8/10       0.5   0.5     160       8.0   3          no (4)    yes
 * 2  6/10    8/10       0.75  0.75    300      15.0  10          yes       no (10 > 5)
 * 3  4/10    8/10       0.5   0.5     200      10.0   5          no (1, 4) yes (5 <= 5)
 * 4 10/10    5/10       2.0   0.5     120       6.0   1          yes       yes
 * 5  3/10    0/10       -     -        40       2.0  -3          no        no (AIR undefined)
 * </pre>
 */
class AlternativesTest {

    private static Counts counts(long chosen, long reference, double lossSum) {
        return new Counts(10, chosen, 10, reference, lossSum, 0, 0, 0, 0);
    }

    private static final List<Counts> COUNTS = List.of(
            counts(2, 8, 100),
            counts(4, 8, 160),
            counts(6, 8, 300),
            counts(4, 8, 200),
            counts(10, 5, 120),
            counts(3, 0, 40));

    private static List<Map<String, BigDecimal>> changes(int n) {
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> i == 0 ? Map.<String, BigDecimal>of() : Map.of("/x", BigDecimal.valueOf(i)))
                .toList();
    }

    @Test
    void theFrontierAndTheMarksAreTheHandWorkedOnes() {
        var variants = Alternatives.evaluate(
                COUNTS, changes(6), new Alternatives.Tolerance(Alternatives.Metric.EXPECTED_LOSS, 5));

        assertThat(variants)
                .extracting(Alternatives.Variant::frontier)
                .containsExactly(true, false, true, false, true, false);
        assertThat(variants)
                .extracting(Alternatives.Variant::noWorseAndFairer)
                .containsExactly(false, true, false, true, true, false);
        assertThat(variants.get(2).expectedLoss()).isCloseTo(15.0, within(1e-12));
        assertThat(variants.get(2).lossIncrease()).isCloseTo(10.0, within(1e-12));
        assertThat(variants.get(4).adverseImpactRatio()).isCloseTo(2.0, within(1e-12));
        assertThat(variants.get(4).parity()).isCloseTo(0.5, within(1e-12));
        assertThat(variants.get(5).adverseImpactRatio()).isNull();
        assertThat(variants.get(1).approvalRate()).isCloseTo(12.0 / 20, within(1e-12));
        // Katz interval of 4/10 over 8/10: se = sqrt(1/4 - 1/10 + 1/8 - 1/10) = sqrt(0.175) = 0.418330,
        // exp(-0.693147 -+ 1.959964 x 0.418330 = 0.819912) -> [0.220235, 1.135150]
        assertThat(variants.get(1).adverseImpactRatioCi().low()).isCloseTo(0.220235, within(1e-6));
        assertThat(variants.get(1).adverseImpactRatioCi().high()).isCloseTo(1.135150, within(1e-6));
    }

    @Test
    void aTighterToleranceMarksFewerAndTheFrontierDoesNotMove() {
        var variants = Alternatives.evaluate(
                COUNTS, changes(6), new Alternatives.Tolerance(Alternatives.Metric.EXPECTED_LOSS, 1));

        assertThat(variants)
                .extracting(Alternatives.Variant::noWorseAndFairer)
                .containsExactly(false, false, false, false, true, false);
        assertThat(variants)
                .extracting(Alternatives.Variant::frontier)
                .containsExactly(true, false, true, false, true, false);
    }

    @Test
    void theStatlogCostCountsFiveForABadApprovedAndOneForAGoodRefused() {
        // base: 10 labelled, 2 bad approved, 1 good refused: (10 + 1) / 10 = 1.1
        // variant: 10 labelled, 1 bad approved, 4 good refused: (5 + 4) / 10 = 0.9, fairer
        var base = new Counts(10, 2, 10, 8, 0, 0, 10, 2, 1);
        var variant = new Counts(10, 5, 10, 8, 0, 0, 10, 1, 4);
        var variants = Alternatives.evaluate(
                List.of(base, variant), changes(2), new Alternatives.Tolerance(Alternatives.Metric.STATLOG_COST, 0));

        assertThat(variants.get(0).statlogCost()).isCloseTo(1.1, within(1e-12));
        assertThat(variants.get(1).statlogCost()).isCloseTo(0.9, within(1e-12));
        assertThat(variants.get(1).lossIncrease()).isCloseTo(-0.2, within(1e-12));
        assertThat(variants.get(1).noWorseAndFairer()).isTrue();
        // the variant is cheaper and fairer: it alone is on the frontier
        assertThat(variants).extracting(Alternatives.Variant::frontier).containsExactly(false, true);
    }
}
