package dev.arbiter.security;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.ArbiterInstances;
import dev.arbiter.Http;
import dev.arbiter.OwnerJdbc;
import dev.arbiter.storage.PostgresServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A read's nonce is committed durably before the read is answered, and while that commit waits
 * for the disk the request holds nothing its client's other requests need: each of a client's
 * concurrent reads waits for its own nonce's commit, so their commits can share a flush of the
 * WAL (group commit) instead of queueing one flush at a time behind the client's rate-limit row.
 *
 * <p>The commit is held still on purpose: with {@code synchronous_standby_names} naming a standby
 * that does not exist, every commit that wrote WAL waits for it ({@code SyncRep}), as long as the
 * setting stays. On an Arbiter of the test's own, since every commit of its background jobs waits
 * too.
 */
class NonceCommitIT {

    private static final int READS = 4;

    @RegisterExtension
    final ArbiterInstances arbiters = new ArbiterInstances();

    @Test
    void aClientsConcurrentReadsEachWaitForTheirOwnNoncesCommitAndNoneForAnothers() throws Exception {
        ArbiterInstances.Home home = arbiters.home("nonce-commit");
        ConfigurableApplicationContext node = arbiters.start(
                home,
                // under 200: each request is counted alone (no lease), so the count is the reads'
                "arbiter.security.rate-limit=100",
                "arbiter.security.rate-limit-period=1h",
                "arbiter.audit.link-interval=0",
                "arbiter.db.keepalive=0");
        JdbcClient superuser = OwnerJdbc.superuser(node.getBean(PostgresServer.class), home.keysDir());
        Http auditor = Http.to(node, "auditor");
        String id = Http.to(node, "originator")
                .post("/v1/decisions", steadyEmployedRenter("nonce-commit-" + UUID.randomUUID()))
                .json()
                .path("decisionId")
                .asString();
        assertThat(auditor.get("/v1/decisions/" + id).status()).isEqualTo(200);

        long counted = counted(superuser);
        ExecutorService clients = Executors.newFixedThreadPool(READS);
        List<CompletableFuture<Http.Answer>> reads = new ArrayList<>();
        try {
            holdCommits(superuser, "arbiter_test_absent_standby");
            for (int i = 0; i < READS; i++) {
                reads.add(CompletableFuture.supplyAsync(() -> auditor.get("/v1/decisions/" + id), clients));
            }
            // every read has reached the database and waits there: for its own commit (SyncRep) or
            // for a lock another read holds
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> waiting(superuser).size() == READS);
            assertThat(waiting(superuser))
                    .as("what each read of the same client waits for while the commits are held")
                    .containsOnly("IPC:SyncRep");
        } finally {
            holdCommits(superuser, "");
        }
        for (CompletableFuture<Http.Answer> read : reads) {
            Http.Answer answer = read.get();
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().path("decisionId").asString()).isEqualTo(id);
        }
        clients.shutdown();
        assertThat(counted(superuser) - counted)
                .as("the reads, each counted once")
                .isEqualTo(READS);
    }

    /** The wait of each of Arbiter's statements that inserts a nonce, as "type:event". */
    private static List<String> waiting(JdbcClient superuser) {
        return superuser
                .sql("select wait_event_type || ':' || wait_event from pg_stat_activity"
                        + " where usename = 'arbiter_app' and query like '%insert into request_nonce%'"
                        + " and state = 'active' and wait_event is not null")
                .query(String.class)
                .list();
    }

    /** The requests counted in the rate limit's windows, every client's. */
    private static long counted(JdbcClient superuser) {
        return superuser
                .sql("select coalesce(sum(requests), 0) from client_rate_window")
                .query(Long.class)
                .single();
    }

    /** Commits that wrote WAL wait for the named standby; an empty name lets them all go. */
    private static void holdCommits(JdbcClient superuser, String standby) {
        superuser
                .sql("alter system set synchronous_standby_names = '" + standby + "'")
                .update();
        superuser.sql("select pg_reload_conf()").query(Boolean.class).single();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> standby.equals(superuser
                        .sql("show synchronous_standby_names")
                        .query(String.class)
                        .single()));
    }
}
