package dev.arbiter.security;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import dev.arbiter.Keys;
import dev.arbiter.hashing.Digests;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Every way a request can fail authentication, each with its own code and a sentence; and rotation. */
@ArbiterIT
class SignedRequestsIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    Http originator;
    Http admin;
    Keys.Key originatorKey;

    @BeforeEach
    void clients() {
        originator = Http.to(context, "originator");
        admin = Http.to(context, "admin");
        originatorKey = Keys.of(context).role("originator");
    }

    private static String newId() {
        return "sig-" + UUID.randomUUID();
    }

    private int stored(String applicationId) {
        return jdbc.sql("select count(*) from decision where application_id = ?")
                .param(applicationId)
                .query(Integer.class)
                .single();
    }

    private static JsonNode refused(Http.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(problem.path("type").asString())
                .isEqualTo("/problems/" + code.toLowerCase().replace('_', '-'));
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).isNotBlank();
        return problem;
    }

    private String clientIdOf(Keys.Key key) {
        for (JsonNode client : admin.get("/v1/admin/clients").json()) {
            for (JsonNode k : client.path("keys")) {
                if (k.path("keyId").asString().equals(key.keyId())) {
                    return client.path("clientId").asString();
                }
            }
        }
        throw new AssertionError("no client holds " + key.keyId());
    }

    private Keys.Key issue(String clientId, Map<String, Object> request) {
        var answer = admin.post("/v1/admin/clients/" + clientId + "/keys", request);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return Keys.Key.of(
                answer.json().path("keyId").asString(),
                answer.json().path("secret").asString());
    }

    @Test
    void anUnsignedRequestIsRefusedAsMissingCredentialsAndNothingIsStored() {
        String id = newId();
        var answer = new Http(originator.port()).post("/v1/decisions", steadyEmployedRenter(id));

        JsonNode problem = refused(answer, 401, "MISSING_CREDENTIALS");
        assertThat(problem.path("detail").asString())
                .contains("X-Arbiter-Key-Id")
                .contains("scripts/arbiter-curl");
        assertThat(answer.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> v.startsWith("ArbiterHMAC"));
        assertThat(stored(id)).isZero();
    }

    @Test
    void anUnknownKeyIsRefusedByName() {
        var stranger = originator.as(Keys.Key.of("k-000000000000000000000000", "00".repeat(32)));

        JsonNode problem = refused(stranger.get("/v1/decisions/" + UUID.randomUUID()), 401, "UNKNOWN_KEY");
        assertThat(problem.path("detail").asString()).contains("k-000000000000000000000000");
    }

    @Test
    void aTamperedBodyIsASignatureMismatchThatShowsTheServersCanonicalString() {
        String id = newId();
        byte[] signedBody = Http.json(steadyEmployedRenter(id)).getBytes(StandardCharsets.UTF_8);
        byte[] sentBody =
                Http.json(steadyEmployedRenter(id)).replace("4000", "40000").getBytes(StandardCharsets.UTF_8);
        var headers = Http.signature(
                originatorKey,
                "POST",
                "/v1/decisions",
                signedBody,
                Instant.now().getEpochSecond(),
                Http.nonce());

        var answer = originator.sendExactly("POST", "/v1/decisions", sentBody, "application/json", headers);

        JsonNode problem = refused(answer, 401, "SIGNATURE_MISMATCH");
        String canonical = problem.path("canonicalString").asString();
        assertThat(canonical)
                .startsWith("POST\n/v1/decisions\n\n" + headers.get("X-Arbiter-Timestamp") + "\n"
                        + headers.get("X-Arbiter-Nonce") + "\n");
        assertThat(canonical).endsWith(Digests.sha256Hex(sentBody));
        assertThat(answer.body()).doesNotContain(java.util.HexFormat.of().formatHex(originatorKey.secret()));
        assertThat(stored(id)).isZero();
    }

    @Test
    void aReplayedRequestIsRefusedAsNonceReplayed() {
        String id = newId();
        byte[] body = Http.json(steadyEmployedRenter(id)).getBytes(StandardCharsets.UTF_8);
        var captured = Http.signature(
                originatorKey, "POST", "/v1/decisions", body, Instant.now().getEpochSecond(), Http.nonce());

        var first = originator.sendExactly("POST", "/v1/decisions", body, "application/json", captured);
        var replay = originator.sendExactly("POST", "/v1/decisions", body, "application/json", captured);

        assertThat(first.status()).isEqualTo(201);
        JsonNode problem = refused(replay, 401, "NONCE_REPLAYED");
        assertThat(problem.path("detail").asString()).contains(captured.get("X-Arbiter-Nonce"));
        assertThat(stored(id)).isEqualTo(1);
    }

    @Test
    void aTimestampOutsideTheWindowIsRefusedWithTheServerTime() {
        long stale = Instant.now().minusSeconds(301 + 5).getEpochSecond();
        String path = "/v1/decisions/" + UUID.randomUUID();
        var headers = Http.signature(originatorKey, "GET", path, new byte[0], stale, Http.nonce());

        JsonNode problem = refused(
                originator.sendExactly("GET", path, new byte[0], null, headers), 401, "TIMESTAMP_OUTSIDE_WINDOW");
        assertThat(problem.path("serverEpochSeconds").asLong())
                .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
        assertThat(problem.path("serverTime").asString()).isNotBlank();
        assertThat(problem.path("windowSeconds").asLong()).isEqualTo(300);
    }

    @Test
    void keysBeforeTheirStartAfterTheirEndOrRevokedAreRefusedEachWithItsCode() {
        String client = clientIdOf(originatorKey);
        Instant now = Instant.now();
        Keys.Key future = issue(
                client,
                Map.of("role", "originator", "notBefore", now.plusSeconds(3600).toString()));
        Keys.Key expired = issue(
                client,
                Map.of(
                        "role",
                        "originator",
                        "notBefore",
                        now.minusSeconds(7200).toString(),
                        "notAfter",
                        now.minusSeconds(3600).toString()));
        Keys.Key revoked = issue(client, Map.of("role", "originator"));
        assertThat(admin.post("/v1/admin/keys/" + revoked.keyId() + "/revoke", "")
                        .status())
                .isEqualTo(200);
        String path = "/v1/decisions/" + UUID.randomUUID();

        refused(originator.as(future).get(path), 401, "KEY_NOT_YET_VALID");
        refused(originator.as(expired).get(path), 401, "KEY_EXPIRED");
        refused(originator.as(revoked).get(path), 401, "KEY_REVOKED");
    }

    @Test
    void aProductionKeyAgainstThisSandboxIsRefusedAsEnvironmentMismatch() {
        Keys.Key production =
                issue(clientIdOf(originatorKey), Map.of("role", "originator", "environment", "production"));

        JsonNode problem = refused(
                originator.as(production).get("/v1/decisions/" + UUID.randomUUID()), 403, "ENVIRONMENT_MISMATCH");
        assertThat(problem.path("detail").asString()).contains("production key").contains("sandbox");
    }

    @Test
    void aRoleOutsideTheEndpointsListIsRefusedAndNothingIsStored() {
        String id = newId();

        JsonNode problem = refused(
                Http.to(context, "auditor").post("/v1/decisions", steadyEmployedRenter(id)), 403, "ROLE_NOT_ALLOWED");
        assertThat(problem.path("detail").asString())
                .isEqualTo("Role auditor may not call POST /v1/decisions; allowed roles: originator.");
        assertThat(stored(id)).isZero();
    }

    @Test
    void duringRotationTheOldAndTheNewKeyBothWorkAndRevokingTheOldLeavesTheNew() {
        Keys.Key old = issue(clientIdOf(originatorKey), Map.of("role", "originator"));
        Keys.Key next = issue(clientIdOf(originatorKey), Map.of("role", "originator"));

        assertThat(originator
                        .as(old)
                        .post("/v1/decisions", steadyEmployedRenter(newId()))
                        .status())
                .isEqualTo(201);
        assertThat(originator
                        .as(next)
                        .post("/v1/decisions", steadyEmployedRenter(newId()))
                        .status())
                .isEqualTo(201);

        assertThat(admin.post("/v1/admin/keys/" + old.keyId() + "/revoke", "")
                        .json()
                        .path("revokedAt")
                        .asString())
                .isNotBlank();

        refused(originator.as(old).post("/v1/decisions", steadyEmployedRenter(newId())), 401, "KEY_REVOKED");
        assertThat(originator
                        .as(next)
                        .post("/v1/decisions", steadyEmployedRenter(newId()))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aSortedAndReencodedQueryStringIsSignedTheSameWayByClientAndServer() {
        JsonNode decided =
                originator.post("/v1/decisions", steadyEmployedRenter(newId())).json();

        var answer =
                originator.get("/v1/decisions/" + decided.path("decisionId").asString() + "?z=1&a=b%20c&m");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void anOriginatorReadsItsOwnDecisionsButNotAnotherClientsWhileReviewersAndAuditorsReadAll() {
        JsonNode decided =
                originator.post("/v1/decisions", steadyEmployedRenter(newId())).json();
        String path = "/v1/decisions/" + decided.path("decisionId").asString();
        var other = admin.post("/v1/admin/clients", Map.of("name", "another lender"))
                .json()
                .path("clientId")
                .asString();
        Keys.Key otherKey = issue(other, Map.of("role", "originator"));

        assertThat(originator.get(path).status()).isEqualTo(200);
        refused(originator.as(otherKey).get(path), 404, "DECISION_NOT_FOUND");
        refused(
                originator
                        .as(otherKey)
                        .post(
                                path + "/performance",
                                Map.of(
                                        "status",
                                        "DEFAULT",
                                        "observedOn",
                                        java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                                                .toString())),
                404,
                "DECISION_NOT_FOUND");
        refused(
                originator.as(otherKey).post(path + "/human-review-request", Map.of("requestedBy", "applicant")),
                404,
                "DECISION_NOT_FOUND");
        assertThat(Http.to(context, "reviewer").get(path).status()).isEqualTo(200);
        assertThat(Http.to(context, "auditor").get(path).status()).isEqualTo(200);
        String owner = jdbc.sql("select client_id from decision where id = ?::uuid")
                .param(decided.path("decisionId").asString())
                .query(String.class)
                .single();
        assertThat(owner).isEqualTo(clientIdOf(originatorKey));
    }

    @Test
    void anApplicationIdIsScopedToItsClientSoAnotherLenderUsingItGetsItsOwnDecisionAndLearnsNothing() {
        String applicationId = newId();
        JsonNode mine = originator
                .post("/v1/decisions", steadyEmployedRenter(applicationId))
                .json();
        var other = admin.post("/v1/admin/clients", Map.of("name", "another lender"))
                .json()
                .path("clientId")
                .asString();
        Http lender = originator.as(issue(other, Map.of("role", "originator")));

        var sameBody = lender.post("/v1/decisions", steadyEmployedRenter(applicationId));
        var sameBodyAgain = lender.post("/v1/decisions", steadyEmployedRenter(applicationId));
        Map<String, Object> changed = steadyEmployedRenter(applicationId);
        changed.put("requestedAmount", 1234);
        var otherBody = lender.post("/v1/decisions", changed);
        var mineAgain = originator.post("/v1/decisions", steadyEmployedRenter(applicationId));

        assertThat(sameBody.status()).as(sameBody.body()).isEqualTo(201);
        assertThat(sameBody.json().path("decisionId")).isNotEqualTo(mine.path("decisionId"));
        assertThat(sameBody.body()).doesNotContain(mine.path("decisionId").asString());
        // within one client the id keeps its meaning: a repeat is replayed, another body conflicts
        assertThat(sameBodyAgain.status()).isEqualTo(200);
        assertThat(sameBodyAgain.json().path("decisionId"))
                .isEqualTo(sameBody.json().path("decisionId"));
        JsonNode conflict = refused(otherBody, 409, "APPLICATION_CONFLICT");
        assertThat(conflict.path("decisionId")).isEqualTo(sameBody.json().path("decisionId"));
        assertThat(mineAgain.status()).isEqualTo(200);
        assertThat(mineAgain.json().path("decisionId")).isEqualTo(mine.path("decisionId"));
        assertThat(jdbc.sql("select client_id from decision where application_id = ? order by client_id")
                        .param(applicationId)
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder(clientIdOf(originatorKey), other);
    }

    @Test
    void adminsCreateClientsAndIssueKeysWhoseSecretIsShownOnceAndNeverListed() {
        var created = admin.post("/v1/admin/clients", Map.of("name", "origination backend"));
        assertThat(created.status()).isEqualTo(201);
        String clientId = created.json().path("clientId").asString();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("role", "originator");
        var issued = admin.post("/v1/admin/clients/" + clientId + "/keys", request);
        String secret = issued.json().path("secret").asString();

        assertThat(secret).matches("[0-9a-f]{64}");
        assertThat(issued.json().path("environment").asString()).isEqualTo("sandbox");
        var listed = admin.get("/v1/admin/clients");
        assertThat(listed.body())
                .contains(issued.json().path("keyId").asString())
                .doesNotContain(secret);
        assertThat(listed.body()).doesNotContainIgnoringCase("secret");
        String storedSecret = jdbc.sql("select encode(sealed_secret, 'hex') from api_key where key_id = ?")
                .param(issued.json().path("keyId").asString())
                .query(String.class)
                .single();
        assertThat(storedSecret).doesNotContain(secret);
    }

    @Test
    void theAdminApiRefusesAnUnknownRoleClientOrKeyClearly() {
        String clientId = clientIdOf(originatorKey);

        var badRole = admin.post("/v1/admin/clients/" + clientId + "/keys", Map.of("role", "superuser"));
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.json().path("errors").get(0).path("field").asString())
                .isEqualTo("role");
        assertThat(badRole.json().path("errors").get(0).path("allowed").asString())
                .contains("originator");
        refused(admin.post("/v1/admin/clients/c-nobody/keys", Map.of("role", "analyst")), 404, "NOT_FOUND");
        refused(admin.post("/v1/admin/keys/k-nobody/revoke", ""), 404, "NOT_FOUND");
    }
}
