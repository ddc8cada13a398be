package dev.arbiter.ensemble;

import dev.arbiter.decision.AlternativeData;
import dev.arbiter.decision.Applicant;
import dev.arbiter.decision.Application;
import dev.arbiter.decision.Attributes;
import dev.arbiter.decision.CreditFile;
import dev.arbiter.decision.Device;
import dev.arbiter.decision.FeatureDeriver;
import dev.arbiter.decision.Features;
import dev.arbiter.decision.Housing;
import dev.arbiter.decision.ModelInput;
import dev.arbiter.decision.Product;
import dev.arbiter.decision.ThinFileDefinition;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Applications for ensemble tests, named for the applicant they describe. */
final class Applicants {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final FeatureDeriver DERIVER = new FeatureDeriver(ThinFileDefinition.DEFAULT, CLOCK);

    private Applicants() {}

    /** Long clean credit file, modest loan, applying from a years-old device in their own region. */
    static Application steadyEmployedRenter() {
        return new Application(
                "app-steady",
                Product.PERSONAL_LOAN,
                new BigDecimal("4000"),
                "EUR",
                24,
                "CAR_USED",
                "EU",
                new Applicant(38, new BigDecimal("3800"), 96, Housing.RENT, 1),
                new CreditFile(120, 3, 0, 0, 1, new BigDecimal("300"), 730),
                null,
                new Device("DE", 700, 3000),
                new Attributes(Map.of("checkingStatus", "NONE", "savingsStatus", "GE_1000")));
    }

    /** No credit file at all, but years of a bank account with comfortable, punctual cash flow. */
    static Application thinFileWithHealthyCashFlow() {
        Application a = steadyEmployedRenter();
        return new Application(
                "app-thin",
                a.product(),
                new BigDecimal("1200"),
                a.currency(),
                12,
                a.purpose(),
                a.dataRegion(),
                new Applicant(24, new BigDecimal("2600"), 30, Housing.RENT, 0),
                null,
                new AlternativeData(new BigDecimal("2600"), new BigDecimal("1900"), 48, 0, 1.0, 0.98),
                a.device(),
                a.attributes());
    }

    /** No credit file, and a bank account that overdraws and pays rent late. */
    static Application thinFileWithStrainedCashFlow() {
        Application a = thinFileWithHealthyCashFlow();
        return withAlternativeData(
                a, new AlternativeData(new BigDecimal("2000"), new BigDecimal("2050"), 4, 7, 0.6, 0.7));
    }

    /** An EU application from a device first seen today, with an e-mail address created yesterday, in Nigeria. */
    static Application freshDeviceAbroad() {
        Application a = steadyEmployedRenter();
        return new Application(
                "app-fresh",
                a.product(),
                a.requestedAmount(),
                a.currency(),
                a.termMonths(),
                a.purpose(),
                a.dataRegion(),
                a.applicant(),
                a.creditFile(),
                a.alternativeData(),
                new Device("NG", 0, 1),
                a.attributes());
    }

    static Application inRegion(Application a, String dataRegion) {
        return new Application(
                a.applicationId(),
                a.product(),
                a.requestedAmount(),
                a.currency(),
                a.termMonths(),
                a.purpose(),
                dataRegion,
                a.applicant(),
                a.creditFile(),
                a.alternativeData(),
                a.device(),
                a.attributes());
    }

    static Application withAlternativeData(Application a, AlternativeData alt) {
        return new Application(
                a.applicationId(),
                a.product(),
                a.requestedAmount(),
                a.currency(),
                a.termMonths(),
                a.purpose(),
                a.dataRegion(),
                a.applicant(),
                a.creditFile(),
                alt,
                a.device(),
                a.attributes());
    }

    static Features features(Application a) {
        return DERIVER.derive(a);
    }

    static ModelInput input(Application a) {
        return ModelInput.of(a, features(a));
    }
}
