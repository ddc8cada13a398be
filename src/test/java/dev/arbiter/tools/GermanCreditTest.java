package dev.arbiter.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.decision.FeatureDeriver;
import dev.arbiter.decision.Product;
import dev.arbiter.decision.ThinFileDefinition;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GermanCreditTest {

    private static List<GermanCredit.Row> rows;

    @BeforeAll
    static void readShippedData() throws IOException {
        rows = GermanCredit.read(GermanCredit.SHIPPED_FILE);
    }

    @Test
    void theShippedFileHoldsAThousandApplicantsSevenHundredOfThemGood() {
        assertThat(rows).hasSize(1000);
        assertThat(rows).filteredOn(GermanCredit.Row::good).hasSize(700);
    }

    @Test
    void fortyApplicantsHaveNoCreditFile() {
        assertThat(rows)
                .filteredOn(r -> !r.application().hasCreditFile())
                .hasSize(40)
                .allSatisfy(r -> assertThat(r.raw().get("credit_history")).isEqualTo("no credits/all paid"));
    }

    @Test
    void monitoringNeverLeaksIntoTheApplicationAttributes() {
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.monitoring()).containsOnlyKeys("sex", "maritalStatus", "foreignWorker");
            assertThat(r.application().attributes().values())
                    .doesNotContainKeys("sex", "maritalStatus", "foreignWorker", "personalStatus", "age");
            assertThat(r.application().attributes().values().values())
                    .doesNotContain("MALE", "FEMALE", "SINGLE", "MARRIED_OR_WIDOWED");
        });
    }

    @Test
    void applicationsAreNumberedPersonalLoansInEuros() {
        assertThat(rows.get(0).application().applicationId()).isEqualTo("german-0001");
        assertThat(rows.get(999).application().applicationId()).isEqualTo("german-1000");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.application().product()).isEqualTo(Product.PERSONAL_LOAN);
            assertThat(r.application().currency()).isEqualTo("DEM");
            assertThat(r.application().dataRegion()).isEqualTo("EU");
        });
    }

    @Test
    void theSyntheticIncomeGivesBackTheInstalmentShareOfIncome() {
        var deriver = new FeatureDeriver(ThinFileDefinition.DEFAULT, Clock.systemUTC());

        assertThat(rows).allSatisfy(r -> {
            double share = Integer.parseInt(r.raw().get("installment_commitment")) / 10.0;
            assertThat(deriver.derive(r.application()).paymentToIncome())
                    .isCloseTo(share, org.assertj.core.data.Offset.offset(0.001));
        });
    }

    @Test
    void aCriticalAccountIsNotMappedToAPenaltyTheDataWouldTurnIntoAReward() {
        assertThat(rows)
                .filteredOn(r -> r.raw().get("credit_history").equals("critical/other existing credit"))
                .allSatisfy(r -> assertThat(r.application().creditFile().derogatoryMarks())
                        .isZero());
    }

    @Test
    void quotedValuesMayHoldCommasAndSpaces() {
        assertThat(GermanCredit.splitValues("'<0',6,'a, b',radio/tv")).containsExactly("<0", "6", "a, b", "radio/tv");
    }
}
