package dev.arbiter.audit;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Checkpoints signed without anyone asking (every link here, so that a test need not wait for
 * the timer), kept in the database and in a file outside it, and what they catch: a truncated
 * tail, and a database rolled back together with its checkpoint table. The rollback test runs
 * last: it leaves the chain diverged from its signed past, as a real rollback would.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "arbiter.db.data-dir=target/it-postgres/${random.uuid}",
            "arbiter.security.keys-dir=target/it-keys/${random.uuid}",
            "arbiter.security.rate-limit=1000000",
            "arbiter.audit.link-interval=100ms",
            "arbiter.audit.checkpoint-every-links=1",
            "arbiter.audit.checkpoint-interval=1h"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckpointIT {

    @Autowired
    ApplicationContext context;

    /** Rows are edited as an attacker holding the schema owner's password: Arbiter's own role may not. */
    JdbcClient jdbc;

    @Autowired
    CheckpointFile file;

    Http http;
    Tampering tamper;

    @BeforeEach
    void client() {
        jdbc = dev.arbiter.OwnerJdbc.of(context);
        http = Http.workflow(context);
        tamper = new Tampering(jdbc);
    }

    private List<UUID> decide(int n) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var answer = http.post("/v1/decisions", steadyEmployedRenter("cp-" + UUID.randomUUID()));
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            ids.add(UUID.fromString(answer.json().path("decisionId").asString()));
        }
        return ids;
    }

    /** Waits for the background jobs to link {@code id} and sign a checkpoint covering it. */
    private long signedThrough(UUID id) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            Long position = jdbc.sql("select position from chain_link where subject_id = ?")
                    .param(id)
                    .query(Long.class)
                    .optional()
                    .orElse(null);
            long signed = jdbc.sql("select coalesce(max(position), 0) from chain_checkpoint")
                    .query(Long.class)
                    .single();
            if (position != null && signed >= position) {
                return position;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no checkpoint was signed over decision " + id + " within 15 s");
    }

    private JsonNode verify() {
        var answer = http.get("/v1/audit/verify");
        assertThat(answer.status()).isEqualTo(200);
        return answer.json();
    }

    /** Deletes the decisions with their monitoring rows and links; returns the rows, to put back. */
    private List<Tampering.Saved> deleteDecisionsAndLinks(List<UUID> ids) {
        List<Tampering.Saved> saved = new ArrayList<>();
        for (UUID id : ids) {
            saved.add(tamper.save("decision", "id", id));
            if (jdbc.sql("select count(*) from decision_monitoring where decision_id = ?")
                            .param(id)
                            .query(Integer.class)
                            .single()
                    == 1) {
                saved.add(tamper.save("decision_monitoring", "decision_id", id));
            }
            saved.add(tamper.save("chain_link", "subject_id", id));
            tamper.update("delete from chain_link where subject_id = ?", id);
            tamper.update("delete from decision_monitoring where decision_id = ?", id);
            tamper.update("delete from decision where id = ?", id);
        }
        return saved;
    }

    @Test
    @Order(1)
    void aTruncatedTailIsFoundThroughTheCheckpointSignedAfterItWithoutAnyoneAskingForOne() throws Exception {
        List<UUID> ids = decide(3);
        signedThrough(ids.get(2));
        assertThat(verify().path("intact").asBoolean()).as("untouched").isTrue();
        List<Tampering.Saved> saved = deleteDecisionsAndLinks(ids.subList(1, 3));
        try {
            JsonNode report = verify();

            assertThat(report.path("intact").asBoolean()).as(report.toString()).isFalse();
            assertThat(report.path("problem").path("kind").asString()).isEqualTo("DELETED");
        } finally {
            tamper.restore(saved.toArray(Tampering.Saved[]::new));
        }
        assertThat(verify().path("intact").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    void aStopAndAStartEachSignTheHeadIntoTheDatabaseAndTheFile() throws Exception {
        signedThrough(decide(1).get(0));
        SmartLifecycle jobs = context.getBean("auditJobs", SmartLifecycle.class);
        long before = jdbc.sql("select count(*) from chain_checkpoint")
                .query(Long.class)
                .single();
        int lines = file.read().size();

        jobs.stop();
        long afterStop = jdbc.sql("select count(*) from chain_checkpoint")
                .query(Long.class)
                .single();
        jobs.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (jdbc.sql("select count(*) from chain_checkpoint")
                                .query(Long.class)
                                .single()
                        < before + 2
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertThat(afterStop).as("signed at stop").isEqualTo(before + 1);
        assertThat(jdbc.sql("select count(*) from chain_checkpoint")
                        .query(Long.class)
                        .single())
                .as("signed at start")
                .isEqualTo(before + 2);
        assertThat(file.read()).hasSize(lines + 2);
    }

    @Test
    @Order(3)
    void theCheckpointsAreListedForAWitnessAndAMalformedWitnessListIsRefused() {
        JsonNode listed = http.get("/v1/audit/checkpoints?after=0").json();
        var refused = http.post("/v1/audit/verify", List.of(java.util.Map.of("position", 1)));

        assertThat(listed.path("checkpoints").size()).isGreaterThanOrEqualTo(1);
        assertThat(listed.path("keyId").asString())
                .isEqualTo(http.get("/v1/audit/public-key").json().path("keyId").asString());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("code").asString()).isEqualTo("INVALID_REQUEST");
        assertThat(refused.json().path("errors").get(0).path("field").asString())
                .isEqualTo("[0]");
    }

    @Test
    @Order(4)
    void aDatabaseRolledBackWithItsCheckpointsIsFoundThroughTheFileAndThroughAWitness() throws Exception {
        List<UUID> kept = decide(1);
        long keptPosition = signedThrough(kept.get(0));
        List<UUID> lost = decide(2);
        signedThrough(lost.get(1));
        JsonNode witnessed =
                http.get("/v1/audit/checkpoints?after=" + keptPosition).json().path("checkpoints");
        assertThat(verify().path("intact").asBoolean()).as("untouched").isTrue();

        // the rollback: the last decisions, their links and every checkpoint signed over them are gone
        deleteDecisionsAndLinks(lost);
        tamper.update("delete from chain_checkpoint where position > ?", keptPosition);

        JsonNode byFile = verify();
        assertThat(byFile.path("intact").asBoolean()).as(byFile.toString()).isFalse();
        assertThat(byFile.path("problem").path("kind").asString()).isEqualTo("DELETED");

        Path aside = file.path().resolveSibling(file.path().getFileName() + ".aside");
        Files.move(file.path(), aside, StandardCopyOption.REPLACE_EXISTING);
        try {
            assertThat(verify().path("intact").asBoolean())
                    .as("with the local file gone too, the database alone looks whole")
                    .isTrue();
            JsonNode byWitness = http.post("/v1/audit/verify", witnessed).json();
            assertThat(byWitness.path("intact").asBoolean())
                    .as(byWitness.toString())
                    .isFalse();
            assertThat(byWitness.path("problem").path("kind").asString()).isEqualTo("DELETED");

            // the chain then grows again over the positions it had signed: now the hashes differ
            List<UUID> after = decide(3);
            signedThrough(after.get(2));
            JsonNode diverged = http.post("/v1/audit/verify", witnessed).json();
            assertThat(diverged.path("intact").asBoolean())
                    .as(diverged.toString())
                    .isFalse();
            assertThat(diverged.path("problem").path("kind").asString()).isEqualTo("EDITED");
            assertThat(diverged.path("problem").path("detail").asString()).contains("witnessed checkpoint");
        } finally {
            Files.move(aside, file.path(), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
