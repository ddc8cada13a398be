package dev.arbiter.storage;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.ArbiterInstances;
import dev.arbiter.ExternalPostgres;
import dev.arbiter.Http;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * With {@code ARBITER_DB_READ_URL} set, searches read from the replica and nothing writes to it.
 * The replica here is a copy of the database taken at one moment ({@code create database ...
 * template}), standing for a replica that lags: a decision made after the copy is served by id
 * (from the primary) but not found by a search (which reads the copy), and the copy stays as it
 * was however many decisions are made.
 */
class ReadReplicaIT {

    @RegisterExtension
    final ArbiterInstances arbiters = new ArbiterInstances();

    @Test
    void searchesReadTheReplicaAndWritesNeverReachIt() throws Exception {
        try (ExternalPostgres db = ExternalPostgres.start()) {
            ArbiterInstances.Home home = arbiters.home("replica");
            String before = "replica-before-" + UUID.randomUUID();
            try (ConfigurableApplicationContext first = arbiters.start(home, settings(db, home))) {
                assertThat(Http.to(first, "originator")
                                .post("/v1/decisions", steadyEmployedRenter(before))
                                .status())
                        .isEqualTo(201);
                assertThat(first.getBean(ReportingDatabase.class).isReplica()).isFalse();
            }
            try (Connection c = db.superuser("postgres").getConnection();
                    Statement s = c.createStatement()) {
                s.execute("create database arbiter_replica template arbiter owner arbiter_owner");
                s.execute("grant connect on database arbiter_replica to arbiter_app");
            }
            List<String> properties = new ArrayList<>(List.of(settings(db, home)));
            properties.add("arbiter.db.read-url=jdbc:postgresql://127.0.0.1:" + db.port() + "/arbiter_replica");
            ConfigurableApplicationContext node = arbiters.start(home, properties.toArray(String[]::new));
            ReportingDatabase reads = node.getBean(ReportingDatabase.class);
            assertThat(reads.isReplica()).isTrue();
            Http auditor = Http.to(node, "auditor");
            String after = "replica-after-" + UUID.randomUUID();
            var decided = Http.to(node, "originator").post("/v1/decisions", steadyEmployedRenter(after));
            assertThat(decided.status()).isEqualTo(201);
            String afterId = decided.json().path("decisionId").asString();

            assertThat(auditor.get("/v1/decisions/" + afterId).status())
                    .as("a decision is read back by id from the primary at once")
                    .isEqualTo(200);
            assertThat(searchedApplicationIds(auditor))
                    .as("the search reads the replica: it has the decision made before the copy, not the one after")
                    .contains(before)
                    .doesNotContain(after);

            JdbcClient replicaOwner = JdbcClient.create(db.superuser("arbiter_replica"));
            assertThat(replicaOwner
                            .sql("select count(*) from decision")
                            .query(Long.class)
                            .single())
                    .as("nothing was written to the replica")
                    .isEqualTo(1);
            assertThatThrownBy(() -> reads.jdbc()
                            .sql("insert into request_nonce (key_id, nonce, seen_at) values ('k', 'n', now())")
                            .update())
                    .as("every connection to the replica is read-only")
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("read-only");
        }
    }

    private static List<String> searchedApplicationIds(Http auditor) {
        var answer = auditor.get("/v1/decisions?limit=1000");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return StreamSupport.stream(answer.json().path("items").spliterator(), false)
                .map((JsonNode item) -> item.path("applicationId").asString())
                .toList();
    }

    private static String[] settings(ExternalPostgres db, ArbiterInstances.Home home) {
        List<String> settings = new ArrayList<>(List.of(db.settings()));
        settings.add("arbiter.audit.checkpoint-file=" + home.dir().resolve("checkpoints.jsonl"));
        settings.add("arbiter.audit.signing-key-file=" + home.dir().resolve("signing.key"));
        return settings.toArray(String[]::new);
    }
}
