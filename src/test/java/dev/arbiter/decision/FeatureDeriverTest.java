package dev.arbiter.decision;

import static dev.arbiter.decision.TestApplications.like;
import static dev.arbiter.decision.TestApplications.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FeatureDeriverTest {

    private final FeatureDeriver deriver = new FeatureDeriver(
            ThinFileDefinition.DEFAULT, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void debtToIncomeCountsExistingDebtAndTheNewInstalment() {
        // 4000 over 24 months, 300 debt, 3800 income; a personal loan's stress rate is 17 % a year
        Features f = deriver.derive(steadyEmployedRenter("f-1"));

        assertThat(f.derivation()).isEqualTo("fd-2");
        assertThat(f.monthlyPayment()).isEqualByComparingTo("197.77");
        assertThat(f.paymentToIncome()).isEqualTo(0.052);
        assertThat(f.debtToIncome()).isEqualTo(0.131);
    }

    @Test
    void theStraightLineVersionStillDerivesWhatDecisionsBeforeVersioningRecorded() {
        Features f = deriver.deriveAt(steadyEmployedRenter("f-1"), Instant.parse("2026-01-01T00:00:00Z"), "fd-1");

        assertThat(f.derivation()).isEqualTo("fd-1");
        assertThat(f.monthlyPayment()).isEqualByComparingTo("166.67");
        assertThat(f.paymentToIncome()).isEqualTo(0.0439);
        assertThat(f.debtToIncome()).isEqualTo(0.1228);
    }

    @Test
    void aDecisionRecordedWithoutAVersionIsReadAsStraightLine() {
        Features f = deriver.deriveAt(steadyEmployedRenter("f-1"), Instant.parse("2026-01-01T00:00:00Z"), null);

        assertThat(f.derivation()).isEqualTo("fd-1");
        assertThat(f.monthlyPayment()).isEqualByComparingTo("166.67");
    }

    @Test
    void anUnknownDerivationVersionIsRefusedRatherThanGuessed() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> deriver.deriveAt(steadyEmployedRenter("f-1"), Instant.EPOCH, "fd-99"))
                .withMessageContaining("fd-99");
    }

    @Test
    void anApplicantWithoutACreditFileIsThinFileForThatReason() {
        Features f =
                deriver.derive(like(steadyEmployedRenter("f-2")).noCreditFile().build());

        assertThat(f.thinFile()).isTrue();
        assertThat(f.thinFileReasons()).containsExactly(ThinFileDefinition.ThinFileReason.NO_CREDIT_FILE);
        assertThat(f.thinFileDefinition()).isEqualTo("tf-1");
        assertThat(f.creditHistory()).isEqualTo(CreditHistory.NONE);
    }

    @Test
    void aShortHistoryWithOneTradelineIsThinFileForBothReasons() {
        Application thin = like(steadyEmployedRenter("f-3"))
                .creditFile(new CreditFile(6, 1, 0, 0, 0, BigDecimal.ZERO, null))
                .build();

        assertThat(deriver.derive(thin).thinFileReasons())
                .containsExactly(
                        ThinFileDefinition.ThinFileReason.SHORT_HISTORY,
                        ThinFileDefinition.ThinFileReason.FEW_TRADELINES);
    }

    @Test
    void anEstablishedFileIsNotThin() {
        assertThat(deriver.derive(steadyEmployedRenter("f-4")).thinFile()).isFalse();
    }

    @Test
    void noIncomeGivesACappedRatioRatherThanADivisionByZero() {
        Application jobless = like(steadyEmployedRenter("f-5"))
                .applicant(new Applicant(30, BigDecimal.ZERO, 0, Housing.RENT, 0))
                .build();

        assertThat(deriver.derive(jobless).debtToIncome()).isEqualTo(FeatureDeriver.RATIO_CAP);
    }
}
