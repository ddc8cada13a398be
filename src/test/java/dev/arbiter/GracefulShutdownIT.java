package dev.arbiter;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Closing Arbiter while clients keep deciding: every request is either answered whole (a
 * decision that is stored, once, under the answered id) or refused before anything was done,
 * and the checkpoint signed at the stop covers every stored decision.
 */
class GracefulShutdownIT {

    private static final int CLIENTS = 8;

    @RegisterExtension
    final ArbiterInstances arbiters = new ArbiterInstances();

    /** What one request got: a decision id, a refusal's status, or an I/O failure before any answer. */
    record Outcome(int status, String decisionId, String failure) {}

    @Test
    void noDecisionInFlightIsLostOrHalfAnsweredWhenArbiterStops() throws Exception {
        ArbiterInstances.Home home = arbiters.home("graceful");
        ConfigurableApplicationContext running = arbiters.start(home, "arbiter.security.rate-limit=1000000");
        Http originator = Http.to(running, "originator");
        Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
        AtomicBoolean stopSending = new AtomicBoolean();
        AtomicInteger answered = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            clients.execute(() -> {
                while (!stopSending.get()) {
                    String applicationId = "graceful-" + UUID.randomUUID();
                    try {
                        var answer = originator.post("/v1/decisions", steadyEmployedRenter(applicationId));
                        String id = answer.status() == 201
                                ? answer.json().path("decisionId").asString()
                                : null;
                        outcomes.put(applicationId, new Outcome(answer.status(), id, null));
                        if (answer.status() == 201) {
                            answered.incrementAndGet();
                        } else {
                            assertThat(answer.contentType()).as(answer.body()).startsWith("application/problem+json");
                        }
                    } catch (IllegalStateException ioFailure) {
                        outcomes.put(applicationId, new Outcome(0, null, String.valueOf(ioFailure.getCause())));
                    } catch (AssertionError notAProblem) {
                        outcomes.put(applicationId, new Outcome(-1, null, notAProblem.getMessage()));
                    }
                }
            });
        }
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .until(() -> answered.get() >= 60);
        running.close(); // graceful: stops accepting, lets requests in flight finish, signs, closes the pool
        Instant stopped = Instant.now();
        stopSending.set(true);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        List<Outcome> decided =
                outcomes.values().stream().filter(o -> o.status() == 201).toList();
        assertThat(decided)
                .hasSizeGreaterThanOrEqualTo(60)
                .allSatisfy(o -> assertThat(o.decisionId()).hasSize(36));
        assertThat(outcomes.values())
                .as("every answer is a whole decision, a problem, or no answer at all")
                .allSatisfy(o -> assertThat(o.status()).isIn(0, 201, 503));

        ConfigurableApplicationContext again = arbiters.start(home);
        JdbcClient owner = OwnerJdbc.of(again);
        outcomes.forEach((applicationId, outcome) -> {
            List<String> stored = owner.sql("select id::text from decision where application_id = ?")
                    .param(applicationId)
                    .query(String.class)
                    .list();
            if (outcome.status() == 201) {
                assertThat(stored).as(applicationId).containsExactly(outcome.decisionId());
            } else {
                assertThat(stored)
                        .as("refused or unanswered, so not decided: " + applicationId)
                        .isEmpty();
            }
        });
        long links =
                owner.sql("select count(*) from chain_link").query(Long.class).single();
        long signedAtStop = owner.sql("select coalesce(max(position), 0) from chain_checkpoint where signed_at <= ?")
                .param(java.sql.Timestamp.from(stopped))
                .query(Long.class)
                .single();
        assertThat(signedAtStop)
                .as("the checkpoint signed at the stop covers every stored decision")
                .isEqualTo(links);
        var verified = Http.to(again, "auditor").get("/v1/audit/verify");
        assertThat(verified.json().path("intact").asBoolean())
                .as(verified.body())
                .isTrue();
        System.out.printf(
                "graceful stop: %d decided, %d refused, %d unanswered%n",
                decided.size(),
                outcomes.values().stream().filter(o -> o.status() == 503).count(),
                outcomes.values().stream().filter(o -> o.status() == 0).count());
    }
}
