package dev.arbiter.fairness;

import static dev.arbiter.ApplicationFixture.applicant;
import static dev.arbiter.ApplicationFixture.minor;
import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ArbiterIT
class FairnessReportIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.context.ApplicationContext context;

    Http http;

    private final String today = LocalDate.now(ZoneOffset.UTC).toString();
    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void client() {
        http = Http.to(context, "originator");
    }

    /** Decides an application in the given cohort and returns its decision id. */
    private String decide(Map<String, Object> app, String cohort, String expectedOutcome) {
        app.put("monitoring", Map.of("fairnessRun", cohort));
        JsonNode decision = http.post("/v1/decisions", app).json();
        assertThat(decision.path("outcome").asString()).isEqualTo(expectedOutcome);
        return decision.path("decisionId").asString();
    }

    private String approve(String cohort) {
        return decide(steadyEmployedRenter("fair-" + UUID.randomUUID()), cohort, "APPROVE");
    }

    private void deny(String cohort) {
        decide(minor("fair-" + UUID.randomUUID()), cohort, "DENY");
    }

    private void repaid(String decisionId, String status) {
        assertThat(http.post(
                                "/v1/decisions/" + decisionId + "/performance",
                                Map.of("status", status, "observedOn", today))
                        .status())
                .isEqualTo(201);
    }

    private Http.Answer report(String query) {
        return Http.to(context, "auditor").get("/v1/reports/fairness?" + query);
    }

    private static JsonNode group(JsonNode report, String name) {
        for (JsonNode g : report.path("groups")) {
            if (g.path("group").asString().equals(name)) {
                return g;
            }
        }
        return null;
    }

    private static JsonNode refused(Http.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asString()).isEqualTo(code);
        return answer.json();
    }

    @Test
    void theReportGivesTheStatisticiansNumbersForStoredDecisionsAndOutcomes() {
        // reference R: 5 decisions, 4 approved; group G: 3 decisions, 1 approved
        String ref = "R-" + tag;
        String grp = "G-" + tag;
        String r1 = approve(ref);
        String r2 = approve(ref);
        String r3 = approve(ref);
        approve(ref);
        deny(ref);
        String g1 = approve(grp);
        deny(grp);
        deny(grp);
        repaid(r1, "GOOD");
        repaid(r2, "GOOD");
        repaid(r3, "DEFAULT");
        repaid(g1, "DELINQUENT");

        var answer = report("from=" + today + "&to=" + today + "&groupBy=monitoring.fairnessRun&reference=" + ref);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode body = answer.json();
        JsonNode g = group(body, grp);
        assertThat(g.path("decisions").asLong()).isEqualTo(3);
        assertThat(g.path("approved").asLong()).isEqualTo(1);
        // 1/3 over 4/5 = 5/12
        assertThat(g.path("adverseImpactRatio").asDouble()).isCloseTo(5.0 / 12, within(1e-12));
        assertThat(g.path("statisticalParityDifference").asDouble()).isCloseTo(1.0 / 3 - 4.0 / 5, within(1e-12));
        // 3 and 5 decisions: fewer than the minimum group size (30), so no verdict; Fisher's exact test
        // on [[1, 2], [4, 1]] (expected approvals 3 x 5/8 < 5): 26/56
        assertThat(g.path("flag").asString()).isEqualTo("TOO_FEW");
        assertThat(g.path("significance").path("test").asString()).isEqualTo("FISHER_EXACT");
        assertThat(g.path("significance").path("pValue").asDouble()).isCloseTo(26.0 / 56, within(1e-12));
        assertThat(g.path("significance").path("significant").asBoolean()).isFalse();
        assertThat(body.path("thresholds").path("minGroupSize").asInt()).isEqualTo(30);
        assertThat(body.path("thresholds").path("alpha").asDouble()).isEqualTo(0.05);
        assertThat(g.path("approvalRateCi").path("low").asDouble()).isBetween(0.0, 1.0 / 3);
        assertThat(g.path("outcomes").path("badRateAmongApproved").asDouble()).isEqualTo(1.0);
        assertThat(g.path("outcomes").path("equalOpportunityDifference").isNull())
                .isTrue();
        assertThat(group(body, ref)
                        .path("outcomes")
                        .path("badRateAmongApproved")
                        .asDouble())
                .isCloseTo(1.0 / 3, within(1e-12));
        assertThat(group(body, ref).path("flag").asString()).isEqualTo("REFERENCE");
        assertThat(body.path("notes").get(0).asString()).contains("known only for approved decisions");
    }

    @Test
    void aLargeSignificantGapFailsAndTheSameGapInFewDecisionsIsTooFew() {
        // reference: 30 approved of 30; group: 10 approved, 20 denied of 30. AIR = 1/3.
        // z-test (smallest expected count 30 x 20/60 = 10): pooled 40/60, se = sqrt(2/9 x 2/30) = 0.121716,
        // z = -0.666667 / 0.121716 = -5.477226, p = 4.3205e-8 < 0.05: FAIL
        String ref = "R-" + tag;
        String grp = "G-" + tag;
        String few = "F-" + tag;
        for (int i = 0; i < 30; i++) {
            approve(ref);
        }
        for (int i = 0; i < 10; i++) {
            approve(grp);
        }
        for (int i = 0; i < 20; i++) {
            deny(grp);
        }
        approve(few);
        deny(few);
        deny(few);

        JsonNode body = report("from=" + today + "&to=" + today + "&groupBy=monitoring.fairnessRun&reference=" + ref)
                .json();

        JsonNode g = group(body, grp);
        assertThat(g.path("adverseImpactRatio").asDouble()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(g.path("significance").path("test").asString()).isEqualTo("Z_TEST");
        assertThat(g.path("significance").path("pValue").asDouble()).isCloseTo(4.3205e-8, within(1e-11));
        assertThat(g.path("flag").asString()).isEqualTo("FAIL");
        // the same ratio in 3 decisions: Fisher on [[1, 2], [30, 0]]: of C(33,3) = 5456 tables, the 31 with x = 1 (p =
        // 0.00568),
        // significant, yet 3 < 30 decisions: TOO_FEW, not FAIL
        JsonNode f = group(body, few);
        assertThat(f.path("significance").path("test").asString()).isEqualTo("FISHER_EXACT");
        assertThat(f.path("significance").path("significant").asBoolean()).isTrue();
        assertThat(f.path("flag").asString()).isEqualTo("TOO_FEW");
    }

    @Test
    void theCookbookQueryGivesTheSameNumbersAsTheApi() throws IOException {
        String ref = "R-" + tag;
        String grp = "G-" + tag;
        approve(ref);
        approve(ref);
        deny(ref);
        approve(grp);
        deny(grp);
        JsonNode api = group(
                report("from=" + today + "&to=" + today + "&groupBy=monitoring.fairnessRun&reference=" + ref
                                + "&thinFileDefinition=tf-1")
                        .json(),
                grp);

        String sql = Files.readString(Path.of("db/queries/fairness-report.sql"))
                .replace(":'from'", "'" + today + "'")
                .replace(":'to'", "'" + today + "'")
                .replace(":'groupBy'", "'monitoring.fairnessRun'")
                .replace(":'reference'", "'" + ref + "'")
                .replace(":'definition'", "'tf-1'");
        List<Map<String, Object>> rows = jdbc.sql(sql).query().listOfRows();
        Map<String, Object> row = rows.stream()
                .filter(r -> grp.equals(r.get("group")))
                .findFirst()
                .orElseThrow();

        assertThat(((Number) row.get("decisions")).longValue())
                .isEqualTo(api.path("decisions").asLong());
        assertThat(((BigDecimal) row.get("adverse_impact_ratio")).doubleValue())
                .isCloseTo(api.path("adverseImpactRatio").asDouble(), within(1e-12));
        assertThat(((BigDecimal) row.get("statistical_parity_difference")).doubleValue())
                .isCloseTo(api.path("statisticalParityDifference").asDouble(), within(1e-12));
        // 1/2 over 2/3 = 0.75: below four-fifths in the point estimate; the API's verdict also weighs
        // the sizes (2 and 3 decisions, fewer than 30) and says TOO_FEW
        assertThat(row.get("four_fifths_flag")).isEqualTo("FAIL");
        assertThat(api.path("flag").asString()).isEqualTo("TOO_FEW");
    }

    @Test
    void thinFileAndAgeBandGroupsCountEachNewDecision() {
        String query = "from=" + today + "&to=" + today;
        JsonNode thinBefore = group(report(query + "&groupBy=thinFile").json(), "true");
        JsonNode youngBefore = group(report(query + "&groupBy=ageBand").json(), "<25");
        Map<String, Object> noFileYoung = steadyEmployedRenter("fair-" + UUID.randomUUID());
        noFileYoung.remove("creditFile");
        applicant(noFileYoung).put("age", 23);
        http.post("/v1/decisions", noFileYoung);

        JsonNode thinAfter =
                group(report(query + "&groupBy=thinFile&reference=false").json(), "true");
        JsonNode youngAfter =
                group(report(query + "&groupBy=ageBand&reference=25-61").json(), "<25");

        assertThat(thinAfter.path("decisions").asLong()).isEqualTo(count(thinBefore) + 1);
        assertThat(youngAfter.path("decisions").asLong()).isEqualTo(count(youngBefore) + 1);
        JsonNode tf1 =
                report(query + "&groupBy=thinFile&thinFileDefinition=tf-1").json();
        assertThat(group(tf1, "true").path("decisions").asLong())
                .isEqualTo(thinAfter.path("decisions").asLong());
        assertThat(tf1.path("thinFileDefinition").asString()).isEqualTo("tf-1");
        refused(report(query + "&groupBy=thinFile&thinFileDefinition=tf-never"), 422, "REFERENCE_GROUP_EMPTY");
        assertThat(jdbc.sql("select thin_file_definition from decision where application_id = ?")
                        .param(noFileYoung.get("applicationId"))
                        .query(String.class)
                        .single())
                .isEqualTo("tf-1");
    }

    private static long count(JsonNode group) {
        return group == null ? 0 : group.path("decisions").asLong();
    }

    @Test
    void anUnknownGroupByIsRefusedWithWhatIsAllowed() {
        JsonNode problem =
                refused(report("from=" + today + "&to=" + today + "&groupBy=income"), 400, "UNKNOWN_GROUP_BY");

        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("groupBy");
        assertThat(problem.path("errors").get(0).path("allowed").asString())
                .contains("thinFile, ageBand or monitoring.");
    }

    @Test
    void reversedAndMalformedDatesAreRefused() {
        refused(report("from=2026-11-30&to=2026-11-01&groupBy=thinFile"), 400, "INVALID_DATE_RANGE");
        JsonNode malformed = refused(report("from=yesterday&to=2026-11-01&groupBy=thinFile"), 400, "INVALID_PARAMETER");
        assertThat(malformed.path("errors").get(0).path("field").asString()).isEqualTo("from");
        refused(report("to=2026-11-01&groupBy=thinFile"), 400, "INVALID_PARAMETER");
    }

    @Test
    void aReferenceGroupWithoutDecisionsIsRefused() {
        JsonNode problem =
                refused(report("from=2001-01-01&to=2001-12-31&groupBy=thinFile"), 422, "REFERENCE_GROUP_EMPTY");
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("reference");

        approve("present-" + tag);
        JsonNode missing = refused(
                report("from=" + today + "&to=" + today + "&groupBy=monitoring.fairnessRun&reference=nobody-" + tag),
                422,
                "REFERENCE_GROUP_EMPTY");
        assertThat(missing.path("errors").get(0).path("allowed").asString()).contains("present-" + tag);
        refused(report("from=" + today + "&to=" + today + "&groupBy=monitoring.fairnessRun"), 400, "INVALID_PARAMETER");
    }

    @Test
    void aReferralCountsAsNotApprovedUntilAReviewApprovesIt() {
        String tag = UUID.randomUUID().toString();
        String reference = "ref-" + tag;
        String cohort = "refer-" + tag;
        approve(reference);
        String referred = decide(
                dev.arbiter.AuditFixtures.overdrawnWithLittleSavings("fair-" + UUID.randomUUID()), cohort, "REFER");
        String query = "from=" + today + "&to=" + today + "&groupBy=monitoring.fairnessRun&reference=" + reference;
        JsonNode before = group(report(query).json(), cohort);

        assertThat(Http.to(context, "reviewer")
                        .post(
                                "/v1/decisions/" + referred + "/review",
                                Map.of(
                                        "reviewer",
                                        "j.doe",
                                        "outcome",
                                        "APPROVE",
                                        "reasons",
                                        java.util.List.of(),
                                        "note",
                                        "verified"))
                        .status())
                .isEqualTo(201);
        JsonNode after = group(report(query).json(), cohort);

        assertThat(before.path("approved").asInt()).isZero();
        assertThat(after.path("approved").asInt()).isEqualTo(1);
        assertThat(after.path("decisions").asInt()).isEqualTo(1);
    }
}
