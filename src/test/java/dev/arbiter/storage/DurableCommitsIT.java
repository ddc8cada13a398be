package dev.arbiter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ApplicationFixture;
import dev.arbiter.ArbiterApplication;
import dev.arbiter.Http;
import dev.arbiter.OwnerJdbc;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A decision answered 201 is committed to disk: PostgreSQL killed with {@code kill -9} while
 * decisions are being posted comes back (restarted by Arbiter, which keeps running) with every
 * decision it acknowledged. Decisions never acknowledged may or may not be there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DurableCommitsIT {

    private static final int ROUNDS = 3;
    private static final int POSTERS = 6;
    private static final Duration RECOVERY = Duration.ofSeconds(60);

    private ConfigurableApplicationContext context;
    private PostgresServer server;
    private Http http;

    @BeforeAll
    void start() {
        Path dataDir = Path.of("target/it-postgres/durable-" + UUID.randomUUID());
        context = new SpringApplicationBuilder(ArbiterApplication.class)
                .properties(
                        "server.port=0",
                        "arbiter.db.data-dir=" + dataDir,
                        "arbiter.security.keys-dir=" + dataDir + "-keys",
                        "arbiter.security.rate-limit=1000000")
                .run();
        server = context.getBean(PostgresServer.class);
        http = Http.to(context, "originator");
    }

    @AfterAll
    void stop() {
        context.close();
    }

    @Test
    void theEmbeddedServerRunsWithFsyncSynchronousCommitAndFullPageWrites() throws Exception {
        try (Connection c = server.dataSource(server.app()).getConnection();
                Statement s = c.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet rs = s.executeQuery("show " + setting)) {
                    rs.next();
                    assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
    }

    @Test
    void everyAcknowledgedDecisionSurvivesPostgresKilledUnderLoad() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> attempted = ConcurrentHashMap.newKeySet();
        for (int round = 1; round <= ROUNDS; round++) {
            AtomicBoolean posting = new AtomicBoolean(true);
            AtomicInteger acknowledgedBeforeKill = new AtomicInteger();
            AtomicBoolean killed = new AtomicBoolean();
            Set<Integer> statuses = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(POSTERS);
            List<Future<?>> posters = new ArrayList<>();
            int r = round;
            for (int p = 0; p < POSTERS; p++) {
                int poster = p;
                posters.add(pool.submit(() -> {
                    for (int n = 0; posting.get(); n++) {
                        String applicationId = "durable-" + r + "-" + poster + "-" + n;
                        attempted.add(applicationId);
                        Http.Answer answer =
                                http.post("/v1/decisions", ApplicationFixture.steadyEmployedRenter(applicationId));
                        statuses.add(answer.status());
                        if (answer.status() == 201) {
                            acknowledged.add(answer.json().path("decisionId").asString());
                            if (!killed.get()) {
                                acknowledgedBeforeKill.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            awaitAtLeast(acknowledgedBeforeKill, 30);
            long before = server.postmasterPid();
            killed.set(true);
            Postmasters.killServer(before);
            long killedAt = System.nanoTime();
            int afterKill = acknowledged.size();
            acknowledged.add(
                    awaitDecisionsAgain(before).json().path("decisionId").asString());
            long recoveredMs = (System.nanoTime() - killedAt) / 1_000_000;
            posting.set(false);
            for (Future<?> f : posters) {
                f.get();
            }
            pool.shutdown();
            System.out.printf(
                    "round %d: %d decisions acknowledged so far (%d when killed), back after %d ms, answers %s%n",
                    round, acknowledged.size(), afterKill, recoveredMs, statuses);
            assertThat(statuses).as("every answer is a decision or 503").isSubsetOf(201, 503);
        }

        JdbcClient owner = OwnerJdbc.of(server);
        List<String> stored =
                owner.sql("select id::text from decision").query(String.class).list();
        Set<String> missing = ConcurrentHashMap.newKeySet();
        missing.addAll(acknowledged);
        stored.forEach(missing::remove);
        long unacknowledgedStored = stored.size() - (acknowledged.size() - missing.size());
        System.out.printf(
                "%d acknowledged, %d of them missing; %d attempted; %d stored without acknowledgement%n",
                acknowledged.size(), missing.size(), attempted.size(), unacknowledgedStored);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ROUNDS * 30);
        assertThat(missing).as("acknowledged (201) but lost").isEmpty();
    }

    @Test
    void aKilledPostmasterIsRestartedAndDecisionsSucceedAgainWithoutRestartingArbiter() throws Exception {
        assertThat(http.post("/v1/decisions", ApplicationFixture.steadyEmployedRenter("recover-0"))
                        .status())
                .isEqualTo(201);
        long before = server.postmasterPid();

        Postmasters.killPostmaster(before);
        long killedAt = System.nanoTime();
        Http.Answer during = http.post("/v1/decisions", ApplicationFixture.steadyEmployedRenter("recover-1"));
        assertThat(during.status()).isIn(201, 503);
        Http.Answer after = awaitDecisionsAgain(before);
        long recoveredMs = (System.nanoTime() - killedAt) / 1_000_000;

        System.out.printf(
                "postmaster killed: first answer %d, decisions again after %d ms%n", during.status(), recoveredMs);
        assertThat(after.status()).isEqualTo(201);
        assertThat(server.postmasterPid()).isNotEqualTo(before);
        assertThat(http.get("/v1/decisions/" + after.json().path("decisionId").asString())
                        .status())
                .isEqualTo(200);
    }

    /** Posts until a decision is acknowledged by a restarted server; fails after {@link #RECOVERY}. */
    private Http.Answer awaitDecisionsAgain(long killedPid) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        Http.Answer last = null;
        while (System.nanoTime() < deadline) {
            if (server.postmasterPid() != killedPid) {
                last = http.post(
                        "/v1/decisions", ApplicationFixture.steadyEmployedRenter("probe-" + UUID.randomUUID()));
                if (last.status() == 201) {
                    return last;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no decision within " + RECOVERY + " of the kill; last answer "
                + (last == null ? "none (not restarted)" : last.status() + " " + last.body()));
    }

    private static void awaitAtLeast(AtomicInteger counter, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (counter.get() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + counter.get() + " decisions in 60 s");
            }
            Thread.sleep(10);
        }
    }
}
