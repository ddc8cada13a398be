package dev.arbiter.fairness;

import static dev.arbiter.ApplicationFixture.applicant;
import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static dev.arbiter.AuditFixtures.overdrawnWithLittleSavings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.Http;
import dev.arbiter.OwnerJdbc;
import dev.arbiter.audit.JdbcPurge;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The fairness report reads each review's outcome from review_outcome (V24), restricted to the
 * period by decision time, instead of joining the REVIEW events themselves. On varied data
 * (groups, thin file, reviews that change the final outcome either way, an applicant's request
 * reviewed, purged decisions, a review removed by the owner's hand), for every grouping, several
 * periods and both thin-file filters, it gives exactly the counts of the query that joins the
 * events directly.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "arbiter.db.data-dir=target/it-postgres/review-queue-${random.uuid}",
            "arbiter.security.keys-dir=target/it-keys/review-queue-${random.uuid}",
            "arbiter.security.rate-limit=1000000",
            "arbiter.audit.retention.regions.EU=P0D",
            "arbiter.audit.retention.purge-interval=0"
        })
class FairnessByPeriodIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcFairnessQuery query;

    @Autowired
    JdbcPurge purge;

    /** Arbiter's own (least-privilege) role. */
    @Autowired
    JdbcClient app;

    /** The report as it was before V24: the final outcome from the REVIEW events, joined whatever the period. */
    static String direct() {
        String cookbook = JdbcFairnessQuery.bindable(JdbcFairnessQuery.read(JdbcFairnessQuery.COOKBOOK));
        String join = cookbook.substring(
                cookbook.indexOf("      left join review_outcome r"),
                cookbook.indexOf("      left join decision_monitoring m"));
        String direct = cookbook.replace(
                        join, "      left join decision_event r on r.decision_id = d.id and r.kind = 'REVIEW'\n")
                .replace("coalesce(r.outcome, d.outcome)", "coalesce(r.body ->> 'outcome', d.outcome)");
        assertThat(direct).doesNotContain("join review_outcome").contains("r.body ->> 'outcome'");
        return direct;
    }

    private static Map<String, Object> varied(Map<String, Object> app, int i, String region) {
        app.put("dataRegion", region);
        applicant(app).put("age", List.of(19, 24, 38, 61, 70).get(i % 5));
        var monitoring = new LinkedHashMap<String, Object>();
        monitoring.put("sex", i % 3 == 0 ? "male" : "female");
        if (i % 4 != 0) {
            monitoring.put("ethnicity", "group-" + (i % 2));
        }
        app.put("monitoring", monitoring);
        return app;
    }

    @Test
    void theReportByPeriodCountsExactlyAsTheDirectJoinOfTheReviews() {
        Http http = Http.workflow(context);
        List<String> referred = new ArrayList<>();
        List<String> approved = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String region = i % 2 == 0 ? "EU" : "US";
            referred.add(http.post(
                            "/v1/decisions", varied(overdrawnWithLittleSavings("app-" + UUID.randomUUID()), i, region))
                    .json()
                    .path("decisionId")
                    .asString());
            approved.add(http.post("/v1/decisions", varied(steadyEmployedRenter("app-" + UUID.randomUUID()), i, region))
                    .json()
                    .path("decisionId")
                    .asString());
        }
        // reviews that change the final outcome both ways; an applicant's request reviewed as a denial
        for (int i = 0; i < 7; i++) {
            review(http, referred.get(i), i % 2 == 0 ? "APPROVE" : "DENY");
        }
        for (int i = 0; i < 3; i++) {
            http.post("/v1/decisions/" + approved.get(i) + "/human-review-request", Map.of("requestedBy", "applicant"));
            review(http, approved.get(i), "DENY");
        }
        assertSameCounts();

        // purged decisions lose their application and monitoring fields, not their outcomes
        assertThat(purge.purgeDue()).isGreaterThanOrEqualTo(10);
        assertSameCounts();

        // a review removed by the schema owner's hand: both reports read the events as they are now
        OwnerJdbc.of(context)
                .sql("delete from decision_event where decision_id = ?::uuid and kind = 'REVIEW'")
                .param(referred.get(0))
                .update();
        assertSameCounts();
    }

    @Test
    void theApplicationsRoleCannotWriteTheReviewsOutcomes() {
        assertThatThrownBy(() -> app.sql("delete from review_outcome").update())
                .hasStackTraceContaining("permission denied for table review_outcome");
        assertThatThrownBy(() ->
                        app.sql("update review_outcome set outcome = 'APPROVE'").update())
                .hasStackTraceContaining("permission denied for table review_outcome");
        assertThatThrownBy(() -> app.sql(
                                "insert into review_outcome (decision_id, decided_at, outcome) select id, decided_at, 'APPROVE' from decision limit 1")
                        .update())
                .hasStackTraceContaining("permission denied for table review_outcome");
    }

    private static void review(Http http, String id, String outcome) {
        var body = new LinkedHashMap<String, Object>();
        body.put("reviewer", "j.doe");
        body.put("outcome", outcome);
        body.put("reasons", outcome.equals("DENY") ? List.of("R-PAYMENT-TO-INCOME") : List.of());
        assertThat(http.post("/v1/decisions/" + id + "/review", body).status()).isEqualTo(201);
    }

    private void assertSameCounts() {
        String direct = direct();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<LocalDate[]> periods = List.of(
                new LocalDate[] {today, today},
                new LocalDate[] {today.minusDays(29), today},
                new LocalDate[] {today.minusDays(364), today.plusDays(1)},
                new LocalDate[] {today.minusDays(30), today.minusDays(1)});
        long compared = 0;
        for (String grouping : List.of("thinFile", "ageBand", "monitoring.sex", "monitoring.ethnicity")) {
            GroupBy groupBy = GroupBy.parse(grouping).orElseThrow();
            String reference = groupBy.defaultReference().orElse("female");
            for (LocalDate[] period : periods) {
                for (String definition : new String[] {null, "tf-1", "no-such-definition"}) {
                    var byPeriod = query.segments(groupBy, reference, period[0], period[1], definition);
                    var joined = query.segments(direct, groupBy, reference, period[0], period[1], definition);
                    assertThat(byPeriod)
                            .as("%s %s..%s definition %s", grouping, period[0], period[1], definition)
                            .isEqualTo(joined);
                    compared += byPeriod.stream()
                            .mapToLong(JdbcFairnessQuery.Segment::decisions)
                            .sum();
                }
            }
        }
        assertThat(compared).as("decisions counted across the comparisons").isGreaterThan(0);
    }
}
