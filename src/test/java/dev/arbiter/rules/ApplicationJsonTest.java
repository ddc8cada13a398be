package dev.arbiter.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.Housing;
import dev.arbiter.decision.Product;
import org.junit.jupiter.api.Test;

class ApplicationJsonTest {

    @Test
    void anApiShapedApplicationReadsIntoTheCoreRecords() {
        Application application = ApplicationJson.mapper().readValue("""
                {"applicationId":"A-1","product":"PERSONAL_LOAN","requestedAmount":5000,"currency":"EUR",
                 "termMonths":24,"purpose":"CAR_USED","dataRegion":"EU",
                 "applicant":{"age":34,"monthlyIncome":3200.50,"employmentMonths":48,"housing":"RENT","dependents":1},
                 "creditFile":{"historyMonths":60,"openTradelines":3,"delinquencies":0,"derogatoryMarks":0,
                               "inquiriesLast6Months":1,"monthlyDebtPayments":250,"bureauScore":710},
                 "device":{"ipCountry":"DE","deviceAgeDays":400,"emailAgeDays":2000},
                 "attributes":{"checkingStatus":"NONE","savingsMonths":7}}
                """, Application.class);

        assertThat(application.product()).isEqualTo(Product.PERSONAL_LOAN);
        assertThat(application.applicant().housing()).isEqualTo(Housing.RENT);
        assertThat(application.applicant().monthlyIncome()).isEqualByComparingTo("3200.50");
        assertThat(application.creditFile().bureauScore()).isEqualTo(710);
        assertThat(application.attributes().text("checkingStatus")).contains("NONE");
        assertThat(application.attributes().number("savingsMonths")).contains(7.0);
    }

    @Test
    void anApplicationWithoutCreditFileIsANoFileApplicant() {
        Application application = ApplicationJson.mapper().readValue("""
                {"applicationId":"A-2","product":"MICRO_LOAN","requestedAmount":500,"currency":"EUR","termMonths":6,
                 "dataRegion":"EU","applicant":{"age":22,"monthlyIncome":1400,"employmentMonths":5,"dependents":0}}
                """, Application.class);

        assertThat(application.hasCreditFile()).isFalse();
        assertThat(application.attributes().values()).isEmpty();
        assertThat(application.applicant().housing()).isNull();
    }
}
