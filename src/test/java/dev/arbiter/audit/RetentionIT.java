package dev.arbiter.audit;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.Http;
import dev.arbiter.hashing.ChainHash;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Arbiter with EU records due for purging at once and US records kept 25 months. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "arbiter.db.data-dir=target/it-postgres/${random.uuid}",
            "arbiter.security.keys-dir=target/it-keys/${random.uuid}",
            "arbiter.security.rate-limit=1000000",
            "arbiter.audit.retention.regions.EU=P0D",
            "arbiter.audit.retention.regions.US=P25M",
            "arbiter.audit.retention.purge-interval=0"
        })
class RetentionIT {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

    @LocalServerPort
    int port;

    /** Rows are edited as an attacker holding the schema owner's password: Arbiter's own role may not. */
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void client() {
        jdbc = dev.arbiter.OwnerJdbc.of(context);
        http = Http.workflow(context);
    }

    private String decide(String region) {
        Map<String, Object> app = steadyEmployedRenter("app-" + UUID.randomUUID());
        app.put("dataRegion", region);
        return http.post("/v1/decisions", app).json().path("decisionId").asString();
    }

    private OffsetDateTime column(String column, String id) {
        return jdbc.sql("select " + column + " from decision where id = ?::uuid")
                .param(id)
                .query(OffsetDateTime.class)
                .single();
    }

    private long position(String id) {
        http.get("/v1/audit/verify");
        return jdbc.sql("select position from chain_link where subject_id = ?::uuid")
                .param(id)
                .query(Long.class)
                .single();
    }

    private JsonNode verify(long position) {
        return http.get("/v1/audit/verify?from=" + position + "&to=" + position).json();
    }

    @Test
    void eachRecordIsKeptUntilItsRegionsRuleSays() {
        String us = decide("US");
        String eu = decide("EU");

        assertThat(column("retain_until", us))
                .isEqualTo(column("decided_at", us)
                        .withOffsetSameInstant(ZoneOffset.UTC)
                        .plusMonths(25));
        assertThat(column("retain_until", eu)).isEqualTo(column("decided_at", eu));
    }

    @Test
    void aPurgeRemovesPersonalDataPastItsDateAndTheChainStillVerifies() {
        String eu = decide("EU");
        String us = decide("US");
        long position = position(eu);

        JsonNode purged = http.post("/v1/audit/purge", "").json();

        assertThat(purged.path("purged").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select application::text from decision where id = ?::uuid")
                        .param(eu)
                        .query(String.class)
                        .single())
                .isEqualTo("null");
        assertThat(jdbc.sql("select count(*) from decision_monitoring where decision_id = ?::uuid")
                        .param(eu)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select application::text from decision where id = ?::uuid")
                        .param(us)
                        .query(String.class)
                        .single())
                .contains("applicant");
        assertThat(verify(position).path("intact").asBoolean())
                .as(verify(position).toString())
                .isTrue();
        assertThat(http.get("/v1/decisions/" + eu).json().path("outcome").asString())
                .isEqualTo("APPROVE");
        assertThat(http.get("/v1/decisions/" + eu + "/adverse-action").status()).isEqualTo(200);
        var replay = http.post("/v1/decisions/" + eu + "/replay", "");
        assertThat(replay.status()).isEqualTo(410);
        assertThat(replay.json().path("code").asString()).isEqualTo("DECISION_PURGED");
    }

    @Test
    void personalDataRemovedBeforeItsDateIsFoundAsEdited() {
        String us = decide("US");
        long position = position(us);
        String application = jdbc.sql("select application::text from decision where id = ?::uuid")
                .param(us)
                .query(String.class)
                .single();
        jdbc.sql("""
                update decision set application = 'null'::jsonb, purged_at = decided_at,
                       purged_digests = jsonb_build_object('application', ?::text) where id = ?::uuid
                """).params("0".repeat(64), us).update();
        try {
            JsonNode problem = verify(position).path("problem");

            assertThat(problem.path("kind").asString()).isEqualTo("EDITED");
            assertThat(problem.path("detail").asString()).contains("retention");
        } finally {
            jdbc.sql(
                            "update decision set application = ?::jsonb, purged_at = null, purged_digests = null where id = ?::uuid")
                    .params(application, us)
                    .update();
        }
        assertThat(verify(position).path("intact").asBoolean()).isTrue();
    }

    @Test
    void aPurgeRecordNamingTheOutcomeAndReasonsDoesNotHideThemBeingRewritten() {
        String eu = decide("EU");
        long position = position(eu);
        String outcome = jdbc.sql("select outcome from decision where id = ?::uuid")
                .param(eu)
                .query(String.class)
                .single();
        String reasons = jdbc.sql("select reasons::text from decision where id = ?::uuid")
                .param(eu)
                .query(String.class)
                .single();
        String forged = outcome.equals("APPROVE") ? "DENY" : "APPROVE";
        // the attack: rewrite the outcome and reasons, and claim that a purge removed those parts
        String claimed = JsonMapper.builder()
                .build()
                .writeValueAsString(Map.of(
                        "outcome", ChainHash.partDigest(ChainHash.LAYOUT, outcome),
                        "reasons",
                                ChainHash.partDigest(
                                        ChainHash.LAYOUT,
                                        JsonMapper.builder().build().readValue(reasons, Object.class))));
        jdbc.sql("""
                update decision set outcome = ?, reasons = '[]'::jsonb, purged_at = now(), purged_digests = ?::jsonb
                 where id = ?::uuid
                """).params(forged, claimed, eu).update();
        try {
            assertThat(http.get("/v1/decisions/" + eu).json().path("outcome").asString())
                    .as("readers are shown the rewritten outcome")
                    .isEqualTo(forged);

            JsonNode report = verify(position);

            assertThat(report.path("intact").asBoolean()).as(report.toString()).isFalse();
            assertThat(report.path("problem").path("kind").asString()).isEqualTo("EDITED");
            assertThat(report.path("problem").path("subjectId").asString()).isEqualTo(eu);
            assertThat(report.path("problem").path("detail").asString())
                    .contains("[outcome, reasons]")
                    .contains("not personal data");
        } finally {
            jdbc.sql("""
                    update decision set outcome = ?, reasons = ?::jsonb, purged_at = null, purged_digests = null
                     where id = ?::uuid
                    """).params(outcome, reasons, eu).update();
        }
        assertThat(verify(position).path("intact").asBoolean()).isTrue();
    }

    @Test
    void aPurgeAlsoRemovesTheSealedPersonalDataAndTheChainStillVerifies() {
        Map<String, Object> app = steadyEmployedRenter("app-" + UUID.randomUUID());
        app.put("dataRegion", "EU");
        app.put("pii", Map.of("name", "Adaeze Okonkwo-Lindqvist", "email", "a.ol@example.org"));
        String eu = http.post("/v1/decisions", app).json().path("decisionId").asString();
        long position = position(eu);

        http.post("/v1/audit/purge", "");

        assertThat(jdbc.sql("select count(*) from decision_pii where decision_id = ?::uuid and sealed is null"
                                + " and wrapped_key is null")
                        .param(eu)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select purged_digests -> 'personalData' is not null from decision where id = ?::uuid")
                        .param(eu)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(verify(position).path("intact").asBoolean())
                .as(verify(position).toString())
                .isTrue();
    }
}
