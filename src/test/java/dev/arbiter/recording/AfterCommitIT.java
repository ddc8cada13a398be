package dev.arbiter.recording;

import static dev.arbiter.RulesetFixture.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.ApplicationFixture;
import dev.arbiter.ArbiterApplication;
import dev.arbiter.Http;
import dev.arbiter.OwnerJdbc;
import dev.arbiter.RulesetFixture;
import dev.arbiter.storage.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What follows a decision's commit (here the challenger's shadow run) is registered in the
 * decision's own transaction, runs after it, and survives a crash: a publication left
 * outstanding when a node stopped runs when a node starts again.
 */
class AfterCommitIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void workLeftOutstandingByACrashRunsAtTheNextStart() {
        Path dataDir = Path.of("target/it-postgres/after-commit-" + UUID.randomUUID());
        String[] properties = {
            "server.port=0",
            "arbiter.db.data-dir=" + dataDir,
            "arbiter.security.keys-dir=target/it-keys/after-commit-" + UUID.randomUUID(),
            "arbiter.audit.checkpoint-file=" + dataDir + "-checkpoints.jsonl"
        };
        String decisionId;
        try (var node = new SpringApplicationBuilder(ArbiterApplication.class)
                .properties(properties)
                .run()) {
            JdbcClient owner = OwnerJdbc.of(node);
            // keep a copy of every publication the registry removes once its listener is done
            owner.sql("create table kept_publication (like event_publication)").update();
            owner.sql("grant insert on kept_publication to arbiter_app").update();
            owner.sql("""
                    create function keep_publication() returns trigger language plpgsql as $$
                    begin insert into kept_publication select old.*; return old; end $$
                    """).update();
            owner.sql(
                            "create trigger keep before delete on event_publication for each row execute function keep_publication()")
                    .update();
            var alice = person(node, "alice");
            var bob = person(node, "bob");
            String challenger = alice.http()
                    .post("/v1/rulesets", RulesetFixture.upload(RulesetFixture.minimumAgeForty()))
                    .json()
                    .path("version")
                    .asString();
            assertThat(bob.http()
                            .post("/v1/rulesets/" + challenger + "/shadow", "")
                            .status())
                    .isEqualTo(200);

            decisionId = http(node)
                    .post("/v1/decisions", ApplicationFixture.steadyEmployedRenter("ac-" + UUID.randomUUID()))
                    .json()
                    .path("decisionId")
                    .asString();

            await().atMost(PATIENCE).until(() -> shadowed(owner, decisionId) == 1 && outstanding(owner) == 0);
            assertThat(owner.sql(
                                    "select count(*) from kept_publication where serialized_event like ? and event_type like '%ShadowDue'")
                            .param("%" + decisionId + "%")
                            .query(Long.class)
                            .single())
                    .as("the shadow run the decision asked for, handled and removed")
                    .isEqualTo(1);
            assertThat(bob.http().delete("/v1/rulesets/shadow").status()).isEqualTo(204);

            // as if the node had died after the commit but before the challenger ran
            owner.sql("delete from decision_shadow where decision_id = ?::uuid")
                    .param(decisionId)
                    .update();
            owner.sql("""
                    insert into event_publication select * from kept_publication
                     where serialized_event like ? and event_type like '%ShadowDue'
                    """).param("%" + decisionId + "%").update();
            owner.sql("update event_publication set completion_date = null, status = 'PUBLISHED'")
                    .update();
            assertThat(outstanding(owner)).isEqualTo(1);
        }

        try (var restarted = new SpringApplicationBuilder(ArbiterApplication.class)
                .properties(properties)
                .run()) {
            JdbcClient owner = OwnerJdbc.of(restarted);
            await().atMost(PATIENCE).until(() -> shadowed(owner, decisionId) == 1);
            await().atMost(PATIENCE).until(() -> outstanding(owner) == 0);
        }
    }

    /**
     * Linking a decision into the chain after its commit is asked for without an event
     * publication: the unlinked chain entry, committed with the decision, is what stays to be
     * done. An entry a node left unlinked (it died between the decision's commit and the link)
     * is linked, in its place, when a node starts again.
     */
    @Test
    void anEntryLeftUnlinkedByACrashIsLinkedAtTheNextStart() throws Exception {
        Path dataDir = Path.of("target/it-postgres/after-commit-chain-" + UUID.randomUUID());
        Path keysDir = Path.of("target/it-keys/after-commit-chain-" + UUID.randomUUID());
        String[] properties = {
            "server.port=0",
            "arbiter.db.data-dir=" + dataDir,
            "arbiter.security.keys-dir=" + keysDir,
            "arbiter.audit.checkpoint-file=" + dataDir + "-checkpoints.jsonl"
        };
        String decisionId;
        String linkHash;
        try (var node = new SpringApplicationBuilder(ArbiterApplication.class)
                .properties(properties)
                .run()) {
            JdbcClient owner = OwnerJdbc.of(node);
            decisionId = http(node)
                    .post("/v1/decisions", ApplicationFixture.steadyEmployedRenter("acc-" + UUID.randomUUID()))
                    .json()
                    .path("decisionId")
                    .asString();
            await().atMost(PATIENCE).until(() -> linkHash(owner, decisionId) != null);
            linkHash = linkHash(owner, decisionId);
            assertThat(owner.sql("select count(*) from event_publication")
                            .query(Long.class)
                            .single())
                    .as("no publication is written for linking")
                    .isZero();
        }
        // as if the node had died after the decision's commit, before its entry was linked
        try (var server = PostgresServer.embedded(dataDir, 0, keysDir)) {
            assertThat(OwnerJdbc.of(server).sql("""
                                    update chain_link set position = null, previous_hash = null, link_hash = null,
                                           linked_at = null
                                     where subject_id = ?::uuid and position = (select max(position) from chain_link)
                                    """).param(decisionId).update()).isEqualTo(1);
        }

        try (var restarted = new SpringApplicationBuilder(ArbiterApplication.class)
                .properties(properties)
                .run()) {
            JdbcClient owner = OwnerJdbc.of(restarted);
            await().atMost(PATIENCE).until(() -> linkHash(owner, decisionId) != null);
            assertThat(linkHash(owner, decisionId))
                    .as("linked in the same place, so the checkpoint signed at the stop still holds")
                    .isEqualTo(linkHash);
        }
    }

    private static String linkHash(JdbcClient jdbc, String decisionId) {
        String hash = jdbc.sql("select coalesce(link_hash, '') from chain_link where subject_id = ?::uuid")
                .param(decisionId)
                .query(String.class)
                .single();
        return hash.isEmpty() ? null : hash;
    }

    private static Http http(ConfigurableApplicationContext context) {
        return Http.to(context, "originator");
    }

    private static long shadowed(JdbcClient jdbc, String decisionId) {
        return jdbc.sql("select count(*) from decision_shadow where decision_id = ?::uuid")
                .param(decisionId)
                .query(Long.class)
                .single();
    }

    private static long outstanding(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from event_publication where completion_date is null")
                .query(Long.class)
                .single();
    }
}
