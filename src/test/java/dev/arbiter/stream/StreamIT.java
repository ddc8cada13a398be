package dev.arbiter.stream;

import static dev.arbiter.ApplicationFixture.applicant;
import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import dev.arbiter.Keys;
import dev.arbiter.OwnerJdbc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** {@code GET /v1/stream} against the real server: the same guarantees and answers as {@code POST /v1/decisions}. */
@ArbiterIT
class StreamIT {

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    private Keys.Key key(String role) {
        return Keys.of(context).role(role);
    }

    private StreamClient open(String role) {
        StreamClient client = StreamClient.connect(port, key(role));
        JsonNode ready = client.next();
        assertThat(ready.path("type").asString()).isEqualTo("ready");
        return client;
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    // --- refusals at the upgrade: the same status and named code as for any signed request

    private void refusedAtUpgrade(java.util.function.Supplier<Map<String, String>> headers, int status, String code)
            throws Exception {
        StreamClient.refusedAtUpgrade(port, headers, status, code);
    }

    private static Map<String, String> signed(Keys.Key key, long epochSeconds, String nonce) {
        return Http.signature(key, "GET", "/v1/stream", new byte[0], epochSeconds, nonce);
    }

    private static Map<String, String> without(Map<String, String> headers, String name) {
        Map<String, String> fewer = new LinkedHashMap<>(headers);
        fewer.remove(name);
        return fewer;
    }

    @Test
    void everyAuthenticationFailureIsRefusedAtTheUpgradeWithItsNamedCode() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        Keys.Key originator = key("originator");

        refusedAtUpgrade(Map::of, 401, "MISSING_CREDENTIALS");
        for (String header :
                List.of("X-Arbiter-Key-Id", "X-Arbiter-Timestamp", "X-Arbiter-Nonce", "X-Arbiter-Signature")) {
            refusedAtUpgrade(() -> without(signed(originator, now, Http.nonce()), header), 401, "MISSING_CREDENTIALS");
        }
        refusedAtUpgrade(
                () -> signed(Keys.Key.of("k-unknown", "00".repeat(32)), now, Http.nonce()), 401, "UNKNOWN_KEY");
        refusedAtUpgrade(
                () -> signed(new Keys.Key(originator.keyId(), new byte[32]), now, Http.nonce()),
                401,
                "SIGNATURE_MISMATCH");
        refusedAtUpgrade(() -> signed(originator, now - 3600, Http.nonce()), 401, "TIMESTAMP_OUTSIDE_WINDOW");
        refusedAtUpgrade(() -> signed(originator, now + 3600, Http.nonce()), 401, "TIMESTAMP_OUTSIDE_WINDOW");
        Map<String, String> once = signed(originator, now, Http.nonce());
        StreamClient.connect(port, once, true).close();
        refusedAtUpgrade(() -> once, 401, "NONCE_REPLAYED");
        // a signature over another request is not one over this upgrade
        refusedAtUpgrade(
                () -> Http.signature(originator, "GET", "/v1/decisions", new byte[0], now, Http.nonce()),
                401,
                "SIGNATURE_MISMATCH");
        refusedAtUpgrade(
                () -> Http.signature(originator, "GET", "/v1/stream", "{}".getBytes(), now, Http.nonce()),
                401,
                "SIGNATURE_MISMATCH");
        for (String role : List.of("analyst", "admin")) {
            var refused =
                    StreamClient.rawUpgrade(port, signed(key(role), System.currentTimeMillis() / 1000, Http.nonce()));
            assertThat(refused.json().path("detail").asString())
                    .isEqualTo("Role " + role + " may not call GET /v1/stream; allowed roles: auditor, originator, "
                            + "reviewer.");
            refusedAtUpgrade(() -> signed(key(role), now, Http.nonce()), 403, "ROLE_NOT_ALLOWED");
        }
    }

    @Test
    void keysOutsideTheirValidityRevokedOrOfAnotherEnvironmentAreRefusedAtTheUpgrade() throws Exception {
        Http admin = Http.to(context, "admin");
        String client = admin.post("/v1/admin/clients", Map.of("name", "stream lender " + UUID.randomUUID()))
                .json()
                .path("clientId")
                .asString();
        java.time.Instant now = java.time.Instant.now();
        Keys.Key future = issue(
                admin,
                client,
                Map.of("role", "originator", "notBefore", now.plusSeconds(3600).toString()));
        Keys.Key expired = issue(
                admin,
                client,
                Map.of(
                        "role",
                        "originator",
                        "notBefore",
                        now.minusSeconds(7200).toString(),
                        "notAfter",
                        now.minusSeconds(3600).toString()));
        Keys.Key revoked = issue(admin, client, Map.of("role", "originator"));
        Keys.Key production = issue(admin, client, Map.of("role", "originator", "environment", "production"));
        Keys.Key approver = issue(admin, client, Map.of("role", "approver"));
        Keys.Key good = issue(admin, client, Map.of("role", "originator"));

        // the revoked key worked before it was revoked: its connection was accepted
        try (StreamClient before = StreamClient.connect(port, revoked)) {
            assertThat(before.next().path("type").asString()).isEqualTo("ready");
        }
        assertThat(admin.post("/v1/admin/keys/" + revoked.keyId() + "/revoke", "")
                        .status())
                .isEqualTo(200);

        refusedAtUpgrade(() -> StreamClient.signedUpgrade(future), 401, "KEY_NOT_YET_VALID");
        refusedAtUpgrade(() -> StreamClient.signedUpgrade(expired), 401, "KEY_EXPIRED");
        refusedAtUpgrade(() -> StreamClient.signedUpgrade(revoked), 401, "KEY_REVOKED");
        refusedAtUpgrade(() -> StreamClient.signedUpgrade(production), 403, "ENVIRONMENT_MISMATCH");
        refusedAtUpgrade(() -> StreamClient.signedUpgrade(approver), 403, "ROLE_NOT_ALLOWED");
        // the same client's valid key is let in
        try (StreamClient accepted = StreamClient.connect(port, good)) {
            assertThat(accepted.next().path("type").asString()).isEqualTo("ready");
        }
    }

    private static Keys.Key issue(Http admin, String clientId, Map<String, Object> request) {
        var answer = admin.post("/v1/admin/clients/" + clientId + "/keys", request);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return Keys.Key.of(
                answer.json().path("keyId").asString(),
                answer.json().path("secret").asString());
    }

    @Test
    void aSignedGetWithoutTheUpgradeGetsAProblemDocument() {
        var answer = Http.to(context, "originator").get("/v1/stream");
        assertThat(answer.status()).isEqualTo(426);
        assertThat(answer.code()).isEqualTo("UPGRADE_REQUIRED");
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    // --- decide, replay, conflict

    @Test
    void decidesReplaysAndRefusesAConflictAsTheHttpApiDoes() {
        try (StreamClient stream = open("originator")) {
            String applicationId = id("ws");
            Map<String, Object> app = steadyEmployedRenter(applicationId);
            stream.decide("c-1", app);
            JsonNode first = stream.next();
            assertThat(first.path("type").asString()).isEqualTo("decision");
            assertThat(first.path("id").asString()).isEqualTo("c-1");
            assertThat(first.path("status").asInt()).isEqualTo(201);
            String decisionId = first.path("decision").path("decisionId").asString();

            // committed before it was answered: the HTTP API has it, and answers the same request as a replay
            Http http = Http.to(context, "originator");
            var replayOverHttp = http.post("/v1/decisions", app);
            assertThat(replayOverHttp.status()).isEqualTo(200);
            assertThat(replayOverHttp.json()).isEqualTo(first.path("decision"));

            stream.decide("c-2", app);
            JsonNode replay = stream.next();
            assertThat(replay.path("status").asInt()).isEqualTo(200);
            assertThat(replay.path("decision").path("decisionId").asString()).isEqualTo(decisionId);
            assertThat(replay.path("decision")).isEqualTo(first.path("decision"));

            Map<String, Object> changed = steadyEmployedRenter(applicationId);
            changed.put("requestedAmount", 4100);
            var conflictOverHttp = http.post("/v1/decisions", changed);
            stream.decide("c-3", changed);
            JsonNode conflict = stream.next();
            assertThat(conflict.path("type").asString()).isEqualTo("problem");
            assertThat(conflict.path("id").asString()).isEqualTo("c-3");
            assertThat(conflict.path("problem").path("status").asInt()).isEqualTo(409);
            assertThat(conflict.path("problem").path("code").asString()).isEqualTo("APPLICATION_CONFLICT");
            assertThat(conflict.path("problem").path("decisionId").asString()).isEqualTo(decisionId);
            assertSameProblem(conflict.path("problem"), conflictOverHttp.json());

            Integer stored = OwnerJdbc.of(context)
                    .sql("select count(*) from decision where application_id = ?")
                    .param(applicationId)
                    .query(Integer.class)
                    .single();
            assertThat(stored).isEqualTo(1);
        }
    }

    /** The same problem document as HTTP's, but for where it happened. */
    private static void assertSameProblem(JsonNode stream, JsonNode http) {
        Map<String, Object> a = StreamClient.JSON.convertValue(stream, Map.class);
        Map<String, Object> b = StreamClient.JSON.convertValue(http, Map.class);
        a.remove("instance");
        b.remove("instance");
        assertThat(a).isEqualTo(b);
    }

    // --- bad messages: each gets its problem, the connection stays open

    @Test
    void badMessagesGetTheirProblemAndTheConnectionStaysOpen() {
        Http http = Http.to(context, "originator");
        try (StreamClient stream = open("originator")) {
            stream.sendText("{\"type\":\"decide\",");
            JsonNode malformed = stream.next();
            assertThat(malformed.path("type").asString()).isEqualTo("problem");
            assertThat(malformed.path("id").isNull()).isTrue();
            assertThat(malformed.path("problem").path("code").asString()).isEqualTo("MALFORMED_JSON");

            stream.sendText("{\"type\":\"explode\",\"id\":\"u-1\"}");
            JsonNode unknown = stream.next();
            assertThat(unknown.path("id").asString()).isEqualTo("u-1");
            assertThat(unknown.path("problem").path("code").asString()).isEqualTo("UNKNOWN_MESSAGE_TYPE");
            assertThat(unknown.path("problem").path("status").asInt()).isEqualTo(400);

            stream.sendText("{\"type\":\"decide\",\"id\":\"u-2\",\"id\":\"u-3\"}");
            assertThat(stream.next().path("problem").path("code").asString()).isEqualTo("INVALID_REQUEST");

            stream.sendText("{\"type\":\"decide\",\"id\":\"u-4\",\"application\":{},\"extra\":1}");
            JsonNode extra = stream.next();
            assertThat(extra.path("problem").path("errors").get(0).path("field").asString())
                    .isEqualTo("extra");

            // the same invalid applications as HTTP bodies: the same problem documents
            List<String> invalid = List.of(
                    "{}",
                    "[]",
                    Http.json(wrongAge(id("bad"))),
                    Http.json(withoutProduct(id("bad"))),
                    Http.json(withUnknownField(id("bad"))),
                    Http.json(withAmount(id("bad"), "0")));
            int n = 0;
            for (String body : invalid) {
                String messageId = "v-" + n++;
                stream.sendText("{\"type\":\"decide\",\"id\":\"" + messageId + "\",\"application\":" + body + "}");
                JsonNode problem = stream.next();
                assertThat(problem.path("id").asString()).isEqualTo(messageId);
                var overHttp = http.postRaw("/v1/decisions", body, "application/json");
                assertThat(overHttp.status()).as(body).isEqualTo(400);
                assertSameProblem(problem.path("problem"), overHttp.json());
            }

            // a key given twice in the application: refused as the same body over HTTP is, under the message's id
            String twice = "{\"applicationId\":\"x\",\"applicationId\":\"y\"}";
            stream.sendText("{\"type\":\"decide\",\"id\":\"v-dup\",\"application\":" + twice + "}");
            JsonNode duplicate = stream.next();
            assertThat(duplicate.path("id").asString()).isEqualTo("v-dup");
            assertSameProblem(
                    duplicate.path("problem"),
                    http.postRaw("/v1/decisions", twice, "application/json").json());
            assertThat(duplicate
                            .path("problem")
                            .path("errors")
                            .get(0)
                            .path("pointer")
                            .asString())
                    .isEqualTo("/applicationId");
            // a key given twice in the message itself: nothing in it, not its id, can be trusted
            stream.sendText("{\"type\":\"decide\",\"id\":\"v-a\",\"id\":\"v-b\",\"application\":{}}");
            JsonNode twiceInMessage = stream.next();
            assertThat(twiceInMessage.path("id").isNull()).isTrue();
            assertThat(twiceInMessage.path("problem").path("code").asString()).isEqualTo("INVALID_REQUEST");

            stream.decide("after", steadyEmployedRenter(id("ok")));
            JsonNode ok = stream.next();
            assertThat(ok.path("status").asInt()).isEqualTo(201);
            assertThat(stream.isOpen()).isTrue();
        }
    }

    private static Map<String, Object> wrongAge(String applicationId) {
        Map<String, Object> app = steadyEmployedRenter(applicationId);
        applicant(app).put("age", "thirty");
        applicant(app).remove("monthlyIncome");
        return app;
    }

    private static Map<String, Object> withoutProduct(String applicationId) {
        Map<String, Object> app = steadyEmployedRenter(applicationId);
        app.remove("product");
        app.put("termMonths", 9999);
        return app;
    }

    private static Map<String, Object> withUnknownField(String applicationId) {
        Map<String, Object> app = steadyEmployedRenter(applicationId);
        app.put("favouriteColour", "blue");
        return app;
    }

    private static Map<String, Object> withAmount(String applicationId, String amount) {
        Map<String, Object> app = steadyEmployedRenter(applicationId);
        app.put("requestedAmount", new java.math.BigDecimal(amount));
        return app;
    }

    @Test
    void aMessageLargerThanTheBodyLimitIsRefusedAndTheConnectionStaysOpen() {
        try (StreamClient stream = open("originator")) {
            String big = "{\"type\":\"decide\",\"id\":\"big\",\"application\":{\"applicationId\":\""
                    + "x".repeat(70_000) + "\"}}";
            stream.sendText(big);
            JsonNode problem = stream.next();
            assertThat(problem.path("problem").path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
            assertThat(problem.path("problem").path("status").asInt()).isEqualTo(413);
            stream.decide("after", steadyEmployedRenter(id("ok")));
            assertThat(stream.next().path("status").asInt()).isEqualTo(201);
        }
    }

    @Test
    void rolesOnTheStream() {
        try (StreamClient auditor = open("auditor");
                StreamClient originator = open("originator")) {
            auditor.decide("a-1", steadyEmployedRenter(id("role")));
            JsonNode refused = auditor.next();
            assertThat(refused.path("problem").path("code").asString()).isEqualTo("ROLE_NOT_ALLOWED");
            assertThat(refused.path("problem").path("status").asInt()).isEqualTo(403);

            originator.send(Map.of("type", "subscribe", "id", "s-1"));
            assertThat(originator.next().path("problem").path("code").asString())
                    .isEqualTo("ROLE_NOT_ALLOWED");

            auditor.send(Map.of("type", "subscribe", "id", "s-2", "filter", Map.of("outcome", "MAYBE")));
            JsonNode badFilter = auditor.next();
            assertThat(badFilter.path("problem").path("code").asString()).isEqualTo("INVALID_REQUEST");
            assertThat(badFilter
                            .path("problem")
                            .path("errors")
                            .get(0)
                            .path("field")
                            .asString())
                    .isEqualTo("outcome");
        }
    }

    // --- many connections at once

    @Test
    void fiftyConnectionsDecideAtOnceAndEveryDecisionIsStoredExactlyOnce() throws Exception {
        int connections = 50;
        int perConnection = 8;
        String run = "c50-" + UUID.randomUUID().toString().substring(0, 8);
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Future<Map<String, String>>> results = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int connection = c;
                results.add(pool.submit(() -> {
                    try (StreamClient stream = open("originator")) {
                        Map<String, String> decided = new HashMap<>();
                        for (int i = 0; i < perConnection; i++) {
                            // every application twice on its connection, and once more on the next one: one decision
                            // each
                            String appId = run + "-" + connection + "-" + i;
                            stream.decide(appId + "#a", steadyEmployedRenter(appId));
                            stream.decide(appId + "#b", steadyEmployedRenter(appId));
                            stream.decide(
                                    appId + "#c",
                                    steadyEmployedRenter(run + "-" + ((connection + 1) % connections) + "-" + i));
                        }
                        for (JsonNode answer : stream.take(perConnection * 3, Duration.ofSeconds(240))) {
                            assertThat(answer.path("type").asString())
                                    .as(answer.toString())
                                    .isEqualTo("decision");
                            String appId = answer.path("decision")
                                    .path("applicationId")
                                    .asString();
                            String decisionId =
                                    answer.path("decision").path("decisionId").asString();
                            String earlier = decided.putIfAbsent(
                                    appId + "/" + answer.path("id").asString(), decisionId);
                            assertThat(earlier).isNull();
                        }
                        return decided;
                    }
                }));
            }
            Map<String, Set<String>> decisionsByApplication = new HashMap<>();
            for (Future<Map<String, String>> result : results) {
                result.get()
                        .forEach((k, v) -> decisionsByApplication
                                .computeIfAbsent(k.substring(0, k.indexOf('/')), x -> new HashSet<>())
                                .add(v));
            }
            assertThat(decisionsByApplication)
                    .hasSize(connections * perConnection)
                    .allSatisfy((app, ids) -> assertThat(ids).as(app).hasSize(1));
            List<Map<String, Object>> rows = OwnerJdbc.of(context)
                    .sql(
                            "select application_id, count(*) as n from decision where application_id like ? group by application_id")
                    .param(run + "-%")
                    .query()
                    .listOfRows();
            assertThat(rows)
                    .hasSize(connections * perConnection)
                    .allSatisfy(row ->
                            assertThat(((Number) row.get("n")).intValue()).isEqualTo(1));
        } finally {
            pool.shutdownNow();
        }
    }

    // --- the live feed

    @Test
    void aSubscriberSeesEachCommittedDecisionOnceMaskedForItsRole() {
        try (StreamClient auditor = open("auditor");
                StreamClient reviewer = open("reviewer");
                StreamClient originator = open("originator")) {
            auditor.send(Map.of("type", "subscribe", "id", "s-a"));
            assertThat(auditor.next().path("type").asString()).isEqualTo("subscribed");
            reviewer.send(Map.of(
                    "type",
                    "subscribe",
                    "id",
                    "s-r",
                    "filter",
                    Map.of("product", "PERSONAL_LOAN", "dataRegion", "EU")));
            assertThat(reviewer.next().path("type").asString()).isEqualTo("subscribed");

            String run = id("feed");
            int count = 12;
            Set<String> decisionIds = new HashSet<>();
            for (int i = 0; i < count; i++) {
                Map<String, Object> app = steadyEmployedRenter(run + "-" + i);
                app.put("pii", Map.of("name", "Ada Example", "email", "ada@example.org"));
                originator.decide("d-" + i, app);
            }
            // and each once more: replays are not new commits
            for (int i = 0; i < count; i++) {
                Map<String, Object> app = steadyEmployedRenter(run + "-" + i);
                app.put("pii", Map.of("name", "Ada Example", "email", "ada@example.org"));
                originator.decide("r-" + i, app);
            }
            for (JsonNode answer : originator.take(count * 2, Duration.ofSeconds(60))) {
                decisionIds.add(answer.path("decision").path("decisionId").asString());
            }
            assertThat(decisionIds).hasSize(count);

            List<JsonNode> seenByAuditor = feed(auditor, run, count);
            List<JsonNode> seenByReviewer = feed(reviewer, run, count);
            assertThat(seenByAuditor.stream().map(d -> d.path("decisionId").asString()))
                    .containsExactlyInAnyOrderElementsOf(decisionIds);
            assertThat(seenByReviewer.stream().map(d -> d.path("decisionId").asString()))
                    .containsExactlyInAnyOrderElementsOf(decisionIds);
            // masked as each role's GET /v1/decisions/{id} masks it
            for (JsonNode d : seenByAuditor) {
                var get = Http.to(context, "auditor")
                        .get("/v1/decisions/" + d.path("decisionId").asString());
                assertThat(d.path("pii")).isEqualTo(get.json().path("pii"));
                assertThat(d.path("pii").path("name").asString()).isEqualTo("Ada Example");
            }
            for (JsonNode d : seenByReviewer) {
                var get = Http.to(context, "reviewer")
                        .get("/v1/decisions/" + d.path("decisionId").asString());
                assertThat(d.path("pii")).isEqualTo(get.json().path("pii"));
                assertThat(d.path("pii").toString()).doesNotContain("Ada Example");
            }
        }
    }

    /** The feed's decisions of this run, each must come once: read until all came, then until the feed is quiet. */
    private static List<JsonNode> feed(StreamClient subscriber, String run, int count) {
        List<JsonNode> seen = new ArrayList<>();
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (seen.size() < count && System.nanoTime() < until) {
            JsonNode m = subscriber.next(Duration.ofSeconds(5));
            if (m != null
                    && m.path("type").asString().equals("committed")
                    && m.path("decision").path("applicationId").asString().startsWith(run)) {
                seen.add(m.path("decision"));
            }
        }
        for (JsonNode m = subscriber.next(Duration.ofSeconds(2));
                m != null;
                m = subscriber.next(Duration.ofSeconds(2))) {
            if (m.path("decision").path("applicationId").asString().startsWith(run)) {
                seen.add(m.path("decision"));
            }
        }
        assertThat(seen).hasSize(count);
        return seen;
    }
}
