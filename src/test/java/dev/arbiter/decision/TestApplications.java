package dev.arbiter.decision;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * Applications for tests, named for the applicant they describe, and one builder for the
 * variations a test needs: {@code like(steadyEmployedRenter()).region("CN").build()}. Test code
 * builds {@link Application} here and nowhere else, so a new field is added in one place.
 */
public final class TestApplications {

    private TestApplications() {}

    /** Long clean credit file, modest loan, applying from a years-old device in their own region. */
    public static Application steadyEmployedRenter() {
        return new Builder(
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
                        new Attributes(Map.of("checkingStatus", "NONE", "savingsStatus", "GE_1000")))
                .build();
    }

    /** The steady employed renter under another application id. */
    public static Application steadyEmployedRenter(String applicationId) {
        return like(steadyEmployedRenter()).id(applicationId).build();
    }

    /** No credit file at all, but years of a bank account with comfortable, punctual cash flow. */
    public static Application thinFileWithHealthyCashFlow() {
        return like(steadyEmployedRenter())
                .id("app-thin")
                .amount("1200")
                .term(12)
                .applicant(new Applicant(24, new BigDecimal("2600"), 30, Housing.RENT, 0))
                .noCreditFile()
                .alternativeData(new AlternativeData(new BigDecimal("2600"), new BigDecimal("1900"), 48, 0, 1.0, 0.98))
                .build();
    }

    /** No credit file, and a bank account that overdraws and pays rent late. */
    public static Application thinFileWithStrainedCashFlow() {
        return like(thinFileWithHealthyCashFlow())
                .alternativeData(new AlternativeData(new BigDecimal("2000"), new BigDecimal("2050"), 4, 7, 0.6, 0.7))
                .build();
    }

    /** An EU application from a device first seen today, with an e-mail address created yesterday, in Nigeria. */
    public static Application freshDeviceAbroad() {
        return like(steadyEmployedRenter())
                .id("app-fresh")
                .device(new Device("NG", 0, 1))
                .build();
    }

    /** 34, earns 3200 a month, 250 of existing debt, a clean five-year file, asks 5000 over 24 months. */
    public static Application regularApplicant() {
        return new Builder(
                        "T-34-250",
                        Product.PERSONAL_LOAN,
                        new BigDecimal("5000"),
                        "EUR",
                        24,
                        "CAR_USED",
                        "EU",
                        new Applicant(34, new BigDecimal("3200"), 48, Housing.RENT, 1),
                        new CreditFile(60, 3, 0, 0, 1, new BigDecimal("250"), 710),
                        null,
                        new Device("DE", 400, 2000),
                        new Attributes(Map.of("checkingStatus", "NONE")))
                .build();
    }

    /** The regular applicant with 1400 of existing debt: (1400 + 208.33) / 3200 = 0.50 debt-to-income. */
    public static Application overIndebtedApplicant() {
        return like(regularApplicant())
                .id("T-34-1400")
                .monthlyDebtPayments(new BigDecimal("1400"))
                .build();
    }

    /** 150,000 USD over 30 years to buy a home, 5,000 USD a month of income, a 13-year file scoring 760. */
    public static Application thirtyYearMortgage() {
        return new Builder(
                        "m-USD",
                        Product.MORTGAGE,
                        new BigDecimal("150000"),
                        "USD",
                        360,
                        "HOME_PURCHASE",
                        "US",
                        new Applicant(41, new BigDecimal("5000"), 84, Housing.RENT, 2),
                        new CreditFile(156, 4, 0, 0, 1, new BigDecimal("450"), 760),
                        null,
                        new Device("US", 900, 3000),
                        Attributes.NONE)
                .build();
    }

    /** A builder holding a copy of {@code application}; what it is not told to change stays as it was. */
    public static Builder like(Application application) {
        return new Builder(
                application.applicationId(),
                application.product(),
                application.requestedAmount(),
                application.currency(),
                application.termMonths(),
                application.purpose(),
                application.dataRegion(),
                application.applicant(),
                application.creditFile(),
                application.alternativeData(),
                application.device(),
                application.attributes());
    }

    public static final class Builder {

        private String applicationId;
        private Product product;
        private BigDecimal requestedAmount;
        private String currency;
        private int termMonths;
        private String purpose;
        private String dataRegion;
        private Applicant applicant;
        private CreditFile creditFile;
        private AlternativeData alternativeData;
        private Device device;
        private Attributes attributes;

        private Builder(
                String applicationId,
                Product product,
                BigDecimal requestedAmount,
                String currency,
                int termMonths,
                String purpose,
                String dataRegion,
                Applicant applicant,
                CreditFile creditFile,
                AlternativeData alternativeData,
                Device device,
                Attributes attributes) {
            this.applicationId = applicationId;
            this.product = product;
            this.requestedAmount = requestedAmount;
            this.currency = currency;
            this.termMonths = termMonths;
            this.purpose = purpose;
            this.dataRegion = dataRegion;
            this.applicant = applicant;
            this.creditFile = creditFile;
            this.alternativeData = alternativeData;
            this.device = device;
            this.attributes = attributes;
        }

        public Builder id(String applicationId) {
            this.applicationId = applicationId;
            return this;
        }

        public Builder product(Product product) {
            this.product = product;
            return this;
        }

        public Builder amount(BigDecimal requestedAmount) {
            this.requestedAmount = requestedAmount;
            return this;
        }

        public Builder amount(String requestedAmount) {
            return amount(new BigDecimal(requestedAmount));
        }

        public Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        public Builder term(int termMonths) {
            this.termMonths = termMonths;
            return this;
        }

        public Builder purpose(String purpose) {
            this.purpose = purpose;
            return this;
        }

        public Builder region(String dataRegion) {
            this.dataRegion = dataRegion;
            return this;
        }

        public Builder applicant(Applicant applicant) {
            this.applicant = applicant;
            return this;
        }

        /** The same applicant at another age. */
        public Builder age(int age) {
            Applicant a = Objects.requireNonNull(applicant, "no applicant to change the age of");
            return applicant(new Applicant(age, a.monthlyIncome(), a.employmentMonths(), a.housing(), a.dependents()));
        }

        public Builder creditFile(CreditFile creditFile) {
            this.creditFile = creditFile;
            return this;
        }

        /** A no-file applicant: the bureau knows nothing of them. */
        public Builder noCreditFile() {
            return creditFile(null);
        }

        /** The same credit file with other monthly debt payments. */
        public Builder monthlyDebtPayments(BigDecimal monthlyDebtPayments) {
            CreditFile f = Objects.requireNonNull(creditFile, "no credit file to change the debt of");
            return creditFile(new CreditFile(
                    f.historyMonths(),
                    f.openTradelines(),
                    f.delinquencies(),
                    f.derogatoryMarks(),
                    f.inquiriesLast6Months(),
                    monthlyDebtPayments,
                    f.bureauScore()));
        }

        /** The same credit file with another bureau score (null: the bureau returned none). */
        public Builder bureauScore(Integer bureauScore) {
            CreditFile f = Objects.requireNonNull(creditFile, "no credit file to change the score of");
            return creditFile(new CreditFile(
                    f.historyMonths(),
                    f.openTradelines(),
                    f.delinquencies(),
                    f.derogatoryMarks(),
                    f.inquiriesLast6Months(),
                    f.monthlyDebtPayments(),
                    bureauScore));
        }

        public Builder alternativeData(AlternativeData alternativeData) {
            this.alternativeData = alternativeData;
            return this;
        }

        public Builder device(Device device) {
            this.device = device;
            return this;
        }

        public Builder attributes(Attributes attributes) {
            this.attributes = attributes;
            return this;
        }

        public Builder attributes(Map<String, Object> attributes) {
            return attributes(new Attributes(attributes));
        }

        public Application build() {
            return new Application(
                    applicationId,
                    product,
                    requestedAmount,
                    currency,
                    termMonths,
                    purpose,
                    dataRegion,
                    applicant,
                    creditFile,
                    alternativeData,
                    device,
                    attributes);
        }
    }
}
