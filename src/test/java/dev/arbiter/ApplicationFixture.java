package dev.arbiter;

import java.util.LinkedHashMap;
import java.util.Map;

/** Applications as JSON trees, named for the applicant they describe; tests tweak copies. */
public final class ApplicationFixture {

    private ApplicationFixture() {}

    /** A salaried renter with a long, clean credit file asking for a modest loan. */
    public static Map<String, Object> steadyEmployedRenter(String applicationId) {
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("applicationId", applicationId);
        app.put("product", "PERSONAL_LOAN");
        app.put("requestedAmount", 4000);
        app.put("currency", "EUR");
        app.put("termMonths", 24);
        app.put("purpose", "CAR_USED");
        app.put("dataRegion", "EU");
        app.put(
                "applicant",
                new LinkedHashMap<>(Map.of(
                        "age", 38, "monthlyIncome", 3800, "employmentMonths", 96, "housing", "RENT", "dependents", 1)));
        app.put(
                "creditFile",
                new LinkedHashMap<>(Map.of(
                        "historyMonths",
                        120,
                        "openTradelines",
                        3,
                        "delinquencies",
                        0,
                        "derogatoryMarks",
                        0,
                        "inquiriesLast6Months",
                        1,
                        "monthlyDebtPayments",
                        300,
                        "bureauScore",
                        730)));
        app.put("device", new LinkedHashMap<>(Map.of("ipCountry", "DE", "deviceAgeDays", 700, "emailAgeDays", 3000)));
        app.put(
                "attributes",
                new LinkedHashMap<>(Map.of(
                        "checkingStatus", "NONE", "savingsStatus", "GE_1000", "propertyMagnitude", "REAL_ESTATE")));
        app.put("monitoring", new LinkedHashMap<>(Map.of("sex", "female", "maritalStatus", "married")));
        return app;
    }

    /** A 17-year-old: no lender may contract with a minor. */
    public static Map<String, Object> minor(String applicationId) {
        Map<String, Object> app = steadyEmployedRenter(applicationId);
        applicant(app).put("age", 17);
        applicant(app).put("employmentMonths", 6);
        return app;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> applicant(Map<String, Object> app) {
        return (Map<String, Object>) app.get("applicant");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> creditFile(Map<String, Object> app) {
        return (Map<String, Object>) app.get("creditFile");
    }
}
