package dev.arbiter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ApplicationFixture;
import dev.arbiter.ArbiterInstances;
import dev.arbiter.Http;
import dev.arbiter.OwnerJdbc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With the database gone, a client gets 503 and no decision: none is ever given that was not stored. */
class StorageUnavailableIT {

    @RegisterExtension
    final ArbiterInstances arbiters = new ArbiterInstances();

    @Test
    void whenTheDatabaseIsDownTheClientGets503AndNoDecision() throws Exception {
        try (var context = arbiters.start(arbiters.home("down"))) {
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

    /** The read of a decision records its nonce in the statement that reads it: without the database, neither. */
    @Test
    void whenTheDatabaseIsDownAReadGets503AndNothing() throws Exception {
        try (var context = arbiters.start(arbiters.home("down-read"))) {
            Http http = Http.to(context, "originator");
            var decided = http.post("/v1/decisions", ApplicationFixture.steadyEmployedRenter("down-read-1"));
            assertThat(decided.status()).as(decided.body()).isEqualTo(201);
            String path = "/v1/decisions/" + decided.json().path("decisionId").asString();
            assertThat(http.get(path).status()).isEqualTo(200);
            context.getBean(PostgresServer.class).close();

            var answer = http.get(path);

            assertThat(answer.status()).as(answer.body()).isEqualTo(503);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().path("code").asString()).isEqualTo("STORAGE_UNAVAILABLE");
            assertThat(answer.json().has("outcome")).isFalse();
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    void whenStoringFailsMidwayTheDecisionIsRolledBackAndNotGiven() {
        try (var context = arbiters.start(arbiters.home("half"))) {
            Http http = Http.to(context, "originator");
            var jdbc = OwnerJdbc.of(context);
            // the request is authenticated and decided; the last write of the decision's transaction fails
            jdbc.sql("alter table chain_link rename to chain_link_away").update();

            var answer = http.post("/v1/decisions", ApplicationFixture.steadyEmployedRenter("half-1"));

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.json().path("code").asString()).isEqualTo("STORAGE_UNAVAILABLE");
            assertThat(answer.json().has("outcome")).isFalse();
            assertThat(jdbc.sql("select count(*) from decision where application_id = 'half-1'")
                            .query(Integer.class)
                            .single())
                    .isZero();
        }
    }
}
