package dev.arbiter;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A node in its own JVM gets SIGTERM (what Kubernetes or systemd sends) while eight clients keep
 * deciding through it, as in a rolling restart beside a second node. No decision in flight is
 * lost or half-answered: every client answered 201 finds its decision stored once under the
 * answered id; every request left without a decision, sent again to the other node, is either
 * decided afresh (nothing had been stored) or answered with the very decision the stopped node
 * had stored. The stopping node signs a final checkpoint covering every chain entry.
 */
class SigtermShutdownIT {

    private static final int CLIENTS = 8;

    @RegisterExtension
    final ArbiterProcesses nodes = new ArbiterProcesses();

    /** What one request got: a decision id (201), a refusal's status, or 0 for no answer at all. */
    record Outcome(String body, int status, String decisionId) {}

    @Test
    void sigtermUnderLoadLosesNoDecisionAndSignsAFinalCheckpoint() throws Exception {
        Path home = Path.of("target/it-postgres/sigterm-" + UUID.randomUUID()).toAbsolutePath();
        try (ExternalPostgres db = ExternalPostgres.start()) {
            ArbiterProcesses.Node stopping = nodes.start("sigterm-a", settings(db, home, "a"));
            ArbiterProcesses.Node other = nodes.start("sigterm-b", settings(db, home, "b"));
            Keys.Key originator = Keys.in(home.resolve("keys")).role("originator");
            Http http = stopping.http(originator);

            Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicInteger decided = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> load = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                load.add(clients.submit(() -> {
                    while (sending.get()) {
                        String applicationId = "sigterm-" + UUID.randomUUID();
                        String body = Http.json(steadyEmployedRenter(applicationId));
                        try {
                            Http.Answer answer = http.post("/v1/decisions", body);
                            if (answer.status() == 201) {
                                outcomes.put(
                                        applicationId,
                                        new Outcome(
                                                body,
                                                201,
                                                answer.json().path("decisionId").asString()));
                                decided.incrementAndGet();
                            } else {
                                // a refusal is a whole problem, never a cut-off body
                                assertThat(answer.contentType())
                                        .as(answer.status() + " " + answer.body())
                                        .startsWith("application/problem+json");
                                answer.json();
                                outcomes.put(applicationId, new Outcome(body, answer.status(), null));
                            }
                        } catch (IllegalStateException noAnswer) {
                            outcomes.put(applicationId, new Outcome(body, 0, null));
                            Thread.sleep(50);
                        }
                    }
                    return null;
                }));
            }
            int exit;
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (decided.get() < 60 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(decided.get()).as("decisions before the stop").isGreaterThanOrEqualTo(60);
                exit = stopping.terminate();
                sending.set(false);
                for (Future<?> f : load) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                sending.set(false);
                clients.shutdownNow();
            }
            String log = stopping.output();
            assertThat(log).contains("Graceful shutdown complete").contains("signed the chain head at stop");

            JdbcClient owner = db.owner();
            // the stopping node's last checkpoint covers every chain entry, all of which it wrote
            long entries = owner.sql("select count(*) from chain_link")
                    .query(Long.class)
                    .single();
            JsonNode last = lastCheckpoint(home.resolve("checkpoints-a.jsonl"));
            assertThat(last.path("position").asLong())
                    .as("the checkpoint signed at the stop covers every chain entry")
                    .isEqualTo(entries);
            assertThat(owner.sql("select count(*) from chain_checkpoint where position = ? and signature = ?")
                            .params(
                                    last.path("position").asLong(),
                                    last.path("signature").asString())
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);

            Http resend = other.http(originator);
            int storedUnanswered = 0;
            for (var entry : outcomes.entrySet()) {
                String applicationId = entry.getKey();
                Outcome outcome = entry.getValue();
                List<String> stored = owner.sql("select id::text from decision where application_id = ?")
                        .param(applicationId)
                        .query(String.class)
                        .list();
                if (outcome.status() == 201) {
                    assertThat(stored).as(applicationId).containsExactly(outcome.decisionId());
                    continue;
                }
                assertThat(outcome.status()).as(applicationId).isIn(0, 503);
                assertThat(stored).as(applicationId).hasSizeLessThanOrEqualTo(1);
                Http.Answer again = resend.post("/v1/decisions", outcome.body());
                if (stored.isEmpty()) {
                    assertThat(again.status()).as(again.body()).isEqualTo(201);
                } else {
                    storedUnanswered++;
                    assertThat(again.status())
                            .as("stored but not answered: resending answers the stored decision")
                            .isEqualTo(200);
                    assertThat(again.json().path("decisionId").asString()).isEqualTo(stored.get(0));
                }
            }
            Http.Answer verified =
                    other.http(Keys.in(home.resolve("keys")).role("auditor")).get("/v1/audit/verify");
            assertThat(verified.json().path("intact").asBoolean())
                    .as(verified.body())
                    .isTrue();
            System.out.printf(
                    "SIGTERM under load: exit %d; %d decided, %d refused (503), %d unanswered, of which %d had been stored%n",
                    exit,
                    decided.get(),
                    outcomes.values().stream().filter(o -> o.status() == 503).count(),
                    outcomes.values().stream().filter(o -> o.status() == 0).count(),
                    storedUnanswered);
        }
    }

    private static JsonNode lastCheckpoint(Path file) throws java.io.IOException {
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).as("checkpoints of the stopped node").isNotEmpty();
        return JsonMapper.builder().build().readTree(lines.get(lines.size() - 1));
    }

    private static String[] settings(ExternalPostgres db, Path home, String node) {
        return SeveralNodesIT.settings(db, home, node, 1_000_000);
    }
}
