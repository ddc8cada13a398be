package dev.arbiter.rules;

import dev.arbiter.ApplicationFixture;
import dev.arbiter.ArbiterApplication;
import dev.arbiter.Http;
import dev.arbiter.RulesetFixture;
import dev.arbiter.storage.PostgresServer;
import static dev.arbiter.RulesetFixture.person;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Two Arbiter nodes on one database: what one activates, the other serves shortly after. */
class TwoNodesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static Http http(ConfigurableApplicationContext context) {
        return Http.to(context, "originator");
    }

    private static String decidedVersion(Http http) {
        return http.post("/v1/decisions", ApplicationFixture.steadyEmployedRenter("node-" + UUID.randomUUID()))
                .json().path("rulesetVersion").asString();
    }

    @Test
    void anActivationOnOneNodeReachesTheOtherThroughTheDatabase() throws Exception {
        Path dataDir = Path.of("target/it-postgres/two-nodes-" + UUID.randomUUID());
        // both nodes read the local keys and the master key that sealed them from one folder
        String keys = "arbiter.security.keys-dir=target/it-keys/two-nodes-" + UUID.randomUUID();
        try (var first = new SpringApplicationBuilder(ArbiterApplication.class)
                .properties("server.port=0", "arbiter.db.data-dir=" + dataDir, keys).run()) {
            // a check interval far beyond the test: only the notification can bring the change in time
            try (var second = new SpringApplicationBuilder(ArbiterApplication.class)
                    .properties(secondNode(first)).properties(
                            // the second node's default checkpoint file would be under ./data, beside a developer's own
                            "arbiter.audit.checkpoint-file=" + dataDir + "-second-node-checkpoints.jsonl", "arbiter.rulesets.sync-interval=1h", keys).run()) {
                var alice = person(first, "alice");
                var bob = person(first, "bob");
                Http one = alice.http();
                Http two = http(second);
                String shipped = RulesetFixture.activeVersion(one);
                assertThat(decidedVersion(two)).isEqualTo(shipped);
                String stricter = RulesetFixture.approved(alice, bob, RulesetFixture.minimumAgeForty());

                assertThat(bob.http().post("/v1/rulesets/" + stricter + "/activate", "").status()).isEqualTo(200);

                long deadline = System.nanoTime() + PATIENCE.toNanos();
                String served = decidedVersion(two);
                while (!served.equals(stricter) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                    served = decidedVersion(two);
                }
                assertThat(served).isEqualTo(stricter);
                assertThat(decidedVersion(one)).isEqualTo(stricter);
            }
        }
    }

    @Test
    void aNodeStartingOnADatabaseWithAnActiveVersionServesThatVersion() {
        Path dataDir = Path.of("target/it-postgres/two-nodes-" + UUID.randomUUID());
        // both nodes read the local keys and the master key that sealed them from one folder
        String keys = "arbiter.security.keys-dir=target/it-keys/two-nodes-" + UUID.randomUUID();
        try (var first = new SpringApplicationBuilder(ArbiterApplication.class)
                .properties("server.port=0", "arbiter.db.data-dir=" + dataDir, keys).run()) {
            var alice = person(first, "alice");
            var bob = person(first, "bob");
            String stricter = RulesetFixture.approved(alice, bob, RulesetFixture.minimumAgeForty());
            assertThat(bob.http().post("/v1/rulesets/" + stricter + "/activate", "").status()).isEqualTo(200);

            try (var second = new SpringApplicationBuilder(ArbiterApplication.class)
                    .properties(secondNode(first)).properties(
                            // the second node's default checkpoint file would be under ./data, beside a developer's own
                            "arbiter.audit.checkpoint-file=" + dataDir + "-second-node-checkpoints.jsonl", keys).run()) {
                assertThat(decidedVersion(http(second))).isEqualTo(stricter);
            }
        }
    }

    /** A second node on the first one's database, logged in with the same roles as the first. */
    private static String[] secondNode(org.springframework.context.ApplicationContext first) {
        PostgresServer db = first.getBean(PostgresServer.class);
        return new String[] {"server.port=0", "arbiter.db.url=" + db.jdbcUrl(),
                "arbiter.db.username=" + db.app().username(), "arbiter.db.password=" + db.app().password(),
                "arbiter.db.owner-username=" + db.owner().username(), "arbiter.db.owner-password=" + db.owner().password()};
    }
}
