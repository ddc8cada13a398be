package dev.arbiter.fairness;

import static dev.arbiter.ApplicationFixture.applicant;
import static dev.arbiter.ApplicationFixture.creditFile;
import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/reports/fairness/alternatives} over decisions this test makes, tagged by a
 * monitoring field so that only they are compared. The grid varies the minimum monthly income;
 * the expected approvals, expected losses, frontier and marks are worked out here from the
 * seeded applicants alone.
 *
 * <pre>
 * chosen group G: A income 1000 (approved), B 600, C 700, D 760 (each denied for income alone)
 * reference R:    R1..R4 income 3800 (approved), R5 640 (denied for income alone)
 * minMonthlyIncome  G approved   R approved  AIR                      parity
 * base (800)        A            R1-R4       (1/4)/(4/5) = 0.3125     0.3125
 * v1   800          A            R1-R4       0.3125                   0.3125
 * v2   700          A C D        R1-R4       (3/4)/(4/5) = 0.9375     0.9375
 * v3   640          A C D        R1-R5       (3/4)/(5/5) = 0.75       0.75
 * v4   600          A B C D      R1-R5       1                        1
 * </pre>
 *
 * Expected loss (per decision of the 9) grows with each approval, so: v3 costs more than v2 (it
 * adds R5) and is less fair, so v2 dominates it; base, v1 (equal to it), v2 and v4 are on the
 * frontier. With a tolerance half-way between v2's increase and v3's, v2 alone is fairer within it.
 */
@ArbiterIT
class AlternativesIT {

    private static final double LGD = 0.45;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    private final String today = LocalDate.now(ZoneOffset.UTC).toString();
    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    /** One seeded decision: its base outcome, its primary risk and its amount. */
    private record Seed(String name, JsonNode decision, double risk, double amount) {
        double loss() {
            return risk * amount * LGD;
        }
    }

    private Seed seed(String name, String cohort, int income, int amount, String outcome, String onlyReason) {
        Map<String, Object> app = steadyEmployedRenter("alt-" + UUID.randomUUID());
        applicant(app).put("monthlyIncome", income);
        app.put("requestedAmount", amount);
        app.put("termMonths", 12);
        creditFile(app).put("monthlyDebtPayments", 0);
        app.put("monitoring", Map.of("altRun", cohort));
        JsonNode decision =
                Http.to(context, "originator").post("/v1/decisions", app).json();
        assertThat(decision.path("outcome").asString())
                .as(name + ": " + decision)
                .isEqualTo(outcome);
        List<String> reasons = new ArrayList<>();
        decision.path("reasons").forEach(r -> reasons.add(r.path("code").asString()));
        if (onlyReason != null) {
            // the search below relies on each denial being for income alone
            assertThat(reasons).as(name).containsExactly(onlyReason);
        }
        double risk = Double.NaN;
        for (JsonNode score : decision.path("scores")) {
            if (score.path("role").asString().equals("PRIMARY")) {
                risk = score.path("risk").asDouble();
            }
        }
        // low enough for an approval in any band once the income rule lets it through
        assertThat(risk).as(name + " primary risk").isLessThan(0.35);
        if (outcome.equals("APPROVE")) {
            assertThat(decision.path("terms").path("creditLimit").asDouble()).isEqualTo(amount);
        }
        return new Seed(name, decision, risk, amount);
    }

    private Http.Answer search(Object body, String role) {
        return Http.to(context, role).post("/v1/reports/fairness/alternatives", body);
    }

    private Map<String, Object> request(String version, List<Object> values, double maxIncrease) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rulesetVersion", version);
        body.put("grid", List.of(Map.of("pointer", "/eligibility/minMonthlyIncome", "values", values)));
        body.put("from", today);
        body.put("to", today);
        body.put("groupBy", "monitoring.altRun");
        body.put("reference", "R-" + tag);
        body.put("group", "G-" + tag);
        body.put("tolerance", Map.of("metric", "EXPECTED_LOSS", "maxIncrease", maxIncrease));
        return body;
    }

    @Test
    void theSearchFindsTheHandWorkedFrontierAndMarksAndStoresNothing() {
        String g = "G-" + tag;
        String r = "R-" + tag;
        Seed a = seed("A", g, 1000, 600, "APPROVE", null);
        Seed b = seed("B", g, 600, 600, "DENY", "R-INCOME");
        Seed c = seed("C", g, 700, 600, "DENY", "R-INCOME");
        Seed d = seed("D", g, 760, 600, "DENY", "R-INCOME");
        List<Seed> reference = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            reference.add(seed("R" + i, r, 3800, 600, "APPROVE", null));
        }
        Seed r5 = seed("R5", r, 640, 600, "DENY", "R-INCOME");
        String version = a.decision().path("rulesetVersion").asString();
        long versionsBefore = jdbc.sql("select count(*) from ruleset_version")
                .query(Long.class)
                .single();

        double referenceLoss = reference.stream().mapToDouble(Seed::loss).sum();
        double[] el = {
            (referenceLoss + a.loss()) / 9,
            (referenceLoss + a.loss()) / 9,
            (referenceLoss + a.loss() + c.loss() + d.loss()) / 9,
            (referenceLoss + r5.loss() + a.loss() + c.loss() + d.loss()) / 9,
            (referenceLoss + r5.loss() + a.loss() + b.loss() + c.loss() + d.loss()) / 9
        };
        double tolerance = (el[2] - el[0]) + r5.loss() / 9 / 2;

        var answer = search(request(version, List.of(800, 700, 640, 600), tolerance), "analyst");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode variants = answer.json().path("variants");
        assertThat(variants.size()).isEqualTo(5);
        long[] chosenApproved = {1, 1, 3, 3, 4};
        long[] referenceApproved = {4, 4, 4, 5, 5};
        double[] air = {0.3125, 0.3125, 0.9375, 0.75, 1.0};
        for (int i = 0; i < 5; i++) {
            JsonNode v = variants.get(i);
            assertThat(v.path("index").asInt()).isEqualTo(i);
            assertThat(v.path("chosenDecisions").asLong()).as("variant " + i).isEqualTo(4);
            assertThat(v.path("referenceDecisions").asLong()).as("variant " + i).isEqualTo(5);
            assertThat(v.path("chosenApproved").asLong()).as("variant " + i).isEqualTo(chosenApproved[i]);
            assertThat(v.path("referenceApproved").asLong()).as("variant " + i).isEqualTo(referenceApproved[i]);
            assertThat(v.path("adverseImpactRatio").asDouble())
                    .as("variant " + i)
                    .isCloseTo(air[i], within(1e-12));
            assertThat(v.path("expectedLoss").asDouble()).as("variant " + i).isCloseTo(el[i], within(1e-9));
            assertThat(v.path("approvalRate").asDouble())
                    .isCloseTo((chosenApproved[i] + referenceApproved[i]) / 9.0, within(1e-12));
        }
        assertThat(variants.get(2)
                        .path("changes")
                        .path("/eligibility/minMonthlyIncome")
                        .asInt())
                .isEqualTo(700);
        assertThat(variants.get(0).path("changes").isEmpty()).isTrue();
        assertThat(ints(answer.json().path("frontier"))).containsExactly(0, 1, 2, 4);
        assertThat(ints(answer.json().path("noWorseAndFairer"))).containsExactly(2);
        // variants are never stored as versions
        assertThat(jdbc.sql("select count(*) from ruleset_version")
                        .query(Long.class)
                        .single())
                .isEqualTo(versionsBefore);

        // a tolerance of nothing marks none; a generous one marks every fairer variant
        var strict = search(request(version, List.of(800, 700, 640, 600), 0), "auditor");
        assertThat(ints(strict.json().path("noWorseAndFairer"))).isEmpty();
        var generous = search(request(version, List.of(800, 700, 640, 600), 1e9), "analyst");
        assertThat(ints(generous.json().path("noWorseAndFairer"))).containsExactly(2, 3, 4);
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    private static JsonNode refused(Http.Answer answer, int status, String code, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asString()).isEqualTo(code);
        assertThat(answer.json().path("errors").get(0).path("field").asString()).isEqualTo(field);
        return answer.json();
    }

    @Test
    void aGridBeyondTheCapAWrongPointerAndAVariantThatDoesNotCompileAreRefused() {
        Seed a = seed("A", "G-" + tag, 1000, 600, "APPROVE", null);
        seed("R1", "R-" + tag, 3800, 600, "APPROVE", null);
        String version = a.decision().path("rulesetVersion").asString();

        Map<String, Object> large = request(version, List.of(1), 0);
        large.put(
                "grid",
                List.of(
                        Map.of(
                                "pointer",
                                "/eligibility/minMonthlyIncome",
                                "values",
                                IntStream.range(0, 9).mapToObj(i -> 800 + i).toList()),
                        Map.of(
                                "pointer",
                                "/affordability/maxPaymentToIncome",
                                "values",
                                IntStream.range(0, 8)
                                        .mapToObj(i -> 0.30 + i / 100.0)
                                        .toList())));
        JsonNode tooLarge = refused(search(large, "analyst"), 422, "GRID_TOO_LARGE", "grid");
        assertThat(tooLarge.path("detail").asString()).contains("72 variants, more than 64");

        Map<String, Object> wrongPointer = request(version, List.of(1), 0);
        wrongPointer.put("grid", List.of(Map.of("pointer", "/eligibility/maxIncome", "values", List.of(1))));
        JsonNode wrong = refused(search(wrongPointer, "analyst"), 422, "GRID_INVALID", "grid[0].pointer");
        assertThat(wrong.path("errors").get(0).path("allowed").asString()).contains("/eligibility/minMonthlyIncome");

        Map<String, Object> noStep = request(version, List.of(1), 0);
        noStep.put("grid", List.of(Map.of("pointer", "/risk/limitStep", "values", List.of(0))));
        JsonNode invalid = refused(search(noStep, "analyst"), 422, "VARIANT_INVALID", "grid");
        assertThat(invalid.path("detail").asString()).contains("limitStep");

        refused(
                search(request("0".repeat(64), List.of(800), 0), "analyst"),
                422,
                "RULESET_VERSION_NOT_FOUND",
                "rulesetVersion");

        Map<String, Object> extra = request(version, List.of(800), 0);
        extra.put("activate", true);
        refused(search(extra, "analyst"), 400, "INVALID_REQUEST", "activate");

        Map<String, Object> nobody = request(version, List.of(800), 0);
        nobody.put("group", "nobody-" + tag);
        refused(search(nobody, "analyst"), 422, "GROUP_EMPTY", "group");

        Map<String, Object> noOutcomes = request(version, List.of(800), 0);
        noOutcomes.put("tolerance", Map.of("metric", "STATLOG_COST", "maxIncrease", 0));
        refused(search(noOutcomes, "analyst"), 422, "NO_REPAYMENT_OUTCOMES", "tolerance.metric");
    }
}
