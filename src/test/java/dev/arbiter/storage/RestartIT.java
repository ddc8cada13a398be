package dev.arbiter.storage;

import dev.arbiter.ApplicationFixture;
import dev.arbiter.ArbiterApplication;
import dev.arbiter.Http;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Arbiter started, stopped and started again on the same data directory, as a user would. */
class RestartIT {

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(ArbiterApplication.class)
                .properties("server.port=0", "arbiter.db.data-dir=" + dataDir,
                        "arbiter.security.keys-dir=" + dataDir.resolveSibling(dataDir.getFileName() + "-keys"))
                .run();
    }

    private static Http http(ConfigurableApplicationContext context) {
        return Http.to(context, "originator");
    }

    @Test
    void keysAndDecisionsSurviveARestartOnTheSameDataDirectory() {
        Path dataDir = Path.of("target/it-postgres/restart-" + UUID.randomUUID());
        JsonNode decided;
        try (var first = start(dataDir)) {
            decided = http(first).post("/v1/decisions", ApplicationFixture.steadyEmployedRenter("restart-1")).json();
        }

        try (var second = start(dataDir)) {
            var fetched = http(second).get("/v1/decisions/" + decided.path("decisionId").asString());

            assertThat(fetched.status()).isEqualTo(200);
            assertThat(fetched.json()).isEqualTo(decided);
        }
    }
}
