package dev.arbiter;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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

/**
 * Three Arbiter nodes, each its own JVM, on one PostgreSQL: they share the per-client rate limit
 * and the nonces, take signed load together, and when one is killed with {@code kill -9} the
 * others keep answering; afterwards every acknowledged decision is stored exactly once and the
 * chain verifies.
 */
class SeveralNodesIT {

    /**
     * Each client's budget, {@code LIMIT} requests per {@code PERIOD_SECONDS}: a period long
     * beside the latency of a loaded machine, so that the rate limit's test can send its requests
     * well within one period.
     */
    private static final int LIMIT = 30;

    private static final int PERIOD_SECONDS = 10;

    /** Clients of the load, each with its own budget (3 decisions a second each). */
    private static final int LOAD_CLIENTS = 12;

    @RegisterExtension
    final ArbiterProcesses nodes = new ArbiterProcesses();

    /** What one application got in the end: the decision id answered, and how many tries it took. */
    record Answered(String decisionId, int status, int tries) {}

    @Test
    void threeNodesShareLimitsAndNoncesAndLoseNothingWhenOneIsKilled() throws Exception {
        Path home = Path.of("target/it-postgres/nodes-" + UUID.randomUUID()).toAbsolutePath();
        try (ExternalPostgres db = ExternalPostgres.start()) {
            ArbiterProcesses.Node a = nodes.start("node-a", settings(db, home, "a", LIMIT));
            ArbiterProcesses.Node b = nodes.launch("node-b", settings(db, home, "b", LIMIT));
            ArbiterProcesses.Node c = nodes.launch("node-c", settings(db, home, "c", LIMIT));
            nodes.awaitReady(b);
            nodes.awaitReady(c);
            List<ArbiterProcesses.Node> all = List.of(a, b, c);
            Keys keys = Keys.in(home.resolve("keys"));
            Http admin = a.http(keys.role("admin"));

            rateLimitHoldsAcrossNodes(all, newOriginator(admin));
            nonceUsedOnOneNodeIsRefusedOnAnother(a, b, keys.role("originator"));

            // signed load round-robin over the three nodes; c is killed with kill -9 mid-load
            List<Keys.Key> clients = new ArrayList<>();
            for (int i = 0; i < LOAD_CLIENTS; i++) {
                clients.add(newOriginator(admin));
            }
            Map<String, Answered> answered = new ConcurrentHashMap<>();
            Map<String, AtomicInteger> afterKillByNode = new ConcurrentHashMap<>();
            AtomicBoolean killed = new AtomicBoolean();
            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicInteger decided = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(LOAD_CLIENTS);
            List<Future<?>> load = new ArrayList<>();
            for (int t = 0; t < LOAD_CLIENTS; t++) {
                Keys.Key key = clients.get(t);
                int thread = t;
                load.add(pool.submit(() -> {
                    int next = thread;
                    for (int n = 0; sending.get(); n++) {
                        String applicationId = "nodes-" + thread + "-" + n;
                        String body = Http.json(steadyEmployedRenter(applicationId));
                        // a client whose node vanished sends the same application to the next one
                        for (int tries = 1; ; tries++) {
                            if (tries > 100) {
                                throw new AssertionError("no node answered " + applicationId + " in 100 tries");
                            }
                            ArbiterProcesses.Node node = all.get(next++ % all.size());
                            Http.Answer answer;
                            try {
                                answer = node.http(key).post("/v1/decisions", body);
                            } catch (IllegalStateException connectionLost) {
                                continue;
                            }
                            if (answer.status() == 429 || answer.status() == 503) {
                                Thread.sleep(200);
                                continue;
                            }
                            assertThat(answer.status()).as(answer.body()).isIn(200, 201);
                            answered.put(
                                    applicationId,
                                    new Answered(
                                            answer.json().path("decisionId").asString(), answer.status(), tries));
                            decided.incrementAndGet();
                            if (killed.get()) {
                                afterKillByNode
                                        .computeIfAbsent(node.name(), k -> new AtomicInteger())
                                        .incrementAndGet();
                            }
                            break;
                        }
                    }
                    return null;
                }));
            }
            int atKill;
            try {
                await(decided, 60);
                c.kill();
                killed.set(true);
                atKill = decided.get();
                await(decided, atKill + 60);
                sending.set(false);
                for (Future<?> f : load) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                sending.set(false);
                pool.shutdownNow();
            }

            assertThat(c.process().isAlive()).isFalse();
            assertThat(afterKillByNode.keySet())
                    .as("both surviving nodes kept answering")
                    .containsExactlyInAnyOrder("node-a", "node-b");

            JdbcClient owner = db.owner();
            answered.forEach((applicationId, answer) -> assertThat(
                            owner.sql("select id::text from decision where application_id = ?")
                                    .param(applicationId)
                                    .query(String.class)
                                    .list())
                    .as("stored exactly once, under the id answered: " + applicationId)
                    .containsExactly(answer.decisionId()));
            long stored = owner.sql("select count(*) from decision where application_id like 'nodes-%'")
                    .query(Long.class)
                    .single();
            long retried = answered.values().stream().filter(x -> x.tries() > 1).count();
            long replayed =
                    answered.values().stream().filter(x -> x.status() == 200).count();
            System.out.printf(
                    "three nodes: %d decisions answered (%d after the kill), %d resent after a lost connection, "
                            + "%d of them answered as replays; %d stored%n",
                    answered.size(), answered.size() - atKill, retried, replayed, stored);
            assertThat(stored)
                    .as("nothing stored that no client was answered for, once every lost request was resent")
                    .isEqualTo(answered.size());

            Http.Answer verified = b.http(keys.role("auditor")).get("/v1/audit/verify");
            assertThat(verified.status()).as(verified.body()).isEqualTo(200);
            assertThat(verified.json().path("intact").asBoolean())
                    .as(verified.body())
                    .isTrue();
            assertThat(owner.sql("select count(*) from chain_link where subject_kind = 'DECISION'")
                            .query(Long.class)
                            .single())
                    .as("every stored decision is in the chain")
                    .isGreaterThanOrEqualTo(stored);
        }
    }

    /**
     * A fresh client sends four times its budget as fast as it can, round-robin over three nodes.
     * Limited per node, each node would see a third of the requests, more than the budget, and
     * admit the budget: three budgets in all. Limited across the cluster, a window starts with the
     * client's first request and lasts one period by the database's clock; when every answer came
     * back within one period (as measured by this test, around all of them) all requests fell into
     * that one window, so exactly one budget is admitted. On a machine too slow for that, the
     * requests of an interval of {@code s} periods fall into at most {@code ceil(s) + 1}
     * consecutive windows, and at most that many budgets are admitted: an exact bound either way,
     * not a tolerance for timing, but a weaker one (from two periods on it no longer tells a limit
     * per node apart), which is why the period is long beside a loaded machine's latency.
     */
    private static void rateLimitHoldsAcrossNodes(List<ArbiterProcesses.Node> all, Keys.Key client) throws Exception {
        int requests = 4 * LIMIT;
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        Map<String, AtomicInteger> admittedByNode = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(16);
        List<Future<?>> sent = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            ArbiterProcesses.Node node = all.get(i % all.size());
            sent.add(senders.submit(() -> {
                // any decision id: the answer (404) comes from past the rate limit, a 429 from it
                Http.Answer answer = node.http(client).get("/v1/decisions/" + UUID.randomUUID());
                if (answer.status() == 429) {
                    assertThat(answer.code()).isEqualTo("RATE_LIMITED");
                    assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                    limited.incrementAndGet();
                } else {
                    assertThat(answer.status()).as(answer.body()).isEqualTo(404);
                    admitted.incrementAndGet();
                    admittedByNode
                            .computeIfAbsent(node.name(), k -> new AtomicInteger())
                            .incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : sent) {
            f.get(120, TimeUnit.SECONDS);
        }
        double periods = (System.nanoTime() - started) / 1e9 / PERIOD_SECONDS;
        senders.shutdown();
        long windows = periods < 1 ? 1 : (long) Math.ceil(periods) + 1;
        System.out.printf(
                "rate limit %d per %d s across 3 nodes: %d sent in %.2f periods, %d admitted (%s), %d refused; "
                        + "at most %d allowed%n",
                LIMIT,
                PERIOD_SECONDS,
                requests,
                periods,
                admitted.get(),
                admittedByNode,
                limited.get(),
                LIMIT * windows);
        assertThat(admitted.get() + limited.get()).isEqualTo(requests);
        if (windows == 1) {
            assertThat(admitted.get())
                    .as("all within one window: the budget once, not once per node")
                    .isEqualTo(LIMIT);
        } else {
            assertThat(admitted.get())
                    .as("admitted across the cluster: at most the budget in each window")
                    .isBetween(LIMIT, (int) (LIMIT * windows));
        }
        assertThat(admittedByNode.keySet()).as("every node admitted some").hasSize(3);
    }

    /** A signed decision request accepted by one node, sent again byte for byte to another: refused as a replay. */
    private static void nonceUsedOnOneNodeIsRefusedOnAnother(
            ArbiterProcesses.Node first, ArbiterProcesses.Node second, Keys.Key key) {
        byte[] body =
                Http.json(steadyEmployedRenter("nonce-" + UUID.randomUUID())).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers =
                Http.signature(key, "POST", "/v1/decisions", body, System.currentTimeMillis() / 1000, Http.nonce());
        Http.Answer once = first.http(null).sendExactly("POST", "/v1/decisions", body, "application/json", headers);
        assertThat(once.status()).as(once.body()).isEqualTo(201);
        Http.Answer again = second.http(null).sendExactly("POST", "/v1/decisions", body, "application/json", headers);
        assertThat(again.status()).as(again.body()).isEqualTo(401);
        assertThat(again.code()).isEqualTo("NONCE_REPLAYED");
    }

    /** A new client with one originator key: its own rate budget. */
    private static Keys.Key newOriginator(Http admin) throws InterruptedException {
        Http.Answer created =
                postWithinBudget(admin, "/v1/admin/clients", Map.of("name", "lender-" + UUID.randomUUID()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Http.Answer issued = postWithinBudget(
                admin,
                "/v1/admin/clients/" + created.json().path("clientId").asString() + "/keys",
                Map.of("role", "originator"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return Keys.Key.of(
                issued.json().path("keyId").asString(),
                issued.json().path("secret").asString());
    }

    /** The admin has a budget too: waits as {@code Retry-After} says when it is spent. */
    private static Http.Answer postWithinBudget(Http http, String path, Object body) throws InterruptedException {
        while (true) {
            Http.Answer answer = http.post(path, body);
            if (answer.status() != 429) {
                return answer;
            }
            Thread.sleep(1000L
                    * Long.parseLong(answer.headers().firstValue("Retry-After").orElse("1")));
        }
    }

    /**
     * One node's settings: the shared database and the shared keys folder (the master key that
     * seals the client keys, and the local key files the first node writes), its own audit signing
     * key and checkpoint file.
     */
    static String[] settings(ExternalPostgres db, Path home, String node, int rateLimit) {
        List<String> settings = new ArrayList<>(List.of(db.settings()));
        settings.addAll(List.of(
                "arbiter.security.keys-dir=" + home.resolve("keys"),
                "arbiter.audit.signing-key-file=" + home.resolve("signing-" + node + ".key"),
                "arbiter.audit.checkpoint-file=" + home.resolve("checkpoints-" + node + ".jsonl"),
                "arbiter.security.rate-limit=" + rateLimit,
                "arbiter.security.rate-limit-period=" + PERIOD_SECONDS + "s",
                "arbiter.security.auth-failures-per-address=1000000"));
        return settings.toArray(String[]::new);
    }

    private static void await(AtomicInteger counter, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (counter.get() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + counter.get() + " decisions in 180 s, wanted " + atLeast);
            }
            Thread.sleep(20);
        }
    }
}
