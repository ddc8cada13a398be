package dev.arbiter.recording;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.AtOnce;
import dev.arbiter.Http;
import dev.arbiter.Keys;
import dev.arbiter.security.Clients;
import dev.arbiter.security.KeyEnvironment;
import dev.arbiter.security.Role;
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
 * The read of one decision ({@code GET /v1/decisions/{id}}) records its nonce in the statement
 * that reads the decision ({@code security.SignedRequests#recordsItsOwnNonce}), one round trip
 * instead of two: the nonce is committed before the answer, whether the decision exists, may be
 * shown to the caller or not, and a replay is refused {@code NONCE_REPLAYED}, even when copies race.
 */
@ArbiterIT
class NonceWithReadIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clients clients;

    Http originator;
    Keys.Key key;

    @BeforeEach
    void clients() {
        originator = Http.to(context, "originator");
        key = Keys.of(context).role("originator");
    }

    private static Map<String, String> signed(Keys.Key key, String path) {
        return Http.signature(key, "GET", path, new byte[0], Instant.now().getEpochSecond(), Http.nonce());
    }

    private static Http.Answer send(Http http, String path, Map<String, String> headers) {
        return http.sendExactly("GET", path, new byte[0], null, headers);
    }

    private int nonceRows(Map<String, String> headers) {
        return jdbc.sql("select count(*) from request_nonce where nonce = ?")
                .param(headers.get("X-Arbiter-Nonce"))
                .query(Integer.class)
                .single();
    }

    private String decided() {
        var created = originator.post("/v1/decisions", steadyEmployedRenter("nwr-" + UUID.randomUUID()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return "/v1/decisions/" + created.json().path("decisionId").asString();
    }

    private static void refusedAsReplay(Http.Answer replay, Map<String, String> headers) {
        assertThat(replay.status()).as(replay.body()).isEqualTo(401);
        assertThat(replay.code()).isEqualTo("NONCE_REPLAYED");
        assertThat(replay.contentType()).startsWith("application/problem+json");
        assertThat(replay.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("ArbiterHMAC"));
        assertThat(replay.json().path("detail").asString()).contains(headers.get("X-Arbiter-Nonce"));
    }

    @Test
    void theNonceIsCommittedWithTheReadAndAReplayIsRefused() {
        String path = decided();
        var headers = signed(key, path);

        var first = send(originator, path, headers);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("outcome").asString()).isNotEmpty();
        assertThat(nonceRows(headers)).as("committed when the answer came").isEqualTo(1);

        refusedAsReplay(send(originator, path, headers), headers);
        assertThat(nonceRows(headers)).isEqualTo(1);
    }

    @Test
    void aReadOfNoDecisionOrOfAnotherClientsUsesItsNonceToo() {
        String nowhere = "/v1/decisions/" + UUID.randomUUID();
        var headers = signed(key, nowhere);
        var missing = send(originator, nowhere, headers);
        assertThat(missing.status()).as(missing.body()).isEqualTo(404);
        assertThat(nonceRows(headers)).isEqualTo(1);
        refusedAsReplay(send(originator, nowhere, headers), headers);

        KeyEnvironment environment = clients.key(key.keyId()).orElseThrow().environment();
        var issued = clients.issue(
                clients.create("lender " + UUID.randomUUID()).clientId(), Role.ORIGINATOR, environment, null, null);
        Keys.Key otherKey = Keys.Key.of(issued.keyId(), issued.secret());
        Http other = new Http(originator.port(), otherKey);
        String theirs = decided();
        var otherHeaders = signed(otherKey, theirs);
        var hidden = send(other, theirs, otherHeaders);
        assertThat(hidden.status()).as("another client's decision is not found").isEqualTo(404);
        assertThat(nonceRows(otherHeaders)).isEqualTo(1);
        refusedAsReplay(send(other, theirs, otherHeaders), otherHeaders);
    }

    @Test
    void copiesOfOneSignedReadRacingGetOneAnswerAndTheRestAreRefused() throws Exception {
        String path = decided();
        var headers = signed(key, path);
        int copies = 6;
        List<Integer> statuses = new ArrayList<>();
        for (Http.Answer a : AtOnce.send(copies, () -> send(originator, path, headers))) {
            statuses.add(a.status());
            if (a.status() != 200) {
                assertThat(a.code()).as(a.body()).isEqualTo("NONCE_REPLAYED");
            }
        }
        assertThat(statuses).as("one copy answered, every other refused").containsOnlyOnce(200);
        assertThat(statuses).filteredOn(s -> s == 401).hasSize(copies - 1);
        assertThat(nonceRows(headers)).isEqualTo(1);
    }
}
