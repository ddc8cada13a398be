package dev.arbiter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.persistence.PostgresServer;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** With the database gone, a client gets 503 and no decision: none is ever given that was not stored. */
class StorageUnavailableIT {

    @Test
    void whenTheDatabaseIsDownTheClientGets503AndNoDecision() throws Exception {
        Path dataDir = Path.of("target/it-postgres/down-" + UUID.randomUUID());
        try (var context = new SpringApplicationBuilder(ArbiterApplication.class)
                .properties("server.port=0", "arbiter.db.data-dir=" + dataDir,
                        "arbiter.security.keys-dir=" + dataDir + "-keys")
                .run()) {
            Http http = Http.to(context, "originator");
            context.getBean(PostgresServer.class).close();

            var answer = http.post("/v1/decisions", ApplicationFixture.steadyEmployedRenter("down-1"));

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().path("code").asString()).isEqualTo("STORAGE_UNAVAILABLE");
            assertThat(answer.json().has("decisionId")).isFalse();
            assertThat(answer.json().has("outcome")).isFalse();
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        }
    }
}
