package dev.arbiter.ensemble;

import static dev.arbiter.decision.TestApplications.freshDeviceAbroad;
import static dev.arbiter.decision.TestApplications.like;
import static dev.arbiter.decision.TestApplications.steadyEmployedRenter;
import static dev.arbiter.decision.TestApplications.thinFileWithHealthyCashFlow;
import static dev.arbiter.decision.TestApplications.thinFileWithStrainedCashFlow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.Attributes;
import dev.arbiter.decision.Device;
import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.ModelStatus;
import dev.arbiter.decision.ScoreFactor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShippedScorecardsTest {

    private final ScorecardModel fraud = ScorecardModel.load(Path.of("engine/models/device-fraud.json"));
    private final ScorecardModel cashFlow = ScorecardModel.load(Path.of("engine/models/cash-flow.json"));

    @Test
    void anEstablishedDeviceInTheApplicantsRegionLooksSafe() {
        ModelScore score = fraud.score(Applicants.input(steadyEmployedRenter()), ModelRole.FRAUD, "always");

        assertThat(score.status()).isEqualTo(ModelStatus.OK);
        assertThat(score.risk()).isLessThan(0.02);
        assertThat(score.factors()).isEmpty();
    }

    @Test
    void aBrandNewDeviceAndEmailFromAnotherRegionLookLikeFraudAndSayWhy() {
        ModelScore score = fraud.score(Applicants.input(freshDeviceAbroad()), ModelRole.FRAUD, "always");

        assertThat(score.risk()).isGreaterThan(0.4);
        assertThat(score.factors())
                .extracting(ScoreFactor::reasonCode)
                .containsExactlyInAnyOrder("R-FRAUD-IP-REGION", "R-FRAUD-NEW-EMAIL", "R-FRAUD-NEW-DEVICE");
        assertThat(score.rawResponse()).contains("\"value\":\"OTHER_REGION\"");
    }

    @Test
    void anIpCountryOfAnotherEuMemberStateIsStillTheEuRegion() {
        Application fromFrance = like(steadyEmployedRenter())
                .region("EU")
                .device(new Device("FR", 700, 3000))
                .build();

        assertThat(fraud.score(Applicants.input(fromFrance), ModelRole.FRAUD, "always")
                        .rawResponse())
                .contains("\"value\":\"SAME_REGION\"");
    }

    @Test
    void healthyCashFlowGivesAThinFileApplicantALowRisk() {
        ModelScore healthy =
                cashFlow.score(Applicants.input(thinFileWithHealthyCashFlow()), ModelRole.SECOND_OPINION, "thin-file");
        ModelScore strained =
                cashFlow.score(Applicants.input(thinFileWithStrainedCashFlow()), ModelRole.SECOND_OPINION, "thin-file");

        assertThat(healthy.risk()).isLessThan(0.1);
        assertThat(strained.risk()).isGreaterThan(0.8);
        assertThat(strained.factors())
                .extracting(ScoreFactor::reasonCode)
                .contains("R-CASHFLOW-COVER", "R-OVERDRAFTS", "R-RENT-PAYMENTS");
    }

    @Test
    void aMissingInputNeverBecomesAFactorThoughItWouldRaiseTheRiskMost() {
        ScorecardModel primary = ScorecardModel.load(Path.of("engine/models/primary-credit.json"));
        Application withoutAttributes =
                like(steadyEmployedRenter()).attributes(Attributes.NONE).build();

        ModelScore score = primary.score(Applicants.input(withoutAttributes), ModelRole.PRIMARY, "always");

        // the absent checking status scores the population's weight, 0.885 above its best bin:
        // the largest contribution of any input, and still no reason
        assertThat(score.rawResponse())
                .contains("\"input\":\"attributes.checkingStatus\",\"value\":\"missing\",\"bin\":\"missing\"");
        assertThat(score.factors()).extracting(ScoreFactor::reasonCode).doesNotContain("R-CHECKING", "R-SAVINGS");
        assertThat(score.factors()).extracting(ScoreFactor::value).doesNotContain("missing");

        ModelScore overdrawn = primary.score(
                Applicants.input(like(withoutAttributes)
                        .attributes(Map.of("checkingStatus", "LT_0"))
                        .build()),
                ModelRole.PRIMARY,
                "always");
        assertThat(overdrawn.factors()).extracting(ScoreFactor::reasonCode).contains("R-CHECKING");
    }

    @Test
    void theCashFlowCoverIsNetInflowOverTheNewInstalment() {
        // net 700 a month against the instalment of 1200 over 12 months at the 17 % stress rate, 109.45
        ModelScore score =
                cashFlow.score(Applicants.input(thinFileWithHealthyCashFlow()), ModelRole.SECOND_OPINION, "thin-file");

        assertThat(score.rawResponse()).contains("\"input\":\"derived.cashFlowCover\",\"value\":\"6.396\"");
    }

    @Test
    void withoutAlternativeDataTheCashFlowModelHasLittleConfidence() {
        ModelScore score =
                cashFlow.score(Applicants.input(steadyEmployedRenter()), ModelRole.SECOND_OPINION, "primary-unsure");

        assertThat(score.confidence()).isLessThan(0.1);
    }

    @Test
    void theCashFlowModelKeepsItsConfidenceForAThinFileApplicantBecauseItReadsNoCreditFile() {
        ModelScore score =
                cashFlow.score(Applicants.input(thinFileWithHealthyCashFlow()), ModelRole.SECOND_OPINION, "thin-file");

        assertThat(score.confidence()).isGreaterThan(0.9);
    }

    /**
     * The raw answer is streamed to text, no longer written from a tree of nodes; decisions stored
     * before hold the tree's text, and a replay compares against it. Read back into a tree and
     * written again it is the very same text, with its fields in the order the tree had them: the
     * streamed text is what the tree would have written, for every German credit applicant and
     * every shipped scorecard.
     */
    @Test
    void theRawAnswerIsTheTextATreeOfItWouldBe() throws Exception {
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        List<ScorecardModel> shipped = List.of(
                ScorecardModel.load(Path.of("engine/models/primary-credit.json")),
                ScorecardModel.load(Path.of("engine/models/bureau-score.json")),
                fraud,
                cashFlow);
        int checked = 0;
        for (var row : dev.arbiter.tools.GermanCredit.read(dev.arbiter.tools.GermanCredit.SHIPPED_FILE)) {
            var input = Applicants.input(row.application());
            for (ScorecardModel model : shipped) {
                String raw = model.score(input, dev.arbiter.decision.ModelRole.PRIMARY, "always")
                        .rawResponse();
                assertThat(json.writeValueAsString(json.readTree(raw))).isEqualTo(raw);
                assertThat(json.readTree(raw).propertyNames())
                        .containsExactly(
                                "model", "version", "logOdds", "risk", "confidence", "thinFile", "bins", "factors");
                checked++;
            }
        }
        assertThat(checked).isEqualTo(4_000);
    }
}
