package dev.arbiter.personaldata;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.RuleEvaluator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Personal data: sealed at rest, masked for every role but auditor, found only by a keyed hash
 * of the national id, never logged nor given to models, and forgotten by deleting its key.
 */
@ArbiterIT
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataIT {

    private static final String NAME = "Wilhelmina Quarterman";
    private static final String EMAIL = "wilhelmina.q@example.org";
    private static final String PHONE = "+49 30 5550172";

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DecisionService decisions;

    @Autowired
    RuleEvaluator rules;

    private static String nationalId() {
        return "NX" + (100000 + (int) (Math.random() * 800000)) + "Q";
    }

    private static Map<String, Object> withPii(String applicationId, String nationalId) {
        Map<String, Object> app = steadyEmployedRenter(applicationId);
        Map<String, Object> pii = new LinkedHashMap<>();
        pii.put("name", NAME);
        pii.put("nationalId", nationalId);
        pii.put("email", EMAIL);
        pii.put("phone", PHONE);
        app.put("pii", pii);
        return app;
    }

    private JsonNode decide(String nationalId) {
        var answer =
                Http.to(context, "originator").post("/v1/decisions", withPii("pii-" + UUID.randomUUID(), nationalId));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json();
    }

    private String storedRow(String decisionId) {
        return jdbc.sql("""
                select d::text || coalesce(m::text, '') || coalesce(p::text, '')
                  from decision d left join decision_monitoring m on m.decision_id = d.id
                  left join decision_pii p on p.decision_id = d.id where d.id = ?::uuid
                """).param(decisionId).query(String.class).single();
    }

    @Test
    void personalDataIsMaskedForEveryRoleButAuditorAndStoredOnlyEncrypted(CapturedOutput output) {
        String nationalId = nationalId();
        JsonNode decided = decide(nationalId);
        String id = decided.path("decisionId").asString();

        assertThat(decided.path("pii").path("masked").asBoolean()).isTrue();
        assertThat(decided.path("pii").path("name").asString()).isEqualTo("W*** Q***");
        assertThat(decided.path("pii").path("email").asString()).isEqualTo("w***@example.org");
        assertThat(decided.path("pii").path("nationalId").asString())
                .isEqualTo("***" + nationalId.substring(nationalId.length() - 2));
        for (String role : List.of("originator", "reviewer")) {
            var seen = Http.to(context, role).get("/v1/decisions/" + id);
            assertThat(seen.body()).as(role).doesNotContain(NAME, nationalId, EMAIL, PHONE);
            assertThat(seen.json().path("pii").path("masked").asBoolean()).isTrue();
        }
        JsonNode audited =
                Http.to(context, "auditor").get("/v1/decisions/" + id).json();
        assertThat(audited.path("pii").path("name").asString()).isEqualTo(NAME);
        assertThat(audited.path("pii").path("nationalId").asString()).isEqualTo(nationalId);
        assertThat(audited.path("pii").path("masked").asBoolean()).isFalse();

        String row = storedRow(id);
        assertThat(row).contains(id).doesNotContain(NAME, nationalId, EMAIL, PHONE, "Wilhelmina");
        assertThat(output).doesNotContain(NAME, nationalId, EMAIL, PHONE, "Wilhelmina");
    }

    @Test
    void modelsNeverSeePersonalData() {
        String nationalId = nationalId();
        String id = decide(nationalId).path("decisionId").asString();

        String modelsSaw = jdbc.sql(
                        "select application::text || scores::text || features::text from decision where id = ?::uuid")
                .param(id)
                .query(String.class)
                .single();
        assertThat(modelsSaw).doesNotContain(NAME, nationalId, EMAIL, PHONE);
        String fingerprint = jdbc.sql("select request_fingerprint from decision where id = ?::uuid")
                .param(id)
                .query(String.class)
                .single();
        assertThat(fingerprint).matches("[0-9a-f]{64}");
    }

    @Test
    void anAuditorFindsDecisionsByNationalIdWrittenAnyWay(CapturedOutput output) {
        String nationalId = nationalId();
        String first = decide(nationalId).path("decisionId").asString();
        String second = decide(nationalId).path("decisionId").asString();
        decide(nationalId());
        String spaced = nationalId.substring(0, 4) + " " + nationalId.substring(4, 6) + "-"
                + nationalId.substring(6).toLowerCase();

        var found = Http.to(context, "auditor").post("/v1/pii/search", Map.of("nationalId", spaced));

        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.json()
                        .path("decisionIds")
                        .valueStream()
                        .map(JsonNode::asString)
                        .toList())
                .containsExactly(first, second);
        assertThat(output).doesNotContain(nationalId);
    }

    @Test
    void aRepeatedRequestWithTheSamePersonalDataIsTheSameRequestAndOtherPersonalDataConflicts() {
        String applicationId = "pii-" + UUID.randomUUID();
        String nationalId = nationalId();
        Http originator = Http.to(context, "originator");
        var first = originator.post("/v1/decisions", withPii(applicationId, nationalId));
        var again = originator.post("/v1/decisions", withPii(applicationId, nationalId));
        var other = originator.post("/v1/decisions", withPii(applicationId, nationalId()));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("decisionId")).isEqualTo(first.json().path("decisionId"));
        assertThat(other.status()).isEqualTo(409);
    }

    @Test
    void forgettingADecisionsPersonalDataLeavesTheDecisionIntact() {
        String nationalId = nationalId();
        JsonNode decided = decide(nationalId);
        String id = decided.path("decisionId").asString();
        Http auditor = Http.to(context, "auditor");

        var forgotten = Http.to(context, "admin").delete("/v1/decisions/" + id + "/pii");

        assertThat(forgotten.status()).as(forgotten.body()).isEqualTo(204);
        var after = auditor.get("/v1/decisions/" + id);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().has("pii")).isFalse();
        assertThat(after.json().path("outcome")).isEqualTo(decided.path("outcome"));
        assertThat(after.json().path("reasons")).isEqualTo(decided.path("reasons"));
        assertThat(auditor.post("/v1/pii/search", Map.of("nationalId", nationalId))
                        .json()
                        .path("decisionIds")
                        .isEmpty())
                .isTrue();
        assertThat(jdbc.sql("select count(*) from decision_pii where decision_id = ?::uuid and wrapped_key is null "
                                + "and sealed is null and national_id_hash is null and forgotten_at is not null")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        var stored = decisions.find(UUID.fromString(id)).orElseThrow();
        assertThat(stored.submission().personalData()).isNull();
        assertThat(decisions.reevaluate(stored, rules))
                .as("the decision still replays to itself")
                .isEqualTo(stored.decision());
        var twice = auditor.delete("/v1/decisions/" + id + "/pii");
        assertThat(twice.status()).isEqualTo(404);
        assertThat(twice.code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void invalidPersonalDataIsRefusedWithoutEchoingIt() {
        Map<String, Object> app = withPii("pii-" + UUID.randomUUID(), nationalId());
        @SuppressWarnings("unchecked")
        Map<String, Object> pii = (Map<String, Object>) app.get("pii");
        pii.put("email", "not-an-address-wilhelmina");

        var answer = Http.to(context, "originator").post("/v1/decisions", app);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("errors").get(0).path("field").asString()).isEqualTo("pii.email");
        assertThat(answer.body()).doesNotContain("not-an-address-wilhelmina");
    }
}
