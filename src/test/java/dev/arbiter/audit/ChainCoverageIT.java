package dev.arbiter.audit;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The columns that decide who may read a decision, and the sealed personal data beside it, are
 * covered by the chain: changing or deleting them in the database is found by verify, while
 * the legitimate removal (a forget through the API) leaves a chained event verify accepts.
 */
@ArbiterIT
class ChainCoverageIT {

    @Autowired
    ApplicationContext context;

    /** Rows are edited as an attacker holding the schema owner's password: Arbiter's own role may not. */
    JdbcClient jdbc;

    Http auditor;
    Tampering tamper;

    @BeforeEach
    void client() {
        jdbc = dev.arbiter.OwnerJdbc.of(context);
        auditor = Http.to(context, "auditor");
        tamper = new Tampering(jdbc);
    }

    private UUID decideWithPersonalData() {
        Map<String, Object> app = steadyEmployedRenter("cov-" + UUID.randomUUID());
        Map<String, Object> pii = new LinkedHashMap<>();
        pii.put("name", "Ottilie Brandvold");
        pii.put("nationalId", "NC" + (100000 + (int) (Math.random() * 800000)) + "K");
        app.put("pii", pii);
        var answer = Http.to(context, "originator").post("/v1/decisions", app);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        UUID id = UUID.fromString(answer.json().path("decisionId").asString());
        auditor.get("/v1/audit/verify"); // links whatever is pending
        return id;
    }

    private JsonNode verify(long position) {
        var answer = auditor.get("/v1/audit/verify?from=" + position + "&to=" + position);
        assertThat(answer.status()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void aDecisionHandedToAnotherClientIsFoundAsEdited() {
        UUID id = decideWithPersonalData();
        long position = tamper.position(id);
        String owner = jdbc.sql("select client_id from decision where id = ?")
                .param(id)
                .query(String.class)
                .single();
        assertThat(owner).isNotBlank();
        tamper.update("update decision set client_id = 'someone-else' where id = ?", id);
        try {
            assertThat(Http.to(context, "originator").get("/v1/decisions/" + id).status())
                    .as("the owner no longer sees it")
                    .isEqualTo(404);

            JsonNode report = verify(position);

            assertThat(report.path("intact").asBoolean()).as(report.toString()).isFalse();
            assertThat(report.path("problem").path("kind").asString()).isEqualTo("EDITED");
            assertThat(report.path("problem").path("subjectId").asString()).isEqualTo(id.toString());
        } finally {
            tamper.update("update decision set client_id = ? where id = ?", owner, id);
        }
        assertThat(verify(position).path("intact").asBoolean()).isTrue();
    }

    @Test
    void aDeletedPersonalDataRowIsFoundAsEdited() {
        UUID id = decideWithPersonalData();
        long position = tamper.position(id);
        var pii = tamper.save("decision_pii", "decision_id", id);
        tamper.update("delete from decision_pii where decision_id = ?", id);
        try {
            JsonNode report = verify(position);

            assertThat(report.path("intact").asBoolean()).as(report.toString()).isFalse();
            assertThat(report.path("problem").path("kind").asString()).isEqualTo("EDITED");
            assertThat(report.path("problem").path("subjectId").asString()).isEqualTo(id.toString());
        } finally {
            tamper.restore(pii);
        }
        assertThat(verify(position).path("intact").asBoolean()).isTrue();
    }

    @Test
    void personalDataSwappedForAnotherDecisionsIsFoundAsEdited() {
        UUID id = decideWithPersonalData();
        UUID other = decideWithPersonalData();
        long position = tamper.position(id);
        var pii = tamper.save("decision_pii", "decision_id", id);
        tamper.update("""
                update decision_pii p set sealed = o.sealed, wrapped_key = o.wrapped_key, national_id_hash = o.national_id_hash
                  from decision_pii o where p.decision_id = ? and o.decision_id = ?
                """, id, other);
        try {
            JsonNode report = verify(position);

            assertThat(report.path("problem").path("kind").asString())
                    .as(report.toString())
                    .isEqualTo("EDITED");
        } finally {
            tamper.update("delete from decision_pii where decision_id = ?", id);
            tamper.restore(pii);
        }
        assertThat(verify(position).path("intact").asBoolean()).isTrue();
    }

    @Test
    void aForgetThroughTheApiIsChainedAndVerifiesButTheSameRemovalBySqlDoesNot() {
        UUID forgottenById = decideWithPersonalData();
        UUID forgottenBySql = decideWithPersonalData();

        var forgotten = Http.to(context, "admin").delete("/v1/decisions/" + forgottenById + "/pii");
        assertThat(forgotten.status()).as(forgotten.body()).isEqualTo(204);
        var pii = tamper.save("decision_pii", "decision_id", forgottenBySql);
        tamper.update("""
                update decision_pii set wrapped_key = null, sealed = null, national_id_hash = null, forgotten_at = now()
                 where decision_id = ?
                """, forgottenBySql);
        try {
            JsonNode legitimate = verify(tamper.position(forgottenById));
            JsonNode unexplained = verify(tamper.position(forgottenBySql));

            assertThat(legitimate.path("intact").asBoolean())
                    .as(legitimate.toString())
                    .isTrue();
            assertThat(jdbc.sql("""
                    select count(*) from decision_event e join chain_link c on c.subject_id = e.id
                     where e.decision_id = ? and e.kind = 'PERSONAL_DATA_FORGOTTEN'
                    """).param(forgottenById).query(Integer.class).single())
                    .isEqualTo(1);
            assertThat(unexplained.path("intact").asBoolean())
                    .as(unexplained.toString())
                    .isFalse();
            assertThat(unexplained.path("problem").path("detail").asString()).contains("without a recorded forget");
        } finally {
            tamper.update("delete from decision_pii where decision_id = ?", forgottenBySql);
            tamper.restore(pii);
        }
    }

    @Test
    void aRecordPassedOffAsTheOlderLayoutIsFoundAsEdited() {
        UUID id = decideWithPersonalData();
        long position = tamper.position(id);
        tamper.update("update decision set record_layout = 1 where id = ?", id);
        try {
            JsonNode report = verify(position);

            assertThat(report.path("problem").path("kind").asString())
                    .as(report.toString())
                    .isEqualTo("EDITED");
        } finally {
            tamper.update("update decision set record_layout = 2 where id = ?", id);
        }
        assertThat(verify(position).path("intact").asBoolean()).isTrue();
    }
}
