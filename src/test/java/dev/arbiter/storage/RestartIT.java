package dev.arbiter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ApplicationFixture;
import dev.arbiter.ArbiterInstances;
import dev.arbiter.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Arbiter started, stopped and started again on the same data directory, as a user would. */
class RestartIT {

    @RegisterExtension
    final ArbiterInstances arbiters = new ArbiterInstances();

    private static Http http(ConfigurableApplicationContext context) {
        return Http.to(context, "originator");
    }

    @Test
    void keysAndDecisionsSurviveARestartOnTheSameDataDirectory() {
        ArbiterInstances.Home home = arbiters.home("restart");
        JsonNode decided;
        try (var first = arbiters.start(home)) {
            decided = http(first)
                    .post("/v1/decisions", ApplicationFixture.steadyEmployedRenter("restart-1"))
                    .json();
        }

        try (var second = arbiters.start(home)) {
            var fetched = http(second)
                    .get("/v1/decisions/" + decided.path("decisionId").asString());

            assertThat(fetched.status()).isEqualTo(200);
            assertThat(fetched.json()).isEqualTo(decided);
        }
    }
}
