package dev.arbiter.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The significance tests against values worked out by hand and textbook examples. */
class StatisticsTest {

    @Test
    void fisherExactGivesFishersLadyTastingTea() {
        // [[3, 1], [1, 3]]: margins 4, 4 of 8; C(8,4) = 70 tables weighted C(4,x) C(4,4-x):
        // x = 0..4 -> 1, 16, 36, 16, 1. Observed x = 3 (16); as or less probable: 1 + 16 + 16 + 1 = 34
        assertThat(Statistics.fisherExact(3, 1, 1, 3)).isCloseTo(34.0 / 70, within(1e-12));
    }

    @Test
    void fisherExactGivesTheDietingExample() {
        // [[1, 9], [11, 3]] (men and women dieting, the standard worked example): p = 0.0027594561852
        assertThat(Statistics.fisherExact(1, 9, 11, 3)).isCloseTo(0.0027594561852, within(1e-12));
    }

    @Test
    void fisherExactSumsEveryTableNoMoreProbableThanTheOneSeen() {
        // [[3, 2], [8, 2]]: row 5, column 11 of 15; C(15,5) = 3003; C(11,x) C(4,5-x) for x = 1..5:
        // 11, 220, 990, 1320, 462. Observed x = 3 (990): 11 + 220 + 990 + 462 = 1683 -> 1683 / 3003
        assertThat(Statistics.fisherExact(3, 2, 8, 2)).isCloseTo(1683.0 / 3003, within(1e-12));
        // the most probable table alone is as extreme as itself and all the others: p = 1
        assertThat(Statistics.fisherExact(4, 1, 7, 3)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void theTwoProportionZTestPoolsTheRates() {
        // 40/100 against 60/100: pooled p = 0.5, se = sqrt(0.25 x 0.02) = 0.0707107, z = -2.828427,
        // two-sided p = 2 (1 - Phi(2.828427)) = 0.0046777350
        assertThat(Statistics.twoProportionZ(40, 100, 60, 100)).isCloseTo(0.0046777349810, within(1e-11));
        // 20/50 against 40/50: pooled 0.6, se = sqrt(0.24 x 0.04) = 0.0979796, z = -4.082483, p = 4.4557e-5
        assertThat(Statistics.twoProportionZ(20, 50, 40, 50)).isCloseTo(4.4557090604e-5, within(1e-13));
        // no variation at all: nothing to test
        assertThat(Statistics.twoProportionZ(10, 10, 20, 20)).isEqualTo(1.0);
    }

    @Test
    void theNormalTailIsAccurateFromTheCentreToTheFarTail() {
        assertThat(Statistics.upperTail(0)).isCloseTo(0.5, within(1e-15));
        assertThat(Statistics.upperTail(0.5)).isCloseTo(0.3085375387259869, within(1e-14));
        assertThat(Statistics.upperTail(1.959963984540054)).isCloseTo(0.025, within(1e-14));
        assertThat(Statistics.upperTail(3)).isCloseTo(0.0013498980316301, within(1e-15));
        // beyond 7.07 a continued fraction: relative error about 1e-8, ample for a p-value
        assertThat(Statistics.upperTail(8)).isCloseTo(6.22096057427174e-16, within(1e-23));
    }

    @Test
    void smallExpectedCountsTakeFishersTestAndLargeOnesTheZTest() {
        // 1 of 3 against 4 of 5: expected approved in the smaller group 3 x 5/8 = 1.875 < 5
        var small = Statistics.compare(1, 3, 4, 5);
        assertThat(small.test()).isEqualTo(Statistics.Test.FISHER_EXACT);
        // [[1, 2], [4, 1]]: row 3, column 5 of 8; C(8,3) = 56; C(5,x) C(3,3-x), x = 0..3: 1, 15, 30, 10;
        // observed x = 1 (15): 1 + 15 + 10 = 26 -> 26/56
        assertThat(small.pValue()).isCloseTo(26.0 / 56, within(1e-12));
        // 9/30 against 12/30: smallest expected 30 x 21/60 = 10.5: z-test, p = 0.41679
        var large = Statistics.compare(9, 30, 12, 30);
        assertThat(large.test()).isEqualTo(Statistics.Test.Z_TEST);
        assertThat(large.pValue()).isCloseTo(0.4167928118, within(1e-9));
        // 30 approved of 30 against 2 of 30: expected not approved 28 x 30/60 = 14, approved 16: z-test still
        assertThat(Statistics.compare(2, 30, 30, 30).test()).isEqualTo(Statistics.Test.Z_TEST);
        // 29 of 30 against 30 of 30: expected not approved 30 x 1/60 = 0.5: Fisher
        assertThat(Statistics.compare(29, 30, 30, 30).test()).isEqualTo(Statistics.Test.FISHER_EXACT);
        assertThat(Statistics.compare(1, 0, 4, 5)).isNull();
    }
}
