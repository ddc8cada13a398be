package dev.arbiter.audit;

import static dev.arbiter.ApplicationFixture.minor;
import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import dev.arbiter.hashing.ChainHash;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ArbiterIT
class HashChainIT {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ChainRecords records;

    Http http;
    Tampering tamper;

    @BeforeEach
    void client() {
        http = Http.workflow(context);
        // tampering needs the owner's password: Arbiter's own role may not edit the record
        tamper = new Tampering(dev.arbiter.OwnerJdbc.of(context));
    }

    /** Decides {@code n} applications and returns their decision ids, linked into the chain. */
    private List<UUID> decide(int n) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JsonNode body = http.post("/v1/decisions", steadyEmployedRenter("app-" + UUID.randomUUID()))
                    .json();
            ids.add(UUID.fromString(body.path("decisionId").asString()));
        }
        verify(null, null); // links whatever is pending
        return ids;
    }

    private JsonNode verify(Long from, Long to) {
        String query = (from == null ? "" : "from=" + from) + (to == null ? "" : "&to=" + to);
        var answer = http.get("/v1/audit/verify?" + query);
        assertThat(answer.status()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void everyStoredDecisionIsALinkAndAnUntouchedChainVerifiesIntact() {
        List<UUID> ids = decide(3);
        long first = tamper.position(ids.get(0));

        JsonNode report = verify(first, first + 2);

        assertThat(report.path("intact").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("linksChecked").asLong()).isEqualTo(3);
        assertThat(report.path("problem").isNull()).isTrue();
        assertThat(tamper.position(ids.get(2))).isEqualTo(first + 2);
    }

    /**
     * The chain entry is hashed from the row the insert returned, not from a read-back: for every
     * shape of that row (with and without monitoring fields, personal data, a national id, terms)
     * the hash written must be the one the verifier computes from the stored rows.
     */
    @Test
    void theHashWrittenFromTheInsertIsTheHashOfTheRowsAsReadBack() {
        List<Map<String, Object>> shapes = new ArrayList<>();
        shapes.add(steadyEmployedRenter("shape-" + UUID.randomUUID()));
        var unmonitored = steadyEmployedRenter("shape-" + UUID.randomUUID());
        unmonitored.remove("monitoring");
        shapes.add(unmonitored);
        var denied = minor("shape-" + UUID.randomUUID());
        shapes.add(denied);
        var personal = steadyEmployedRenter("shape-" + UUID.randomUUID());
        personal.put("pii", new LinkedHashMap<>(Map.of("name", "Ada Example", "nationalId", "NX42Q")));
        shapes.add(personal);
        var personalUnmonitored = steadyEmployedRenter("shape-" + UUID.randomUUID());
        personalUnmonitored.remove("monitoring");
        personalUnmonitored.put("pii", new LinkedHashMap<>(Map.of("email", "ada@example.org")));
        shapes.add(personalUnmonitored);
        List<UUID> ids = new ArrayList<>();
        for (var application : shapes) {
            var answer = http.post("/v1/decisions", application);
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            ids.add(UUID.fromString(answer.json().path("decisionId").asString()));
        }
        assertThat(jdbc.sql("select count(*) from decision_pii where decision_id = any(?::uuid[])")
                        .param(ids.stream().map(UUID::toString).toArray(String[]::new))
                        .query(Integer.class)
                        .single())
                .as("decisions stored with personal data")
                .isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from decision where terms is null and id = any(?::uuid[])")
                        .param(ids.stream().map(UUID::toString).toArray(String[]::new))
                        .query(Integer.class)
                        .single())
                .as("decisions stored without terms")
                .isPositive();

        var recomputed = records.decisions(ids);
        for (UUID id : ids) {
            String written = jdbc.sql(
                            "select record_hash from chain_link where subject_kind = 'DECISION' and subject_id = ?")
                    .param(id)
                    .query(String.class)
                    .single();
            assertThat(written)
                    .as("decision %s", id)
                    .isEqualTo(recomputed.get(id).hash());
            assertThat(recomputed.get(id).problem()).isNull();
        }
    }

    @Test
    void theWholeChainVerifiesWhenNothingWasTouched() {
        decide(2);

        JsonNode report = verify(null, null);

        assertThat(report.path("intact").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("unlinked").asLong()).isZero();
    }

    @Test
    void decisionsStoredConcurrentlyAreEachLinkedOnceInAnUnbrokenChain() throws Exception {
        long before = jdbc.sql("select coalesce(max(position), 0) from chain_link")
                .query(Long.class)
                .single();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            futures.add(pool.submit(() -> http.post("/v1/decisions", steadyEmployedRenter("app-" + UUID.randomUUID()))
                    .json()
                    .path("decisionId")
                    .asString()));
        }
        List<UUID> ids = new ArrayList<>();
        for (var f : futures) {
            ids.add(UUID.fromString(f.get()));
        }
        pool.shutdown();

        JsonNode report = verify(before + 1, null);

        assertThat(report.path("intact").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("linksChecked").asLong()).isGreaterThanOrEqualTo(40);
        assertThat(ids.stream().map(tamper::position).distinct().count()).isEqualTo(40);
    }

    @Test
    void anOutcomeEditedInTheDatabaseIsFoundAsEdited() {
        List<UUID> ids = decide(3);
        long first = tamper.position(ids.get(0));
        tamper.update("update decision set outcome = 'DENY' where id = ?", ids.get(1));
        try {
            JsonNode problem = verify(first, first + 2).path("problem");

            assertThat(problem.path("kind").asString()).isEqualTo("EDITED");
            assertThat(problem.path("position").asLong()).isEqualTo(first + 1);
            assertThat(problem.path("subjectId").asString())
                    .isEqualTo(ids.get(1).toString());
        } finally {
            tamper.update("update decision set outcome = 'APPROVE' where id = ?", ids.get(1));
        }
        assertThat(verify(first, first + 2).path("intact").asBoolean()).isTrue();
    }

    @Test
    void anEditInsideAJsonDocumentIsFoundAsEdited() {
        List<UUID> ids = decide(2);
        long first = tamper.position(ids.get(0));
        var saved = tamper.save("decision", "id", ids.get(0));
        tamper.update(
                "update decision set reasons = '[{\"code\":\"R-DTI\",\"text\":\"x\"}]'::jsonb where id = ?",
                ids.get(0));
        try {
            JsonNode problem = verify(first, first + 1).path("problem");

            assertThat(problem.path("kind").asString()).isEqualTo("EDITED");
            assertThat(problem.path("position").asLong()).isEqualTo(first);
        } finally {
            tamper.update(
                    "update decision set reasons = (select reasons from json_populate_record(null::decision, ?::json)) where id = ?",
                    saved.row(),
                    ids.get(0));
        }
    }

    @Test
    void aDeletedDecisionIsFoundAsDeleted() {
        List<UUID> ids = decide(3);
        long first = tamper.position(ids.get(0));
        var monitoring = tamper.save("decision_monitoring", "decision_id", ids.get(1));
        var decision = tamper.save("decision", "id", ids.get(1));
        tamper.update("delete from decision_monitoring where decision_id = ?", ids.get(1));
        tamper.update("delete from decision where id = ?", ids.get(1));
        try {
            JsonNode problem = verify(first, first + 2).path("problem");

            assertThat(problem.path("kind").asString()).isEqualTo("DELETED");
            assertThat(problem.path("position").asLong()).isEqualTo(first + 1);
            assertThat(problem.path("subjectId").asString())
                    .isEqualTo(ids.get(1).toString());
        } finally {
            tamper.restore(decision, monitoring);
        }
        assertThat(verify(first, first + 2).path("intact").asBoolean()).isTrue();
    }

    @Test
    void aDeletedLinkIsFoundAsDeletedEvenWhenTheLaterLinksAreRenumbered() {
        List<UUID> ids = decide(3);
        long first = tamper.position(ids.get(0));
        var link = tamper.save("chain_link", "subject_id", ids.get(1));
        tamper.update("delete from chain_link where subject_id = ?", ids.get(1));
        try {
            JsonNode gap = verify(first, first + 2).path("problem");
            assertThat(gap.path("kind").asString()).isEqualTo("DELETED");
            assertThat(gap.path("position").asLong()).isEqualTo(first + 1);

            tamper.update("update chain_link set position = ? where subject_id = ?", first + 1, ids.get(2));
            JsonNode renumbered = verify(first, first + 1).path("problem");
            assertThat(renumbered.path("kind").asString()).isEqualTo("DELETED");
            assertThat(renumbered.path("position").asLong()).isEqualTo(first + 1);
        } finally {
            tamper.update("update chain_link set position = ? where subject_id = ?", first + 2, ids.get(2));
            tamper.restore(link);
        }
        assertThat(verify(first, first + 2).path("intact").asBoolean()).isTrue();
    }

    @Test
    void swappedLinksAreFoundAsReordered() {
        List<UUID> ids = decide(3);
        long first = tamper.position(ids.get(0));
        tamper.swapPositions(first + 1, first + 2);
        try {
            JsonNode problem = verify(first, first + 2).path("problem");

            assertThat(problem.path("kind").asString()).isEqualTo("REORDERED");
            assertThat(problem.path("position").asLong()).isEqualTo(first + 1);
            assertThat(problem.path("subjectId").asString())
                    .isEqualTo(ids.get(2).toString());
        } finally {
            tamper.swapPositions(first + 1, first + 2);
        }
        assertThat(verify(first, first + 2).path("intact").asBoolean()).isTrue();
    }

    @Test
    void aCheckpointSignsTheHeadAndVerifiesUnderTheExportedPublicKey() {
        decide(1);
        JsonNode checkpoint = http.post("/v1/audit/checkpoints", "").json().path("checkpoint");
        JsonNode key = http.get("/v1/audit/public-key").json();

        assertThat(checkpoint.path("keyId").asString())
                .isEqualTo(key.path("keyId").asString());
        assertThat(key.path("publicKeyPem").asString()).startsWith("-----BEGIN PUBLIC KEY-----");
        byte[] message = Checkpoint.message(
                checkpoint.path("position").asLong(),
                checkpoint.path("headHash").asString(),
                Instant.parse(checkpoint.path("signedAt").asString()),
                checkpoint.path("keyId").asString());
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(
                false,
                new Ed25519PublicKeyParameters(
                        Base64.getDecoder().decode(key.path("publicKeyBase64").asString()), 0));
        verifier.update(message, 0, message.length);
        assertThat(verifier.verifySignature(
                        Base64.getDecoder().decode(checkpoint.path("signature").asString())))
                .isTrue();
        assertThat(new String(message, StandardCharsets.UTF_8)).contains("\"headHash\"");
    }

    @Test
    void aForgedCheckpointSignatureIsFoundAsBadSignature() {
        decide(1);
        JsonNode checkpoint = http.post("/v1/audit/checkpoints", "").json().path("checkpoint");
        long id = checkpoint.path("id").asLong();
        long position = checkpoint.path("position").asLong();
        String signature = checkpoint.path("signature").asString();
        tamper.update("update chain_checkpoint set signed_at = signed_at + interval '1 second' where id = ?", id);
        try {
            JsonNode problem = verify(position, position).path("problem");

            assertThat(problem.path("kind").asString()).isEqualTo("BAD_SIGNATURE");
            assertThat(problem.path("position").asLong()).isEqualTo(position);
        } finally {
            tamper.update(
                    "update chain_checkpoint set signed_at = signed_at - interval '1 second', signature = ? where id = ?",
                    signature,
                    id);
        }
    }

    @Test
    void aRecordRewrittenTogetherWithItsLinkIsCaughtByTheSignedCheckpoint() {
        List<UUID> ids = decide(1);
        JsonNode checkpoint = http.post("/v1/audit/checkpoints", "").json().path("checkpoint");
        long position = checkpoint.path("position").asLong();
        assertThat(tamper.position(ids.get(0))).isEqualTo(position);
        var link = tamper.save("chain_link", "position", position);
        // a careful forger edits the record and rewrites its record hash and link hash to match
        tamper.update("update decision set outcome = 'DENY' where id = ?", ids.get(0));
        String forged = records.decisions(List.of(ids.get(0))).get(ids.get(0)).hash();
        String previous = jdbc.sql("select previous_hash from chain_link where position = ?")
                .param(position)
                .query(String.class)
                .single();
        tamper.update(
                "update chain_link set record_hash = ?, link_hash = ? where position = ?",
                forged,
                ChainHash.linkHash(previous, forged),
                position);
        try {
            JsonNode problem = verify(position, position).path("problem");

            assertThat(problem.path("kind").asString()).isEqualTo("EDITED");
            assertThat(problem.path("detail").asString()).contains("checkpoint");
        } finally {
            tamper.update("update decision set outcome = 'APPROVE' where id = ?", ids.get(0));
            tamper.update("delete from chain_link where position = ?", position);
            tamper.restore(link);
        }
        assertThat(verify(position, position).path("intact").asBoolean()).isTrue();
    }

    @Test
    void aRangeBeyondTheHeadHasNothingToCheck() {
        JsonNode report = verify(1_000_000_000L, null);

        assertThat(report.path("intact").asBoolean()).isTrue();
        assertThat(report.path("linksChecked").asLong()).isZero();
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsRefusedWithAProblem() {
        var answer = http.get("/v1/audit/verify?from=5&to=2");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("code").asString()).isEqualTo("INVALID_PARAMETER");
        assertThat(answer.json().path("errors").get(0).path("field").asString()).isEqualTo("to");
    }
}
