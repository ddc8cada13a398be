package dev.arbiter.stream;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.ArbiterInstances;
import dev.arbiter.Keys;
import dev.arbiter.OwnerJdbc;
import dev.arbiter.storage.PostgresServer;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** The stream's limits and its behaviour across a restart, each on an Arbiter of its own. */
class StreamLimitsIT {

    @RegisterExtension
    final ArbiterInstances arbiters = new ArbiterInstances();

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static StreamClient open(ConfigurableApplicationContext context) {
        StreamClient client =
                StreamClient.connect(port(context), Keys.of(context).role("originator"));
        assertThat(client.next().path("type").asString()).isEqualTo("ready");
        return client;
    }

    /** An application whose every field has the wrong type: each answer is a long problem document. */
    private static String wrongEverywhere(int n) {
        return "{\"type\":\"decide\",\"id\":\"slow-" + n + "\",\"application\":{\"applicationId\":1,\"product\":2,"
                + "\"requestedAmount\":\"x\",\"currency\":3,\"termMonths\":\"y\",\"purpose\":4,\"dataRegion\":5,"
                + "\"applicant\":{\"age\":\"a\",\"monthlyIncome\":\"b\",\"employmentMonths\":\"c\",\"dependents\":\"d\"}}}";
    }

    @Test
    void aClientThatDoesNotReadIsClosedWithoutHarmingOtherConnections() {
        var context = arbiters.start(
                arbiters.home("stream-slow"),
                "arbiter.stream.send-buffer-bytes=65536",
                "arbiter.stream.send-time-limit=1s",
                "arbiter.stream.max-in-flight=100000",
                "arbiter.security.rate-limit=1000000");
        DecisionStream stream = context.getBean(DecisionStream.class);
        try (StreamClient other = open(context);
                StreamClient slow = StreamClient.connect(
                        port(context),
                        StreamClient.signedUpgrade(Keys.of(context).role("originator")),
                        false)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.openConnections() == 2);
            // the slow client writes and never reads: its answers pile up in the server's send buffer
            for (int i = 0; i < 40_000 && stream.openConnections() == 2; i++) {
                try {
                    slow.sendText(wrongEverywhere(i));
                } catch (RuntimeException closedByServer) {
                    break;
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> stream.openConnections() == 1);

            // the other connection was not harmed: it decides as before
            String applicationId = "after-slow-" + UUID.randomUUID();
            other.decide("o-1", steadyEmployedRenter(applicationId));
            JsonNode answer = other.next();
            assertThat(answer.path("status").asInt()).as(answer.toString()).isEqualTo(201);
            assertThat(other.isOpen()).isTrue();

            // reading again, the slow client finds its connection closed
            slow.reading(true);
            StreamClient.Closed closed = slow.closed
                    .orTimeout(60, java.util.concurrent.TimeUnit.SECONDS)
                    .join();
            if (closed.code() > 0) {
                assertThat(closed.code()).isIn(DecisionStream.SLOW_READER.getCode(), 1006);
            }
        }
    }

    @Test
    void aSilentClientIsClosedAfterTheIdleTimeoutAndDecisionsSpendTheClientsRequestBudget() {
        var context = arbiters.start(
                arbiters.home("stream-idle"),
                "arbiter.stream.ping-interval=300ms",
                "arbiter.stream.idle-timeout=1500ms",
                "arbiter.security.rate-limit=10",
                "arbiter.security.rate-limit-period=1h");
        DecisionStream stream = context.getBean(DecisionStream.class);
        try (StreamClient answering = open(context);
                StreamClient silent = StreamClient.connect(
                        port(context),
                        StreamClient.signedUpgrade(Keys.of(context).role("originator")),
                        false)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.openConnections() == 2);
            // the silent client reads nothing, so it answers no ping
            await().atMost(Duration.ofSeconds(15)).until(() -> stream.openConnections() == 1);
            silent.reading(true);
            StreamClient.Closed closed = silent.closed
                    .orTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
                    .join();
            assertThat(closed.code()).isEqualTo(DecisionStream.IDLE.getCode());
            // the client that answers pings (the JDK's does) stays open well past the idle timeout
            answering.decide("still-here", steadyEmployedRenter("idle-" + UUID.randomUUID()));
            assertThat(answering.next().path("status").asInt()).isEqualTo(201);
            assertThat(answering.isOpen()).isTrue();

            // 10 requests an hour: two upgrades and one decision spent 3; of 10 more decides, 7 are decided
            for (int i = 0; i < 10; i++) {
                answering.decide("budget-" + i, steadyEmployedRenter("budget-" + i + "-" + UUID.randomUUID()));
            }
            List<JsonNode> answers = answering.take(10, Duration.ofSeconds(60));
            assertThat(answers.stream().filter(a -> a.path("status").asInt() == 201))
                    .hasSize(7);
            assertThat(answers.stream()
                            .filter(a ->
                                    a.path("problem").path("code").asString().equals("RATE_LIMITED")))
                    .hasSize(3)
                    .allSatisfy(a -> {
                        assertThat(a.path("problem").path("status").asInt()).isEqualTo(429);
                        assertThat(a.path("problem").path("retryAfter").asLong())
                                .isPositive();
                    });
            assertThat(answering.isOpen()).isTrue();
        }
    }

    @Test
    void anUpgradePastTheClientsBudgetOrItsKeysFailureBudgetIsRefusedWithItsCode() throws Exception {
        var context = arbiters.start(
                arbiters.home("stream-budgets"),
                "arbiter.security.rate-limit=3",
                "arbiter.security.rate-limit-period=1h",
                "arbiter.security.auth-failures-per-key=3",
                "arbiter.security.auth-failure-period=10m");
        int port = port(context);
        Keys keys = Keys.of(context);

        // each upgrade spends one request of the client's budget, as any request does
        Keys.Key originator = keys.role("originator");
        for (int i = 0; i < 3; i++) {
            StreamClient.connect(port, originator).close();
        }
        StreamClient.Upgrade limited =
                StreamClient.refusedAtUpgrade(port, () -> StreamClient.signedUpgrade(originator), 429, "RATE_LIMITED");
        assertThat(limited.json().path("detail").asString()).contains("retry after");

        // bad signatures past the key id's failure budget: refused before the key is looked up, even when well signed
        Keys.Key auditor = keys.role("auditor");
        Keys.Key forged = new Keys.Key(auditor.keyId(), new byte[32]);
        for (int i = 0; i < 3; i++) {
            assertThat(StreamClient.rawUpgrade(port, StreamClient.signedUpgrade(forged))
                            .json()
                            .path("code")
                            .asString())
                    .isEqualTo("SIGNATURE_MISMATCH");
        }
        StreamClient.refusedAtUpgrade(port, () -> StreamClient.signedUpgrade(forged), 429, "AUTH_THROTTLED");
        StreamClient.Upgrade genuine =
                StreamClient.refusedAtUpgrade(port, () -> StreamClient.signedUpgrade(auditor), 429, "AUTH_THROTTLED");
        assertThat(genuine.body()).doesNotContain("canonicalString");

        // another client, with its own budgets, is let in
        try (StreamClient reviewer = StreamClient.connect(port, keys.role("reviewer"))) {
            JsonNode ready = reviewer.next();
            assertThat(ready.path("type").asString()).isEqualTo("ready");
            assertThat(ready.path("role").asString()).isEqualTo("reviewer");
        }
    }

    @Test
    void afterARestartMidStreamTheClientResendsAndGetsTheStoredDecisions() {
        var home = arbiters.home("stream-restart");
        ConfigurableApplicationContext first = arbiters.start(home);
        String run = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        int count = 30; // within the in-flight limit (32): every message is decided, none refused
        Map<String, String> answeredBefore = new HashMap<>();
        try (StreamClient stream = open(first)) {
            for (int i = 0; i < count; i++) {
                stream.decide("m-" + i, steadyEmployedRenter(run + "-" + i));
            }
            for (JsonNode answer : stream.take(5, Duration.ofSeconds(60))) {
                assertThat(answer.path("type").asString()).as(answer.toString()).isEqualTo("decision");
                answeredBefore.put(
                        answer.path("decision").path("applicationId").asString(),
                        answer.path("decision").path("decisionId").asString());
            }
            first.close();
            // whatever else arrived before the connection went away
            for (JsonNode m = stream.next(Duration.ofSeconds(1)); m != null; m = stream.next(Duration.ofSeconds(1))) {
                if (m.path("type").asString().equals("decision")) {
                    answeredBefore.put(
                            m.path("decision").path("applicationId").asString(),
                            m.path("decision").path("decisionId").asString());
                }
            }
        }
        assertThat(answeredBefore).hasSizeGreaterThanOrEqualTo(5);

        ConfigurableApplicationContext second = arbiters.start(home);
        try (StreamClient stream = open(second)) {
            for (int i = 0; i < count; i++) {
                stream.decide("m-" + i, steadyEmployedRenter(run + "-" + i));
            }
            List<JsonNode> answers = stream.take(count, Duration.ofSeconds(120));
            for (JsonNode answer : answers) {
                assertThat(answer.path("type").asString()).as(answer.toString()).isEqualTo("decision");
                String applicationId =
                        answer.path("decision").path("applicationId").asString();
                if (answeredBefore.containsKey(applicationId)) {
                    assertThat(answer.path("status").asInt()).isEqualTo(200);
                    assertThat(answer.path("decision").path("decisionId").asString())
                            .isEqualTo(answeredBefore.get(applicationId));
                }
            }
        }
        List<Map<String, Object>> rows = OwnerJdbc.of(second)
                .sql(
                        "select application_id, count(*) as n from decision where application_id like ? group by application_id")
                .param(run + "-%")
                .query()
                .listOfRows();
        assertThat(rows)
                .hasSize(count)
                .allSatisfy(
                        row -> assertThat(((Number) row.get("n")).intValue()).isEqualTo(1));
    }

    /**
     * The owner holds a SHARE lock on {@code decision}, so no decision can be stored while the
     * messages arrive: the first {@code max-in-flight} stay in flight (four on the decision
     * threads, each holding one of the pool's ten connections, four queued), every one after them
     * is refused at once, and once the lock goes the ones in flight are all decided.
     */
    @Test
    void decisionsBeyondTheInFlightLimitAreRefusedAndTheOnesInFlightAreDecided() throws Exception {
        int max = 8;
        var context = arbiters.start(
                arbiters.home("stream-in-flight"),
                "arbiter.stream.max-in-flight=" + max,
                "arbiter.stream.decision-threads=4",
                "arbiter.security.rate-limit=1000000");
        String run = "flight-" + UUID.randomUUID();
        int sent = max * 3;
        try (StreamClient stream = open(context);
                Connection owner = context.getBean(PostgresServer.class)
                        .dataSource(context.getBean(PostgresServer.class).owner())
                        .getConnection()) {
            owner.setAutoCommit(false);
            try (Statement lock = owner.createStatement()) {
                lock.execute("lock table decision in share mode");
            }
            for (int i = 0; i < sent; i++) {
                stream.decide("f-" + i, steadyEmployedRenter(run + "-" + i));
            }
            List<JsonNode> refusals = stream.take(sent - max, Duration.ofSeconds(30));
            for (int i = 0; i < refusals.size(); i++) {
                JsonNode refusal = refusals.get(i);
                assertThat(refusal.path("id").asString()).as(refusal.toString()).isEqualTo("f-" + (max + i));
                assertThat(refusal.path("problem").path("code").asString()).isEqualTo("TOO_MANY_IN_FLIGHT");
                assertThat(refusal.path("problem").path("status").asInt()).isEqualTo(429);
                assertThat(refusal.path("problem").path("maxInFlight").asInt()).isEqualTo(max);
            }
            owner.rollback();

            List<JsonNode> decided = stream.take(max, Duration.ofSeconds(60));
            assertThat(decided)
                    .allSatisfy(answer -> assertThat(answer.path("status").asInt())
                            .as(answer.toString())
                            .isEqualTo(201))
                    .extracting(answer -> answer.path("id").asString())
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, max)
                            .mapToObj(i -> "f-" + i)
                            .toList());

            // with the in-flight answered, the connection decides again
            stream.decide("later", steadyEmployedRenter(run + "-later"));
            assertThat(stream.next().path("status").asInt()).isEqualTo(201);
        }
        Number stored = OwnerJdbc.of(context)
                .sql("select count(*) from decision where application_id like ?")
                .param(run + "-%")
                .query(Number.class)
                .single();
        assertThat(stored.intValue()).isEqualTo(max + 1);
    }
}
