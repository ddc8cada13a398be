package dev.arbiter.rules;

import static dev.arbiter.RulesetFixture.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.ApplicationFixture;
import dev.arbiter.ArbiterInstances;
import dev.arbiter.Http;
import dev.arbiter.RulesetFixture;
import dev.arbiter.storage.PostgresServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Two Arbiter nodes on one database: what one activates, the other serves shortly after. */
class TwoNodesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    final ArbiterInstances arbiters = new ArbiterInstances();

    private static Http http(ConfigurableApplicationContext context) {
        return Http.to(context, "originator");
    }

    private static String decidedVersion(Http http) {
        return http.post("/v1/decisions", ApplicationFixture.steadyEmployedRenter("node-" + UUID.randomUUID()))
                .json()
                .path("rulesetVersion")
                .asString();
    }

    @Test
    void anActivationOnOneNodeReachesTheOtherThroughTheDatabase() {
        // the second node shares the first's home: its database by URL, and the local keys with
        // the master key that sealed them from the same folder
        ArbiterInstances.Home home = arbiters.home("two-nodes");
        try (var first = arbiters.start(home)) {
            // a check interval far beyond the test: only the notification can bring the change in time
            try (var second = arbiters.start(home, secondNode(first, home, "arbiter.rulesets.sync-interval=1h"))) {
                var alice = person(first, "alice");
                var bob = person(first, "bob");
                Http one = alice.http();
                Http two = http(second);
                String shipped = RulesetFixture.activeVersion(one);
                assertThat(decidedVersion(two)).isEqualTo(shipped);
                String stricter = RulesetFixture.approved(alice, bob, RulesetFixture.minimumAgeForty());

                assertThat(bob.http()
                                .post("/v1/rulesets/" + stricter + "/activate", "")
                                .status())
                        .isEqualTo(200);

                await().atMost(PATIENCE)
                        .pollInterval(Duration.ofMillis(50))
                        .untilAsserted(() -> assertThat(decidedVersion(two)).isEqualTo(stricter));
                assertThat(decidedVersion(one)).isEqualTo(stricter);
            }
        }
    }

    @Test
    void aNodeStartingOnADatabaseWithAnActiveVersionServesThatVersion() {
        ArbiterInstances.Home home = arbiters.home("two-nodes");
        try (var first = arbiters.start(home)) {
            var alice = person(first, "alice");
            var bob = person(first, "bob");
            String stricter = RulesetFixture.approved(alice, bob, RulesetFixture.minimumAgeForty());
            assertThat(bob.http()
                            .post("/v1/rulesets/" + stricter + "/activate", "")
                            .status())
                    .isEqualTo(200);

            try (var second = arbiters.start(home, secondNode(first, home))) {
                assertThat(decidedVersion(http(second))).isEqualTo(stricter);
            }
        }
    }

    /**
     * A second node on the first one's database, logged in with the same roles, with its own
     * checkpoint file (the default would be under ./data, beside a developer's own).
     */
    private static String[] secondNode(ApplicationContext first, ArbiterInstances.Home home, String... more) {
        PostgresServer db = first.getBean(PostgresServer.class);
        List<String> properties = new ArrayList<>(List.of(
                "arbiter.db.url=" + db.jdbcUrl(),
                "arbiter.db.username=" + db.app().username(),
                "arbiter.db.password=" + db.app().password(),
                "arbiter.db.owner-username=" + db.owner().username(),
                "arbiter.db.owner-password=" + db.owner().password(),
                "arbiter.audit.checkpoint-file=" + home.dir().resolve("second-node-checkpoints.jsonl")));
        properties.addAll(List.of(more));
        return properties.toArray(String[]::new);
    }
}
