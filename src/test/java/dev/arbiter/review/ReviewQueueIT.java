package dev.arbiter.review;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static dev.arbiter.AuditFixtures.overdrawnWithLittleSavings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.Http;
import dev.arbiter.OwnerJdbc;
import dev.arbiter.audit.JdbcPurge;
import dev.arbiter.recording.JdbcDecisionEvents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The open review queue is kept as state (review_queue, V23) by triggers on the decisions and
 * events it mirrors. On Arbiter with EU records due
 * for purging at once: after every step the queue, through the API and the console's query, is
 * exactly the decisions the queue's definition names (REFER or requested, and not reviewed),
 * oldest first; the application's role cannot write the queue; a request racing a review of the
 * same decision cannot leave it open.
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
class ReviewQueueIT {

    /** The queue as it was computed before it was kept as state: from decision and decision_event alone. */
    private static final String DEFINITION = """
            select d.id::text
              from decision d
             where (d.outcome = 'REFER'
                    or exists (select 1 from decision_event r where r.decision_id = d.id and r.kind = 'HUMAN_REVIEW_REQUEST'))
               and not exists (select 1 from decision_event v where v.decision_id = d.id and v.kind = 'REVIEW')
             order by d.decided_at, d.id
            """;

    @Autowired
    ApplicationContext context;

    /** Arbiter's own (least-privilege) role. */
    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcDecisionEvents events;

    @Autowired
    JdbcPurge purge;

    Http http;

    @BeforeEach
    void client() {
        http = Http.workflow(context);
    }

    private String decide(Map<String, Object> application, String region, String expectedOutcome) {
        application.put("dataRegion", region);
        String id = http.post("/v1/decisions", application)
                .json()
                .path("decisionId")
                .asString();
        assertThat(http.get("/v1/decisions/" + id).json().path("outcome").asString())
                .isEqualTo(expectedOutcome);
        return id;
    }

    private String referred(String region) {
        return decide(overdrawnWithLittleSavings("app-" + UUID.randomUUID()), region, "REFER");
    }

    private String approved(String region) {
        return decide(steadyEmployedRenter("app-" + UUID.randomUUID()), region, "APPROVE");
    }

    private void requestReview(String id) {
        assertThat(http.post("/v1/decisions/" + id + "/human-review-request", Map.of("requestedBy", "applicant"))
                        .status())
                .isEqualTo(201);
    }

    private void review(String id) {
        assertThat(http.post(
                                "/v1/decisions/" + id + "/review",
                                Map.of("reviewer", "j.doe", "outcome", "APPROVE", "reasons", List.of()))
                        .status())
                .isEqualTo(201);
    }

    private List<String> api() {
        return http.get("/v1/reviews?status=open&limit=1000")
                .json()
                .path("items")
                .valueStream()
                .map(i -> i.path("decisionId").asString())
                .toList();
    }

    private List<String> console() {
        return events.open(1000).stream().map(i -> i.decisionId().toString()).toList();
    }

    /**
     * The whole queue, through the API and the console's query, is what the definition names, in
     * its order; of this test's decisions, it holds exactly {@code expected}, in that order.
     */
    private void queueIs(List<String> mine, String... expected) {
        List<String> definition = jdbc.sql(DEFINITION).query(String.class).list();
        assertThat(api()).as("GET /v1/reviews?status=open").isEqualTo(definition);
        assertThat(console()).as("the console's queue").isEqualTo(definition);
        assertThat(events.openCount()).isEqualTo(definition.size());
        assertThat(definition.stream().filter(mine::contains).toList())
                .as("this test's decisions in the queue")
                .containsExactly(expected);
    }

    @Test
    void theQueueHoldsExactlyTheOpenItemsAfterDecisionsRequestsReviewsAndPurges() {
        String approvedEu = approved("EU");
        String referUs = referred("US");
        String referEu = referred("EU");
        String approvedUs = approved("US");
        List<String> mine = List.of(approvedEu, referUs, referEu, approvedUs);
        queueIs(mine, referUs, referEu);

        requestReview(approvedUs);
        queueIs(mine, referUs, referEu, approvedUs);

        review(referUs);
        queueIs(mine, referEu, approvedUs);

        // a request after the review is refused and leaves the reviewed decision closed
        assertThat(http.post("/v1/decisions/" + referUs + "/human-review-request", Map.of("requestedBy", "applicant"))
                        .status())
                .isEqualTo(409);
        queueIs(mine, referEu, approvedUs);

        // a purge removes the personal data, not the decision: a purged REFER stays open
        assertThat(purge.purgeDue()).isGreaterThanOrEqualTo(2);
        assertThat(jdbc.sql("select count(*) from decision where purged_at is not null and id in (?::uuid, ?::uuid)")
                        .params(referEu, approvedEu)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        queueIs(mine, referEu, approvedUs);

        requestReview(approvedEu);
        queueIs(mine, approvedEu, referEu, approvedUs);

        review(approvedUs);
        review(referEu);
        review(approvedEu);
        queueIs(mine);
    }

    @Test
    void theApplicationsRoleCannotAddToOrRemoveFromTheQueue() {
        String id = referred("US");
        String other = approved("US");

        assertThatThrownBy(() -> jdbc.sql("delete from review_queue where decision_id = ?::uuid")
                        .param(id)
                        .update())
                .hasStackTraceContaining("permission denied for table review_queue");
        assertThatThrownBy(() -> jdbc.sql(
                                "insert into review_queue (decision_id, decided_at) select id, decided_at from decision where id = ?::uuid")
                        .param(other)
                        .update())
                .hasStackTraceContaining("permission denied for table review_queue");
        assertThatThrownBy(() ->
                        jdbc.sql("update review_queue set decided_at = now()").update())
                .hasStackTraceContaining("permission denied for table review_queue");
        assertThat(console()).contains(id).doesNotContain(other);
    }

    @Test
    void anItemRemovedByHandFromTheEventsIsWorkedOutAgain() {
        String id = referred("US");
        review(id);
        assertThat(console()).doesNotContain(id);

        // the schema owner (not Arbiter) deletes the review: the chain finds that; the queue
        // follows its definition, so the decision is open again
        JdbcClient owner = OwnerJdbc.of(context);
        owner.sql("delete from decision_event where decision_id = ?::uuid and kind = 'REVIEW'")
                .param(id)
                .update();

        assertThat(console()).contains(id);
        assertThat(console()).isEqualTo(jdbc.sql(DEFINITION).query(String.class).list());
    }

    @Test
    void aRequestRacingAReviewOfTheSameDecisionCannotLeaveItOpen() throws Exception {
        String id = referred("US");
        // two transactions of Arbiter's role, as two nodes would run them: the review is stored
        // first and not yet committed; the request for the same decision arrives meanwhile
        try (Connection reviewer = dataSource.getConnection();
                Connection applicant = dataSource.getConnection()) {
            reviewer.setAutoCommit(false);
            applicant.setAutoCommit(false);
            insertEvent(reviewer, id, "REVIEW", "{\"outcome\":\"APPROVE\",\"reasons\":[]}");
            int applicantPid = pid(applicant);
            CompletableFuture<Void> request = CompletableFuture.runAsync(() -> {
                try {
                    insertEvent(applicant, id, "HUMAN_REVIEW_REQUEST", "{\"requestedBy\":\"applicant\"}");
                    applicant.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitWaitingForALock(applicantPid);
            reviewer.commit();
            request.get(60, TimeUnit.SECONDS);
        }

        assertThat(jdbc.sql("select count(*) from decision_event where decision_id = ?::uuid")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(console()).doesNotContain(id);
        assertThat(console()).isEqualTo(jdbc.sql(DEFINITION).query(String.class).list());
    }

    private static void insertEvent(Connection c, String decisionId, String kind, String body) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "insert into decision_event (id, decision_id, kind, body, recorded_at) values (?, ?::uuid, ?, ?::jsonb, ?)")) {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, decisionId);
            s.setString(3, kind);
            s.setString(4, body);
            s.setTimestamp(5, Timestamp.from(Instant.now()));
            s.executeUpdate();
        }
    }

    private static int pid(Connection c) throws SQLException {
        try (var s = c.createStatement();
                var rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Polls until the session is blocked on a lock (the request's trigger waiting for the review's commit). */
    private void awaitWaitingForALock(int pid) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Boolean waiting = jdbc.sql("select wait_event_type = 'Lock' from pg_stat_activity where pid = ?")
                    .param(pid)
                    .query(Boolean.class)
                    .optional()
                    .orElse(false);
            if (Boolean.TRUE.equals(waiting)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the request never waited for the review's transaction");
    }
}
