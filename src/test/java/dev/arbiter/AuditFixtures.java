package dev.arbiter;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;

import java.util.Map;

/** Applications whose decisions audit tests need: one the rules refer, one they counteroffer. */
public final class AuditFixtures {

    private AuditFixtures() {}

    /** An overdrawn applicant with little savings asking for 9,000 over four years: risk in the review band, REFER. */
    public static Map<String, Object> overdrawnWithLittleSavings(String applicationId) {
        Map<String, Object> app = steadyEmployedRenter(applicationId);
        attributes(app).put("checkingStatus", "LT_0");
        attributes(app).put("savingsStatus", "LT_100");
        app.put("requestedAmount", 9000);
        app.put("termMonths", 48);
        return app;
    }

    /** An overdrawn applicant with savings asking for 9,000 over four years: approved for less, a counteroffer. */
    public static Map<String, Object> overdrawnSaverAskingTooMuch(String applicationId) {
        Map<String, Object> app = steadyEmployedRenter(applicationId);
        attributes(app).put("checkingStatus", "LT_0");
        app.put("requestedAmount", 9000);
        app.put("termMonths", 48);
        return app;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attributes(Map<String, Object> app) {
        return (Map<String, Object>) app.get("attributes");
    }
}
