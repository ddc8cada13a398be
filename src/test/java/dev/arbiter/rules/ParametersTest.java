package dev.arbiter.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.Product;
import dev.arbiter.decision.TestApplications;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ParametersTest {

    private static final String LAYERED = """
            {
              "version": "p-test",
              "eligibility": { "minMonthlyIncome": 800 },
              "affordability": { "maxPaymentToIncome": 0.30, "maxDebtToIncome": 0.45 },
              "risk": {
                "bands": { "A": { "maxRisk": 0.15, "apr": 0.069, "incomeMultiple": 6 } },
                "limitStep": 100
              },
              "products": { "MORTGAGE": { "affordability": { "maxDebtToIncome": 0.43 } } },
              "markets": { "USD": { "eligibility": { "minMonthlyIncome": 1500 } } },
              "productMarkets": {
                "MORTGAGE/USD": { "risk": { "bands": { "A": { "incomeMultiple": 400 } } } }
              }
            }
            """;

    private final Parameters parameters = Parameters.parse(LAYERED.getBytes(StandardCharsets.UTF_8));

    @Test
    void anApplicationSeesTheDefaultsOverlaidByItsProductItsMarketAndBoth() {
        Parameters mortgageUsd = parameters.resolve(application(Product.MORTGAGE, "USD"));

        assertThat(mortgageUsd.num("affordability.maxDebtToIncome")).isEqualTo(0.43);
        assertThat(mortgageUsd.num("eligibility.minMonthlyIncome")).isEqualTo(1500);
        assertThat(mortgageUsd.num("affordability.maxPaymentToIncome")).isEqualTo(0.30);
        assertThat(mortgageUsd.band("A").incomeMultiple()).isEqualByComparingTo("400");
        assertThat(mortgageUsd.band("A").apr()).isEqualByComparingTo("0.069");
        assertThat(mortgageUsd.scope()).isEqualTo("MORTGAGE/USD");
    }

    @Test
    void aProductOrMarketWithoutOverridesKeepsTheSharedDefaults() {
        Parameters loanEur = parameters.resolve(application(Product.PERSONAL_LOAN, "EUR"));
        Parameters loanUsd = parameters.resolve(application(Product.PERSONAL_LOAN, "USD"));

        assertThat(loanEur.num("eligibility.minMonthlyIncome")).isEqualTo(800);
        assertThat(loanEur.num("affordability.maxDebtToIncome")).isEqualTo(0.45);
        assertThat(loanUsd.num("eligibility.minMonthlyIncome")).isEqualTo(1500);
        assertThat(loanUsd.band("A").incomeMultiple()).isEqualByComparingTo("6");
        assertThat(parameters.num("eligibility.minMonthlyIncome")).isEqualTo(800);
    }

    @Test
    void anOverrideOfAPathWithNoSharedDefaultIsRefusedNamingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Parameters.parse(LAYERED.replace("\"maxDebtToIncome\": 0.43", "\"maxDti\": 0.43")
                        .getBytes(StandardCharsets.UTF_8)))
                .withMessageContaining("products.MORTGAGE.affordability.maxDti overrides no shared default");
    }

    @Test
    void anOverrideForAnUnknownProductOrAMalformedMarketIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Parameters.parse(
                        LAYERED.replace("\"MORTGAGE\": {", "\"YACHT\": {").getBytes(StandardCharsets.UTF_8)))
                .withMessageContaining("YACHT is not a product");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Parameters.parse(
                        LAYERED.replace("\"USD\": {", "\"usd\": {").getBytes(StandardCharsets.UTF_8)))
                .withMessageContaining("ISO 4217");
    }

    @Test
    void theShippedParametersGiveTheGermanDataItsOwnMarket() throws Exception {
        Parameters shipped = Parameters.parse(Files.readAllBytes(Path.of("rules/parameters.json")));

        Parameters dem = shipped.resolve(application(Product.PERSONAL_LOAN, "DEM"));
        Parameters eur = shipped.resolve(application(Product.PERSONAL_LOAN, "EUR"));

        // the StatLog cost matrix (5 for a bad accepted, 1 for a good refused) breaks even at risk 1/6
        assertThat(dem.band("C").maxRisk()).isEqualTo(0.1667);
        assertThat(eur.band("C").maxRisk()).isEqualTo(shipped.band("C").maxRisk());
    }

    private static Application application(Product product, String currency) {
        return TestApplications.like(TestApplications.regularApplicant())
                .product(product)
                .currency(currency)
                .build();
    }
}
