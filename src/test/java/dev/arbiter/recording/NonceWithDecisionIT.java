package dev.arbiter.recording;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.AtOnce;
import dev.arbiter.FailingCommits;
import dev.arbiter.Http;
import dev.arbiter.Keys;
import dev.arbiter.OwnerJdbc;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A request that creates a decision uses up its nonce in the decision's own transaction
 * ({@code security.SignedRequests#recordsItsOwnNonce}): the nonce is recorded exactly when the
 * decision is, a replay is still refused {@code NONCE_REPLAYED}, even when the copies race, and
 * a request that stored nothing leaves its nonce unused.
 */
@ArbiterIT
class NonceWithDecisionIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    Http originator;
    Keys.Key key;

    @BeforeEach
    void clients() {
        originator = Http.to(context, "originator");
        key = Keys.of(context).role("originator");
    }

    private record Signed(byte[] body, Map<String, String> headers) {
        String nonce() {
            return headers.get("X-Arbiter-Nonce");
        }
    }

    private Signed signed(Object application) {
        byte[] body = Http.json(application).getBytes(StandardCharsets.UTF_8);
        return new Signed(
                body,
                Http.signature(key, "POST", "/v1/decisions", body, Instant.now().getEpochSecond(), Http.nonce()));
    }

    private Http.Answer send(Signed request) {
        return originator.sendExactly("POST", "/v1/decisions", request.body(), "application/json", request.headers());
    }

    private int decisions(String applicationId) {
        return count("select count(*) from decision where application_id = ?", applicationId);
    }

    private int nonceRows(String nonce) {
        return count("select count(*) from request_nonce where nonce = ?", nonce);
    }

    private int count(String sql, String value) {
        return jdbc.sql(sql).param(value).query(Integer.class).single();
    }

    @Test
    void theNonceIsRecordedWithTheDecisionAndAReplayIsRefused() {
        String id = "nwd-" + UUID.randomUUID();
        Signed request = signed(steadyEmployedRenter(id));

        var first = send(request);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(nonceRows(request.nonce())).isEqualTo(1);

        var replay = send(request);
        assertThat(replay.status()).as(replay.body()).isEqualTo(401);
        assertThat(replay.code()).isEqualTo("NONCE_REPLAYED");
        assertThat(replay.contentType()).startsWith("application/problem+json");
        assertThat(replay.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("ArbiterHMAC"));
        assertThat(replay.json().path("detail").asString()).contains(request.nonce());
        assertThat(decisions(id)).isEqualTo(1);
    }

    @Test
    void copiesOfOneSignedRequestRacingGetOneDecisionAndTheRestAreRefused() throws Exception {
        String id = "nwd-race-" + UUID.randomUUID();
        Signed request = signed(steadyEmployedRenter(id));
        int copies = 6;
        List<Integer> statuses = new ArrayList<>();
        for (Http.Answer a : AtOnce.send(copies, () -> send(request))) {
            statuses.add(a.status());
            if (a.status() != 201) {
                assertThat(a.code()).as(a.body()).isEqualTo("NONCE_REPLAYED");
            }
        }
        assertThat(statuses)
                .as("one decision answered, every other copy refused")
                .containsOnlyOnce(201);
        assertThat(statuses).filteredOn(s -> s == 401).hasSize(copies - 1);
        assertThat(decisions(id)).isEqualTo(1);
        assertThat(nonceRows(request.nonce())).isEqualTo(1);
    }

    @Test
    void aRetryWithANewNonceIsAnsweredTheStoredDecisionAndUsesItsNonce() {
        String id = "nwd-retry-" + UUID.randomUUID();
        var first = send(signed(steadyEmployedRenter(id)));
        assertThat(first.status()).isEqualTo(201);

        Signed retry = signed(steadyEmployedRenter(id));
        var again = send(retry);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.headers().firstValue(DecisionController.REPLAYED_HEADER))
                .hasValue("true");
        assertThat(nonceRows(retry.nonce()))
                .as("the retry's nonce is used up too")
                .isEqualTo(1);
        assertThat(send(retry).code()).isEqualTo("NONCE_REPLAYED");
        assertThat(decisions(id)).isEqualTo(1);
    }

    @Test
    void aRequestRefusedBeforeAnythingWasStoredLeavesItsNonceUnused() {
        Map<String, Object> invalid =
                new java.util.LinkedHashMap<>(steadyEmployedRenter("nwd-bad-" + UUID.randomUUID()));
        invalid.put("termMonths", -3);
        Signed request = signed(invalid);

        var first = send(request);
        assertThat(first.status()).as(first.body()).isEqualTo(400);
        assertThat(nonceRows(request.nonce())).isZero();
        var again = send(request);
        assertThat(again.status()).as("the same refusal, not a replay").isEqualTo(400);
    }

    @Test
    void aDecisionWhoseTransactionFailsLeavesItsNonceForTheRetryOfTheSameRequest() {
        String id = "nwd-doomed-" + UUID.randomUUID();
        Signed request = signed(steadyEmployedRenter(id));
        // fails the decision's transaction at its commit, after the nonce was inserted in it
        try (var failing = FailingCommits.forApplicationsStartingWith(OwnerJdbc.of(context), "nwd-doomed-")) {
            var failed = send(request);
            assertThat(failed.status()).as(failed.body()).isGreaterThanOrEqualTo(500);
            assertThat(nonceRows(request.nonce()))
                    .as("rolled back with the decision")
                    .isZero();
        }
        var retried = send(request);
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(decisions(id)).isEqualTo(1);
        assertThat(nonceRows(request.nonce())).isEqualTo(1);
    }
}
