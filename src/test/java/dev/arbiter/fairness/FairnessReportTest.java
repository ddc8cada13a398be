package dev.arbiter.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The report's numbers against a set worked out by hand (z = 1.959964, z^2 = 3.841459).
 *
 * <pre>
 * group  decisions approved  good goodApproved  bad badApproved
 * false         10        8     6            5    3           2    (reference)
 * true           5        3     2            1    2           1
 * </pre>
 */
class FairnessReportTest {

    private static final Offset<Double> EXACT = within(1e-12);
    private static final Offset<Double> FOUR_PLACES = within(5e-5);

    private static final GroupCounts THICK = new GroupCounts("false", 10, 8, 6, 5, 3, 2);
    private static final GroupCounts THIN = new GroupCounts("true", 5, 3, 2, 1, 2, 1);

    private final FairnessReport report = FairnessReport.compute("thinFile", "false", List.of(THICK, THIN));

    private FairnessReport.Group group(String name) {
        return report.groups().stream()
                .filter(g -> g.group().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void approvalRatesAdverseImpactAndParityAreTheHandComputedFractions() {
        var thin = group("true");
        // approval rate 3/5 = 0.6; reference 8/10 = 0.8
        assertThat(thin.approvalRate()).isCloseTo(0.6, EXACT);
        // AIR = 0.6 / 0.8 = 0.75 < 0.8, but 5 and 10 decisions are fewer than 30: TOO_FEW, not FAIL
        assertThat(thin.adverseImpactRatio()).isCloseTo(0.75, EXACT);
        assertThat(thin.flag()).isEqualTo(FairnessReport.Flag.TOO_FEW);
        // expected approved in the group 5 x 11/15 = 3.7 < 5: Fisher's exact test on [[3, 2], [8, 2]] = 1683/3003
        assertThat(thin.significance().test()).isEqualTo(Statistics.Test.FISHER_EXACT);
        assertThat(thin.significance().pValue()).isCloseTo(1683.0 / 3003, EXACT);
        assertThat(thin.significance().significant()).isFalse();
        assertThat(group("false").significance()).isNull();
        // SPD = 0.6 - 0.8 = -0.2
        assertThat(thin.statisticalParityDifference()).isCloseTo(-0.2, EXACT);
        assertThat(group("false").flag()).isEqualTo(FairnessReport.Flag.REFERENCE);
        assertThat(group("false").adverseImpactRatio()).isCloseTo(1.0, EXACT);
    }

    @Test
    void equalOpportunityAndAverageOddsUseGoodRepaymentAsThePositiveClass() {
        var outcomes = group("true").outcomes();
        // TPR = 1/2 = 0.5; reference TPR = 5/6; EOD = 1/2 - 5/6 = -1/3
        assertThat(outcomes.truePositiveRate()).isCloseTo(0.5, EXACT);
        assertThat(outcomes.equalOpportunityDifference()).isCloseTo(-1.0 / 3, EXACT);
        // FPR = 1/2; reference FPR = 2/3; AOD = ((1/2 - 2/3) + (1/2 - 5/6)) / 2 = (-1/6 - 1/3) / 2 = -1/4
        assertThat(outcomes.falsePositiveRate()).isCloseTo(0.5, EXACT);
        assertThat(outcomes.averageOddsDifference()).isCloseTo(-0.25, EXACT);
        // bad among approved: 1 / (1 + 1) = 0.5; reference 2 / (5 + 2) = 2/7
        assertThat(outcomes.badRateAmongApproved()).isCloseTo(0.5, EXACT);
        assertThat(group("false").outcomes().badRateAmongApproved()).isCloseTo(2.0 / 7, EXACT);
        assertThat(group("false").outcomes().equalOpportunityDifference()).isCloseTo(0.0, EXACT);
    }

    @Test
    void intervalsAreWilsonKatzAndNewcombeAtNinetyFivePercent() {
        var thin = group("true");
        // Wilson 3/5: centre = (0.6 + z^2/10) / (1 + z^2/5) = 0.984146 / 1.768292 = 0.556552
        //   half = z / 1.768292 * sqrt(0.24/5 + z^2/100) = 1.108395 * sqrt(0.086415) = 0.325827
        //   -> [0.230724, 0.882379] (the textbook value for 3 of 5)
        assertThat(thin.approvalRateCi().low()).isCloseTo(0.2307, FOUR_PLACES);
        assertThat(thin.approvalRateCi().high()).isCloseTo(0.8824, FOUR_PLACES);
        // Katz: se(ln AIR) = sqrt(1/3 - 1/5 + 1/8 - 1/10) = sqrt(0.158333) = 0.397911
        //   ln 0.75 = -0.287682; exp(-0.287682 -+ 1.959964 x 0.397911) -> [0.343842, 1.635927]
        assertThat(thin.adverseImpactRatioCi().low()).isCloseTo(0.3438, FOUR_PLACES);
        assertThat(thin.adverseImpactRatioCi().high()).isCloseTo(1.6359, FOUR_PLACES);
        // Newcombe with Wilson 8/10 = [0.490162, 0.943318]:
        //   low  = -0.2 - sqrt((0.6 - 0.230724)^2 + (0.943318 - 0.8)^2) = -0.2 - sqrt(0.136365 + 0.020540) = -0.596112
        //   high = -0.2 + sqrt((0.882379 - 0.6)^2 + (0.8 - 0.490162)^2) = -0.2 + sqrt(0.079738 + 0.095999) = 0.219210
        assertThat(thin.statisticalParityDifferenceCi().low()).isCloseTo(-0.5961, FOUR_PLACES);
        assertThat(thin.statisticalParityDifferenceCi().high()).isCloseTo(0.2192, FOUR_PLACES);
        // Wilson 1 of 2 bad among approved: [0.094531, 0.905469]
        assertThat(thin.outcomes().badRateAmongApprovedCi().low()).isCloseTo(0.0945, FOUR_PLACES);
    }

    @Test
    void theFourFifthsRuleFailsBelowPointEightOnlyWhenSignificantAndWarnsBelowPointNine() {
        assertThat(FairnessReport.flag(0.7999, true)).isEqualTo(FairnessReport.Flag.FAIL);
        assertThat(FairnessReport.flag(0.7999, false)).isEqualTo(FairnessReport.Flag.WARN);
        assertThat(FairnessReport.flag(0.8, true)).isEqualTo(FairnessReport.Flag.WARN);
        assertThat(FairnessReport.flag(0.8999, true)).isEqualTo(FairnessReport.Flag.WARN);
        assertThat(FairnessReport.flag(0.9, true)).isEqualTo(FairnessReport.Flag.PASS);
        assertThat(FairnessReport.flag(1.3, true)).isEqualTo(FairnessReport.Flag.PASS);
        assertThat(FairnessReport.flag(null, true)).isEqualTo(FairnessReport.Flag.UNDEFINED);
    }

    @Test
    void aLargeSignificantGapFailsAndALargeInsignificantOneWarns() {
        var report = FairnessReport.compute(
                "monitoring.g",
                "R",
                List.of(GroupCounts.of("R", 50, 40), GroupCounts.of("F", 50, 20), GroupCounts.of("W", 30, 18)),
                FairnessReport.Thresholds.DEFAULT);
        var failed = report.groups().stream()
                .filter(g -> g.group().equals("F"))
                .findFirst()
                .orElseThrow();
        // 20/50 over 40/50: AIR 0.5; z-test: pooled 0.6, se 0.0979796, z -4.082483, p 4.4557e-5 < 0.05
        assertThat(failed.adverseImpactRatio()).isCloseTo(0.5, EXACT);
        assertThat(failed.significance().test()).isEqualTo(Statistics.Test.Z_TEST);
        assertThat(failed.significance().pValue()).isCloseTo(4.4557090604e-5, within(1e-13));
        assertThat(failed.flag()).isEqualTo(FairnessReport.Flag.FAIL);
        var warned = report.groups().stream()
                .filter(g -> g.group().equals("W"))
                .findFirst()
                .orElseThrow();
        // 18/30 over 40/50: AIR 0.75; pooled 58/80 = 0.725, se = sqrt(0.199375 x (1/30 + 1/50)) = 0.1031181,
        // z = -0.2 / 0.1031181 = -1.939525, p = 0.052437 > 0.05: below four-fifths, not significant, WARN
        assertThat(warned.adverseImpactRatio()).isCloseTo(0.75, EXACT);
        assertThat(warned.significance().pValue()).isCloseTo(0.0524375, within(1e-6));
        assertThat(warned.flag()).isEqualTo(FairnessReport.Flag.WARN);
        // a stricter minimum size makes W too few, and a looser alpha would make it FAIL
        var strict = FairnessReport.compute(
                "monitoring.g",
                "R",
                List.of(GroupCounts.of("R", 50, 40), GroupCounts.of("W", 30, 18)),
                new FairnessReport.Thresholds(31, 0.05));
        assertThat(strict.groups().get(1).flag()).isEqualTo(FairnessReport.Flag.TOO_FEW);
        var loose = FairnessReport.compute(
                "monitoring.g",
                "R",
                List.of(GroupCounts.of("R", 50, 40), GroupCounts.of("W", 30, 18)),
                new FairnessReport.Thresholds(30, 0.10));
        assertThat(loose.groups().get(1).flag()).isEqualTo(FairnessReport.Flag.FAIL);
    }

    @Test
    void aReferenceBelowTheMinimumSizeGivesNoVerdictAndSaysSo() {
        var report = FairnessReport.compute(
                "monitoring.g", "R", List.of(GroupCounts.of("R", 10, 10), GroupCounts.of("G", 100, 10)));
        assertThat(report.groups().get(0).flag()).isEqualTo(FairnessReport.Flag.REFERENCE);
        assertThat(report.groups().get(1).flag()).isEqualTo(FairnessReport.Flag.TOO_FEW);
        assertThat(report.notes()).anyMatch(n -> n.contains("fewer than the minimum group size 30"));
    }

    @Test
    void outcomesKnownOnlyForApprovedDecisionsLeaveEqualOpportunityOutAndSaySo() {
        var approvedOnly = FairnessReport.compute(
                "thinFile",
                "false",
                List.of(new GroupCounts("false", 10, 8, 6, 6, 2, 2), new GroupCounts("true", 5, 3, 2, 2, 1, 1)));

        var thin = approvedOnly.groups().get(1).outcomes();
        assertThat(thin.truePositiveRate()).isEqualTo(1.0);
        assertThat(thin.equalOpportunityDifference()).isNull();
        assertThat(thin.averageOddsDifference()).isNull();
        assertThat(thin.badRateAmongApproved()).isCloseTo(1.0 / 3, EXACT);
        assertThat(approvedOnly.notes()).startsWith(FairnessReport.LABELS_ONLY_FOR_APPROVED);
    }

    @Test
    void aGroupWithoutOutcomesHasNoOutcomeMetrics() {
        var noOutcomes = FairnessReport.compute(
                "ageBand", "25-61", List.of(GroupCounts.of("25-61", 4, 2), GroupCounts.of("<25", 2, 0)));

        assertThat(noOutcomes.groups().get(1).outcomes()).isNull();
        assertThat(noOutcomes.groups().get(1).adverseImpactRatio()).isCloseTo(0.0, EXACT);
        // no approval in the group: the log-ratio interval is undefined, the counts stay to judge by
        assertThat(noOutcomes.groups().get(1).adverseImpactRatioCi()).isNull();
        assertThat(noOutcomes.notes()).noneMatch(n -> n.contains("known only for approved"));
    }

    @Test
    void aReferenceGroupWithoutDecisionsIsRefused() {
        assertThatThrownBy(() -> FairnessReport.compute("thinFile", "true", List.of(THICK)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reference group true has no decisions");
    }

    @Test
    void countsThatCannotBeTrueAreRefused() {
        assertThatThrownBy(() -> new GroupCounts("x", 3, 4, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupCounts("x", 5, 2, 2, 2, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void groupByReadsThinFileAgeBandAndMonitoringFieldsOnly() {
        assertThat(GroupBy.parse("thinFile"))
                .hasValueSatisfying(g -> assertThat(g.kind()).isEqualTo(GroupBy.Kind.THIN_FILE));
        assertThat(GroupBy.parse("monitoring.sex")).hasValue(new GroupBy(GroupBy.Kind.MONITORING, "sex"));
        assertThat(GroupBy.parse("monitoring.")).isEmpty();
        assertThat(GroupBy.parse("monitoring.a'b")).isEmpty();
        assertThat(GroupBy.parse("income")).isEmpty();
        assertThat(AgeBand.of(24)).isEqualTo("<25");
        assertThat(AgeBand.of(25)).isEqualTo("25-61");
        assertThat(AgeBand.of(61)).isEqualTo("25-61");
        assertThat(AgeBand.of(62)).isEqualTo("62+");
    }
}
