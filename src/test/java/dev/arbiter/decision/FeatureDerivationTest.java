package dev.arbiter.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class FeatureDerivationTest {

    @Test
    void aThirtyYearMortgageAtSevenPercentPaysAboutTwoPointFourTimesAmountOverTerm() {
        BigDecimal payment = FeatureDerivation.annuityPayment(new BigDecimal("150000"), new BigDecimal("0.07"), 360);

        assertThat(payment).isEqualByComparingTo("997.95");
        assertThat(ratioToStraightLine(payment, "150000", 360)).isBetween(2.39, 2.40);
    }

    @Test
    void aFiveYearLoanAtSeventeenPercentPaysAboutOnePointFiveTimesAmountOverTerm() {
        BigDecimal payment = FeatureDerivation.annuityPayment(new BigDecimal("10000"), new BigDecimal("0.17"), 60);

        assertThat(payment).isEqualByComparingTo("248.53");
        assertThat(ratioToStraightLine(payment, "10000", 60)).isBetween(1.49, 1.50);
    }

    @Test
    void atAZeroRateTheAnnuityIsAmountOverTerm() {
        assertThat(FeatureDerivation.annuityPayment(new BigDecimal("1000"), BigDecimal.ZERO, 10))
                .isEqualByComparingTo("100.00");
    }

    @Test
    void theStressRateIsThePerProductRateUnlessTheMarketHasItsOwn() {
        FeatureDerivation fd2 = FeatureDerivation.ANNUITY_STRESS;

        assertThat(fd2.stressRate(application(Product.MORTGAGE, "USD"))).isEqualByComparingTo("0.07");
        assertThat(fd2.stressRate(application(Product.PERSONAL_LOAN, "EUR"))).isEqualByComparingTo("0.17");
        assertThat(fd2.stressRate(application(Product.PERSONAL_LOAN, "DEM"))).isEqualByComparingTo("0.12");
        assertThat(FeatureDerivation.STRAIGHT_LINE.stressRate(application(Product.MORTGAGE, "USD")))
                .isEqualByComparingTo("0");
    }

    @Test
    void theMortgageOfTheIssueIsAffordableAtItsRealInstalment() {
        // 150,000 USD over 30 years, 5,000 USD a month: 997.95 a month, 20 % of income
        Application mortgage = application(Product.MORTGAGE, "USD");

        BigDecimal payment = FeatureDerivation.ANNUITY_STRESS.monthlyPayment(mortgage);

        assertThat(payment).isEqualByComparingTo("997.95");
        assertThat(FeatureDerivation.STRAIGHT_LINE.monthlyPayment(mortgage)).isEqualByComparingTo("416.67");
    }

    @Test
    void everyShippedVersionIsFoundByItsNameAndNoneTwice() {
        assertThat(FeatureDerivation.VERSIONS)
                .extracting(FeatureDerivation::version)
                .containsExactly("fd-1", "fd-2");
        assertThat(FeatureDerivation.version("fd-2")).contains(FeatureDerivation.ANNUITY_STRESS);
        assertThat(FeatureDerivation.version(null)).contains(FeatureDerivation.STRAIGHT_LINE);
        assertThat(FeatureDerivation.version("fd-3")).isEmpty();
    }

    private static double ratioToStraightLine(BigDecimal payment, String amount, int term) {
        return payment.divide(
                        new BigDecimal(amount).divide(BigDecimal.valueOf(term), MathContext.DECIMAL64),
                        MathContext.DECIMAL64)
                .doubleValue();
    }

    private static Application application(Product product, String currency) {
        return TestApplications.like(TestApplications.thirtyYearMortgage())
                .product(product)
                .currency(currency)
                .build();
    }
}
